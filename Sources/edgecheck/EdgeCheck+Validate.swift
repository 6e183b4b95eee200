import ArgumentParser
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks

extension EdgeCheck {
    /// `edgecheck validate`: load suites exactly as `run` would, without running anything.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Parse and check suites without touching the network.",
            discussion: "Prints 'ok: FILE (N checks)' for each good suite; exits 2 when any suite has an error."
        )

        @Argument(help: ArgumentHelp("Suite files.", valueName: "SUITE"))
        var suites: [String]

        @OptionGroup var suiteOptions: SuiteOptions

        func validate() throws {
            guard !suites.isEmpty else { throw ValidationError("give at least one suite file") }
        }

        func run() throws {
            let options = try suiteOptions.arguments.loadOptions()
            var failed = false
            // Every file is checked, so one run lists the problems of all of them.
            for path in suites {
                do {
                    let suite = try SuiteLoader.load(path: path, options: options)
                    let count = suite.checks.count
                    Diagnostics.output("ok: \(path) (\(count) \(count == 1 ? "check" : "checks"))\n")
                } catch {
                    Diagnostics.error(error)
                    failed = true
                }
            }
            if failed { throw ExitCode(Diagnostics.invalidInvocation) }
        }
    }
}
