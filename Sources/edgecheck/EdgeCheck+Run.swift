import ArgumentParser
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks
import Foundation

extension EdgeCheck {
    /// `edgecheck run`: load suites, run their checks, write the reports, exit per the contract.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run suite files (default ./edgecheck.yaml), or the built-in suite with --target.",
            discussion: """
                Exit status: 0 every check passed (or warned, without --strict); 1 a check failed \
                or errored; 2 invalid invocation or suite, nothing run; 130 interrupted by SIGINT or \
                SIGTERM, with unfinished checks reported as error and the reports written.
                """
        )

        @Argument(help: ArgumentHelp("Suite files.", valueName: "SUITE"))
        var suites: [String] = []

        @OptionGroup var suiteOptions: SuiteOptions

        @Option(help: ArgumentHelp("What goes to stdout: table, json, junit, tap, github, html or prometheus.", valueName: "FORMAT"))
        var format: String = "table"

        @Option(help: ArgumentHelp("Write the --format report to FILE instead of stdout.", valueName: "FILE"))
        var output: String?

        @Option(help: ArgumentHelp("Also write the JUnit report to FILE.", valueName: "FILE"))
        var junit: String?

        @Option(help: ArgumentHelp("Also write the JSON report to FILE.", valueName: "FILE"))
        var json: String?

        @Option(help: ArgumentHelp("Also write the Prometheus exposition to FILE (node_exporter's textfile collector).",
                                   valueName: "FILE"))
        var prometheus: String?
        @Option(help: ArgumentHelp("Also write the HTML report, one self-contained page, to FILE.", valueName: "FILE"))
        var html: String?

        @Option(help: ArgumentHelp("Run only the check with this id (repeatable); the others are skipped.",
                                   valueName: "ID"))
        var only: [String] = []

        @Option(help: ArgumentHelp("Skip the check with this id (repeatable).", valueName: "ID"))
        var skip: [String] = []

        @Option(help: ArgumentHelp("Checks run concurrently.", valueName: "N"))
        var jobs: Int = 8

        @Flag(help: "A warning counts as a failure for the exit status.")
        var strict = false

        @Option(help: ArgumentHelp("Table colours: auto (a terminal without NO_COLOR), always or never.",
                                   valueName: "WHEN"))
        var color: ColorChoice = .auto

        @Flag(name: .shortAndLong, help: "Less on stderr: no progress, only errors.")
        var quiet = false

        @Flag(name: .shortAndLong, help: "More on stderr, and every finding in the table.")
        var verbose = false

        @Option(help: ArgumentHelp("No suite file: run the built-in default suite against URL.", valueName: "URL"))
        var target: String?

        /// The parsed values, for the code that runs them.
        var invocation: RunInvocation {
            RunInvocation(suites: suites, suiteArguments: suiteOptions.arguments, format: format, output: output,
                          junit: junit, json: json, html: html, prometheus: prometheus, only: only, skip: skip, jobs: jobs, strict: strict,
                          color: color, quiet: quiet, verbose: verbose, target: target)
        }

        func validate() throws {
            try invocation.validate()
        }

        func run() async throws {
            try await invocation.execute()
        }
    }
}
