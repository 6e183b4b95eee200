import ArgumentParser
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks
import Foundation

/// The `edgecheck` command: subcommands live in their own files as extensions.
@main
struct EdgeCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgecheck",
        abstract: "Diagnose and verify the front door of a web service.",
        discussion: """
            Exit status: 0 every check passed (or warned, without --strict); 1 a check failed or \
            errored; 2 invalid invocation or suite, nothing run; 130 interrupted, reports written.
            """,
        version: EdgeCheckVersion.current,
        subcommands: [Run.self, Watch.self, Serve.self, Validate.self, List.self, Init.self, Diff.self, Allowlist.self]
    )

    /// Runs the command line, with the contract's exit codes: an invalid invocation exits 2 (not
    /// swift-argument-parser's 64), help and version 0, and a command's own `ExitCode` as thrown.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            // A line that reads as a run will probe: libcurl and OpenSSL set themselves up while
            // the line is validated and the suites load. Help and usage errors that decline the
            // quick parser never start loading libcurl.
            if let invocation = QuickRunParser.invocation(arguments, recognised: Prober.prepare) {
                let loaded = try invocation.load()
                try await invocation.execute(loaded)
            } else {
                var command = try parseAsRoot(arguments)
                if var command = command as? AsyncParsableCommand {
                    try await command.run()
                } else {
                    try command.run()
                }
            }
        } catch let code as ExitCode {
            leave(code.rawValue)
        } catch {
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success {
                // Help and --version, on stdout as swift-argument-parser's own exit prints them.
                if !message.isEmpty { print(message) }
                leave(0)
            }
            Diagnostics.error(message)
            leave(Diagnostics.invalidInvocation)
        }
        leave(0)
    }

    /// Ends the process once a command has written everything it writes (reports go out through
    /// unbuffered writes, stdout's buffer is flushed here). `_exit` skips the exit handlers: they
    /// only free memory the kernel reclaims anyway (OpenSSL's cleanup alone costs about a
    /// millisecond), and OpenSSL's would free its state under the engine's threads, which may
    /// still be setting up (`run --help`) or in a handshake.
    static func leave(_ code: Int32) -> Never {
        fflush(nil)
        _exit(code)
    }
}
