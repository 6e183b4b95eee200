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
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            Diagnostics.error(fullMessage(for: error))
            exit(withError: ExitCode(Diagnostics.invalidInvocation))
        }
    }
}
