import ArgumentParser
import EdgeCheckCore
import Foundation

extension EdgeCheck {
    /// `edgecheck run`: load suites, run their checks, write the reports, exit per the contract.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
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

        @Option(help: ArgumentHelp("What goes to stdout: table, json, junit or tap.", valueName: "FORMAT"))
        var format: String = "table"

        @Option(help: ArgumentHelp("Write the --format report to FILE instead of stdout.", valueName: "FILE"))
        var output: String?

        @Option(help: ArgumentHelp("Also write the JUnit report to FILE.", valueName: "FILE"))
        var junit: String?

        @Option(help: ArgumentHelp("Also write the JSON report to FILE.", valueName: "FILE"))
        var json: String?

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

        func validate() throws {
            guard ReporterRegistry.identifiers.contains(format) else {
                throw ValidationError("--format: '\(format)' is not one of \(ReporterRegistry.identifiers.joined(separator: ", "))")
            }
            guard jobs >= 1 else { throw ValidationError("--jobs: must be at least 1, found \(jobs)") }
            if target != nil && !suites.isEmpty {
                throw ValidationError("--target runs the built-in suite: give either --target or suite files, not both")
            }
            if let target, URLParser.parse(target) == nil {
                throw ValidationError("--target: '\(target)' is not an http or https URL with a host")
            }
            if quiet && verbose { throw ValidationError("--quiet and --verbose contradict each other") }
            for (option, path) in [("--output", output), ("--junit", junit), ("--json", json)] {
                guard let path, path != "-" else { continue }
                try Self.checkWritable(path, option: option)
            }
            let files = [output, junit, json].compactMap { $0 }.filter { $0 != "-" }
            if Set(files).count != files.count {
                throw ValidationError("two reports would be written to the same file")
            }
        }

        /// A report file must be creatable before anything runs: a typo in a folder name should
        /// not cost a whole run.
        private static func checkWritable(_ path: String, option: String) throws {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                guard !isDirectory.boolValue else { throw ValidationError("\(option): '\(path)' is a folder") }
                return
            }
            let folder = url.deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("\(option): the folder of '\(path)' does not exist")
            }
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw ValidationError("\(option): cannot write in the folder of '\(path)'")
            }
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let loadOptions = try suiteOptions.loadOptions()
            let loaded: [Suite]
            do {
                loaded = try loadSuites(loadOptions)
                try CheckSelection(only: only, skip: skip).validate(against: loaded)
            } catch {
                Diagnostics.error(error)
                throw ExitCode(Diagnostics.invalidInvocation)
            }
            if verbose {
                for suite in loaded {
                    Diagnostics.line("edgecheck: \(suite.file.isEmpty ? "built-in suite" : suite.file): "
                                     + "\(suite.checks.count) checks")
                }
            }

            let options = RunOptions(jobs: jobs, selection: CheckSelection(only: only, skip: skip), strict: strict)
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            let runner = Runner(options: options)
            let task = Task { await runner.run(loaded, progress: showProgress ? Self.printProgress : nil) }
            let interrupts = InterruptHandler { signal, count in
                if count > 1 {
                    // The user insists: leave now, without the reports.
                    Diagnostics.line("edgecheck: \(signal) again, stopping at once without writing reports")
                    Foundation.exit(Diagnostics.interrupted)
                }
                if !quiet {
                    Diagnostics.line("edgecheck: \(signal), stopping: unfinished checks are reported as interrupted"
                                     + " (send it again to stop at once, without reports)")
                }
                task.cancel()
            }
            let report = await task.value
            interrupts.stop()

            let written = writeReports(report, environment: environment)
            if report.interrupted { throw ExitCode(Diagnostics.interrupted) }
            if !written { throw ExitCode(1) }
            let code = report.summary.exitCode(strict: strict)
            if code != 0 { throw ExitCode(code) }
        }

        private func loadSuites(_ options: LoadOptions) throws(SuiteError) -> [Suite] {
            if let target, let url = URLParser.parse(target) {
                return [try DefaultSuite.make(target: url, options: options)]
            }
            var loaded: [Suite] = []
            for path in suites.isEmpty ? ["edgecheck.yaml"] : suites {
                loaded.append(try SuiteLoader.load(path: path, options: options))
            }
            return loaded
        }

        /// Renders and writes every report asked for; false when one could not be written.
        private func writeReports(_ report: RunReport, environment: [String: String]) -> Bool {
            let toFile = output != nil && output != "-"
            let colors = color.enabled(for: toFile ? -1 : STDOUT_FILENO, environment: environment)
            let width = toFile || isatty(STDOUT_FILENO) != 1 ? nil : Terminal.columns(environment: environment)
            let reporterOptions = ReporterOptions(colors: colors, verbose: verbose, width: width)
            var written = true
            func emit(_ identifier: String, to path: String?) {
                guard let reporter = ReporterRegistry.reporter(for: identifier, options: reporterOptions) else { return }
                var text = reporter.render(report)
                if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
                guard let path, path != "-" else {
                    Diagnostics.output(text)
                    return
                }
                do {
                    try ReportWriter.write(text, to: path)
                    if verbose { Diagnostics.line("edgecheck: wrote the \(identifier) report to \(path)") }
                } catch {
                    Diagnostics.error(error.description)
                    written = false
                }
            }
            emit(format, to: output)
            if let junit { emit("junit", to: junit) }
            if let json { emit("json", to: json) }
            return written
        }

        /// One line per finished check on stderr, for a person watching a terminal.
        @Sendable private static func printProgress(_ event: RunProgress) {
            guard case .finished(let result, _, let completed, let total) = event else { return }
            let width = String(total).count
            let count = String(repeating: " ", count: width - String(completed).count) + String(completed)
            let status = result.status.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
            Diagnostics.line("[\(count)/\(total)] \(status) \(result.id) (\(Int(result.durationMs.rounded())) ms)")
        }
    }
}
