import ArgumentParser
import EdgeCheckCore
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
        subcommands: [Run.self, Validate.self, List.self]
    )

    /// Runs the command line, with the contract's exit codes: an invalid invocation exits 2 (not
    /// swift-argument-parser's 64), help and version 0, and a command's own `ExitCode` as thrown.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // A run will probe: let libcurl and OpenSSL set themselves up while the suites load.
        if arguments.first == "run" { Prober.prepare() }
        do {
            if let invocation = QuickRunParser.invocation(arguments) {
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
            if exitCode(for: error) == .success { exit(withError: error) }
            Diagnostics.error(fullMessage(for: error))
            exit(withError: ExitCode(Diagnostics.invalidInvocation))
        }
        leave(0)
    }

    /// Ends the process once a command has written everything it writes (reports go out through
    /// unbuffered writes): `_exit` skips the exit handlers, which only free memory the kernel
    /// reclaims anyway (OpenSSL's cleanup alone costs about a millisecond).
    private static func leave(_ code: Int32) -> Never {
        fflush(nil)
        _exit(code)
    }
}
