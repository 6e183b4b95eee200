import ArgumentParser
import EdgeCheckReport

extension EdgeCheck {
    /// `edgecheck diff`: what changed between two JSON reports.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show what changed between two JSON reports (e.g. before and after a release).",
            discussion: """
                Compares statuses, the addresses static-ip saw, leaf fingerprints, issuers and days \
                left, and tls-timing p50 per hop and phase. Exit status: 0 nothing got worse; 1 \
                something did (a status got worse, an address appeared or vanished, a leaf changed \
                issuer, a p50 rose by more than 20 % and 1 ms); 2 unreadable input.
                """
        )

        @Argument(help: ArgumentHelp("The earlier JSON report.", valueName: "BEFORE.json"))
        var before: String

        @Argument(help: ArgumentHelp("The later JSON report.", valueName: "AFTER.json"))
        var after: String

        @Option(help: ArgumentHelp("table or json.", valueName: "FORMAT"))
        var format: String = "table"

        func validate() throws {
            guard ["table", "json"].contains(format) else {
                throw ValidationError("--format: '\(format)' is not one of table, json")
            }
        }

        func run() throws {
            let diff: ReportDiff
            do {
                diff = ReportDiff(before: try ReadReport.read(path: before), after: try ReadReport.read(path: after))
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(Diagnostics.invalidInvocation)
            }
            Diagnostics.output(format == "json" ? diff.json() : diff.table())
            if diff.worse { throw ExitCode(1) }
        }
    }
}
