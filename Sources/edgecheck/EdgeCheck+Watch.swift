import ArgumentParser
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks
import Foundation

extension EdgeCheck {
    /// `edgecheck watch`: run suites again and again through a release window, printing what changes.
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Run suites every DURATION, printing one line per change; reports cover the whole window.",
            discussion: """
                Each line on stdout: TIME CHECK [SUBJECT] WHAT: WAS → NOW, for a check's or \
                subject's status, an address seen or gone, a leaf certificate that changed. At the \
                end (--for, SIGINT or SIGTERM) the --junit, --json and --prometheus reports cover \
                every run. Exit status as run, over the window: 0 every check passed (or warned) \
                in every run; 1 a check failed or errored in some run; 2 invalid invocation or \
                suite; 130 after SIGINT or SIGTERM, the reports written.
                """
        )

        @Argument(help: ArgumentHelp("Suite files (default ./edgecheck.yaml).", valueName: "SUITE"))
        var suites: [String] = []

        @OptionGroup var suiteOptions: SuiteOptions

        @Option(help: ArgumentHelp("Start a run this often (250ms, 5s, 1.5s, 2m).", valueName: "DURATION"))
        var every: String

        @Option(name: .customLong("for"), help: ArgumentHelp("Stop after this long (default: at SIGINT or SIGTERM).",
                                                           valueName: "DURATION"))
        var window: String?

        @Option(help: ArgumentHelp("Write the JUnit report of the window to FILE.", valueName: "FILE"))
        var junit: String?

        @Option(help: ArgumentHelp("Write the JSON report of the window, every run in it, to FILE.", valueName: "FILE"))
        var json: String?

        @Option(help: ArgumentHelp("Write the HTML report of the window, one self-contained page, to FILE.",
                                   valueName: "FILE"))
        var html: String?

        @Option(help: ArgumentHelp("Write the Prometheus exposition of the window to FILE.", valueName: "FILE"))
        var prometheus: String?

        @Option(help: ArgumentHelp("Run only the check with this id (repeatable).", valueName: "ID"))
        var only: [String] = []

        @Option(help: ArgumentHelp("Skip the check with this id (repeatable).", valueName: "ID"))
        var skip: [String] = []

        @Option(help: ArgumentHelp("Checks run concurrently.", valueName: "N"))
        var jobs: Int = 8

        @Flag(help: "A warning counts as a failure for the exit status.")
        var strict = false

        @Flag(name: .shortAndLong, help: "Nothing on stderr but errors.")
        var quiet = false

        @Option(help: ArgumentHelp("No suite file: watch the built-in default suite against URL.", valueName: "URL"))
        var target: String?

        /// What `run` would do once, for loading the suites and writing the reports.
        var invocation: RunInvocation {
            RunInvocation(suites: suites, suiteArguments: suiteOptions.arguments, format: "table", output: "/dev/null",
                          junit: junit, json: json, html: html, prometheus: prometheus, only: only, skip: skip, jobs: jobs,
                          strict: strict, quiet: quiet, target: target)
        }

        func validate() throws {
            guard let every = DurationParser.parse(every), every > .zero else {
                throw ValidationError("--every: '\(self.every)' is not a duration (write 250ms, 5s, 1.5s or 2m)")
            }
            if let window {
                guard let duration = DurationParser.parse(window), duration > .zero else {
                    throw ValidationError("--for: '\(window)' is not a duration (write 250ms, 5s, 1.5s or 2m)")
                }
                _ = duration
            }
            var check = invocation
            check.output = nil
            try check.validate()
        }

        func run() async throws {
            Prober.prepare()
            var invocation = self.invocation
            invocation.output = nil
            let loaded = try invocation.load()
            let watcher = Watcher(runner: Runner(options: RunOptions(jobs: jobs, selection: CheckSelection(only: only, skip: skip),
                                                                     strict: strict)),
                                  every: DurationParser.parse(every)!, window: window.flatMap(DurationParser.parse))
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            let task = Task {
                await watcher.watch(loaded, changed: { Diagnostics.output($0.description + "\n") }, ran: { report in
                    guard showProgress else { return }
                    let summary = report.summary
                    Diagnostics.line("edgecheck: run at \(ReportFormatting.rfc3339(report.started)): \(summary.passed) passed, "
                                     + "\(summary.warned) warned, \(summary.failed) failed, \(summary.errored) errored")
                })
            }
            let quiet = self.quiet
            let interrupts = InterruptHandler { signal, count in
                if count > 1 {
                    Diagnostics.line("edgecheck: \(signal) again, stopping at once without writing reports")
                    EdgeCheck.leave(Diagnostics.interrupted)
                }
                if !quiet { Diagnostics.line("edgecheck: \(signal), stopping: writing the reports of the window") }
                task.cancel()
            }
            let window = await task.value
            interrupts.stop()
            let report = window.merged
            // The table has nowhere to go: stdout holds the change lines.
            invocation.format = "table"
            invocation.output = "/dev/null"
            let written = invocation.writeReports(report, environment: RunInvocation.environment)
            if window.interrupted { throw ExitCode(Diagnostics.interrupted) }
            if !written { throw ExitCode(1) }
            let code = report.summary.exitCode(strict: strict)
            if code != 0 { throw ExitCode(code) }
        }
    }
}
