import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// `exec` — runs a monitoring plugin and takes its verdict.
///
/// The plugin is started directly with its argv (never through a shell), in a process group of its
/// own, with stdin from /dev/null, the environment `PluginEnvironment` describes, and the suite's
/// folder as working directory. Exit 0 is `pass`, 1 `warn`, 2 `fail`, anything else `error`
/// (3 is the plugins' UNKNOWN; 126/127 a program that could not run; a signal a crash). A plugin
/// still running at the check's `timeout` is `fail` with class `timeout`, like every other timeout
/// edgecheck reports: its whole process group gets SIGTERM, then SIGKILL a second later.
public struct ExecCheck: Check {
    public static let description = CheckDescription(
        kind: "exec",
        summary: "Runs a monitoring plugin: exit 0 pass, 1 warn, 2 fail, anything else error.",
        keys: [
            KeyDescription("command", type: "path", required: true,
                           meaning: "The plugin, relative to the suite file's folder; must be executable. "
                               + "Run directly, never through a shell."),
            KeyDescription("args", type: "[string]", default: "[]",
                           meaning: "Arguments, passed exactly as written. They are shown in reports, but a value "
                               + "from ${NAME} is shown as ${NAME}."),
            KeyDescription("env", type: "{NAME: value}", default: "{}",
                           meaning: "Added to the plugin's minimal environment (PATH, HOME, LANG, "
                               + "EDGECHECK_TARGET, EDGECHECK_TIMEOUT). Values never appear in reports."),
        ]
    )

    /// Bytes of stdout and of stderr kept in the report.
    public static let outputCap = 64 * 1024

    public let command: String
    public let args: [String]
    public let env: [(key: String, value: String)]

    public init(settings: CheckSettings) throws(SuiteError) {
        let command = try settings.required(settings.path("command"), "command")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: command, isDirectory: &isDirectory) else {
            throw settings.error("command", "'\(command)' does not exist")
        }
        guard !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: command) else {
            throw settings.error("command", "'\(command)' is not an executable file (chmod +x?)")
        }
        self.command = command
        args = try settings.stringList("args") ?? []
        let env = try settings.stringMap("env") ?? []
        for (name, _) in env where !Self.isVariableName(name) {
            throw settings.error("env", "'\(name)' is not a variable name (letters, digits and _, not first a digit)")
        }
        self.env = env
    }

    /// A configured plugin, for programs that build checks without a suite file.
    public init(command: String, args: [String] = [], env: [(key: String, value: String)] = []) {
        self.command = command
        self.args = args
        self.env = env
    }

    public func run(in context: CheckContext) async -> CheckOutcome {
        let process = PluginProcess(
            executable: command, arguments: args,
            environment: PluginEnvironment.make(parent: ProcessInfo.processInfo.environment, extra: env,
                                                target: context.target, timeout: context.timeout),
            directory: context.suiteDirectory.path, timeout: context.timeout, outputCap: Self.outputCap)
        let result = await process.run()
        return outcome(of: result, timeout: context.timeout)
    }

    /// The verdict a finished plugin gives.
    func outcome(of result: PluginProcess.Result, timeout: Duration) -> CheckOutcome {
        let stdout = String(decoding: result.stdout, as: UTF8.self)
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        let output = PluginOutput(stdout)
        let perf = PerfDataParser.parse(output.perfData)
        var data = ExecData(command: command, args: args, envNames: env.map(\.key), exitCode: nil, signal: nil,
                            timedOut: false, output: stdout, stderr: stderr,
                            outputTruncated: result.stdoutTruncated, stderrTruncated: result.stderrTruncated,
                            perfdataIgnored: perf.ignored)
        let said = output.summary.isEmpty ? PluginOutput(stderr).summary : output.summary
        let status: CheckStatus
        var summary: String
        var failureClass: FailureClass?

        switch result.termination {
        case .exited(let code):
            data.exitCode = code
            switch code {
            case 0: status = .pass
            case 1: status = .warn
            case 2: status = .fail
            default: status = .error
            }
            let state = Self.stateName(code)
            if said.isEmpty {
                summary = "plugin exited \(code) (\(state)) without a summary"
            } else if code <= 3 {
                summary = said
            } else {
                summary = "plugin exited \(code) (\(state)): \(said)"
            }
        case .signaled(let signal):
            data.signal = Self.signalName(signal)
            status = .error
            summary = "plugin was killed by \(Self.signalName(signal))" + (said.isEmpty ? "" : ": \(said)")
        case .timedOut:
            data.timedOut = true
            status = .fail
            failureClass = .timeout
            summary = "plugin did not finish within \(timeout.spoken); its process group was killed"
        case .cancelled:
            status = .error
            summary = "interrupted"
        case .notStarted(let reason):
            status = .error
            summary = reason
        }

        var findings: [Finding] = []
        if status != .pass {
            // The summary already says what the plugin said; the finding says how it ended.
            var message: String
            if case .exited(let code) = result.termination, code <= 3, !said.isEmpty {
                message = "the plugin exited \(code) (\(Self.stateName(code)))"
            } else {
                message = summary
            }
            let complaint = PluginOutput(stderr).summary
            if !complaint.isEmpty && complaint != said { message += "; stderr: \(complaint)" }
            findings.append(Finding(status: status, subject: "", failureClass: failureClass, message: message))
        }
        var finalStatus = status
        if result.groupOutlived {
            finalStatus = .error
            findings.append(Finding(status: .error, subject: "process group \(result.processGroup)",
                                    message: "processes of the plugin's group were still present after SIGKILL"))
        }
        return CheckOutcome(status: finalStatus, summary: summary, findings: findings,
                            measurements: perf.measurements, data: data)
    }

    /// The monitoring-plugins name of an exit status.
    static func stateName(_ code: Int32) -> String {
        switch code {
        case 0: "OK"
        case 1: "WARNING"
        case 2: "CRITICAL"
        case 3: "UNKNOWN"
        case 126: "not executable"
        case 127: "not found"
        default: "not a plugin status"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL",
                                      SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL",
                                      SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM"]
        return names[signal] ?? "signal \(signal)"
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic
            || ("0"..."9").contains($0)) }
    }
}
