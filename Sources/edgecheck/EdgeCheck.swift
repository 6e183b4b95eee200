import ArgumentParser
import EdgeCheckCore

/// The `edgecheck` command: subcommands live in their own files as extensions.
@main
struct EdgeCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgecheck",
        abstract: "Diagnose and verify the front door of a web service.",
        version: EdgeCheckVersion.current
    )
}
