import ArgumentParser
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks
import Foundation

/// Everything `edgecheck run` was asked to do, as plain values, and the doing of it. The parsed
/// `EdgeCheck.Run` command and `QuickRunParser` both produce one, so a run behaves the same
/// whichever parser read its command line.
struct RunInvocation: Equatable {
    var suites: [String] = []
    var suiteArguments = SuiteArguments()
    var format = "table"
    var output: String?
    var junit: String?
    var json: String?
    var html: String?
    /// `--prometheus FILE`: the exposition for node_exporter's textfile collector.
    var prometheus: String?
    var only: [String] = []
    var skip: [String] = []
    var jobs = 8
    var strict = false
    var color = ColorChoice.auto
    var quiet = false
    var verbose = false
    var target: String?

    /// `--only` and `--skip` together.
    private var selection: CheckSelection { CheckSelection(only: only, skip: skip) }

    /// The process environment, read once (Foundation builds the dictionary anew on each read).
    static let environment = ProcessInfo.processInfo.environment

    /// The checks that need no network: option values and combinations, and report files that
    /// could not be written. Throws `ValidationError`, which the parser turns into a usage error.
    func validate() throws {
        _ = try suiteArguments.loadOptions(environment: [:], lookUpVariables: false)
        guard ReporterRegistry.identifiers.contains(format) else {
            throw ValidationError("--format: '\(format)' is not one of \(ReporterRegistry.identifiers.joined(separator: ", "))")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs: must be at least 1, found \(jobs)") }
        if target != nil && !suites.isEmpty {
            throw ValidationError("--target runs the built-in suite: give either --target or suite files, not both")
        }
        if let target, let problem = URLParser.problem(with: target) {
            // The parser's own words, which never repeat credentials.
            throw ValidationError("--target: \(problem)")
        }
        if quiet && verbose { throw ValidationError("--quiet and --verbose contradict each other") }
        for (option, path) in [("--output", output), ("--junit", junit), ("--json", json), ("--html", html),
                               ("--prometheus", prometheus)] {
            guard let path, path != "-" else { continue }
            try Self.checkWritable(path, option: option)
        }
        let files = [output, junit, json, html, prometheus].compactMap { $0 }.filter { $0 != "-" }
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

    /// Starts setting libcurl up, loads the suites, runs their checks, writes the reports; throws
    /// the `ExitCode` the contract gives the outcome (nothing when every check passed).
    func execute() async throws {
        Prober.prepare()
        try await execute(load())
    }

    /// Reads and checks the suites, on the caller's thread: `main` does this before its first
    /// `await`, so that no thread is started while libcurl loads (thread creation waits for the
    /// dynamic loader, which `dlopen` holds). Prints the problem and throws exit code 2 on a bad
    /// suite or selection.
    func load() throws -> [Suite] {
        let loadOptions = try suiteArguments.loadOptions(environment: Self.environment)
        let loaded: [Suite]
        do {
            loaded = try loadSuites(loadOptions)
            try selection.validate(against: loaded)
        } catch {
            Diagnostics.error(error)
            throw ExitCode(Diagnostics.invalidInvocation)
        }
        if !quiet, let notice = Self.ignoredProxyNotice(loaded, environment: Self.environment) {
            Diagnostics.line(notice)
        }
        if verbose {
            for suite in loaded {
                Diagnostics.line("edgecheck: \(suite.file.isEmpty ? "built-in suite" : suite.file): "
                                 + "\(suite.checks.count) checks")
            }
        }
        return loaded
    }

    /// Runs the checks of `loaded` and writes the reports; throws the outcome's `ExitCode`.
    func execute(_ loaded: [Suite]) async throws {
        let options = RunOptions(jobs: jobs, selection: selection, strict: strict)
        let showProgress = !quiet && isatty(STDERR_FILENO) == 1
        let runner = Runner(options: options)
        let task = Task { await runner.run(loaded, progress: showProgress ? Self.printProgress : nil) }
        let quiet = self.quiet
        let interrupts = InterruptHandler { signal, count in
            if count > 1 {
                // The user insists: leave now, without the reports.
                Diagnostics.line("edgecheck: \(signal) again, stopping at once without writing reports")
                EdgeCheck.leave(Diagnostics.interrupted)
            }
            if !quiet {
                Diagnostics.line("edgecheck: \(signal), stopping: unfinished checks are reported as interrupted"
                                 + " (send it again to stop at once, without reports)")
            }
            task.cancel()
        }
        let report = await task.value
        interrupts.stop()

        let written = writeReports(report, environment: Self.environment)
        if report.interrupted { throw ExitCode(Diagnostics.interrupted) }
        if !written { throw ExitCode(1) }
        let code = report.summary.exitCode(strict: strict)
        if code != 0 { throw ExitCode(code) }
    }

    /// The suite `run` reads when none is named.
    static let defaultSuite = "edgecheck.yaml"

    /// The one line that says proxy variables were set and not used, when some check connects
    /// directly (`proxy: none`, the default) while they are set; nil otherwise.
    static func ignoredProxyNotice(_ suites: [Suite], environment: [String: String]) -> String? {
        let names = ProxyEnvironment.variablesSet(in: environment)
        guard !names.isEmpty, suites.contains(where: { $0.checks.contains { $0.common.proxy == .direct } }) else { return nil }
        return "edgecheck: ignoring \(names.joined(separator: ", ")) from the environment: connections go direct "
            + "(proxy: env or --proxy env uses them, --proxy URL names a proxy)"
    }

    private func loadSuites(_ options: LoadOptions) throws(SuiteError) -> [Suite] {
        if let target, let url = URLParser.parse(target) {
            return [try DefaultSuite.make(target: url, options: options)]
        }
        if suites.isEmpty && !FileManager.default.fileExists(atPath: Self.defaultSuite) {
            // The first run of a newcomer: say how to get a suite instead of only that there is none.
            throw SuiteError(file: Self.defaultSuite, line: nil, key: "",
                             message: "no suite here. Write one from what a deployment serves now with "
                               + "`edgecheck init https://HOST/`, or check a URL without one with "
                               + "`edgecheck run --target https://HOST/`")
        }
        var loaded: [Suite] = []
        for path in suites.isEmpty ? [Self.defaultSuite] : suites {
            loaded.append(try SuiteLoader.load(path: path, options: options))
        }
        return loaded
    }

    /// Renders and writes every report asked for; false when one could not be written.
    func writeReports(_ report: RunReport, environment: [String: String]) -> Bool {
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
        if let prometheus { emit(PrometheusReporter.identifier, to: prometheus) }
        if let html { emit(HTMLReporter.identifier, to: html) }
        if format == GitHubReporter.identifier, let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            do {
                try ReportWriter.append(GitHubReporter().summary(report), to: path)
            } catch {
                Diagnostics.error(error.description)
                written = false
            }
        }
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
