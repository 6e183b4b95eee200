import Foundation
import EdgeCheckNet

/// Everything one `edgecheck run` produced: what every reporter renders.
public struct RunReport: Sendable {
    public var version: String
    public var started: Date
    public var durationMs: Double
    public var hostname: String
    public var suites: [SuiteReport]
    /// True when SIGINT/SIGTERM stopped the run: the checks that had not finished are `error`
    /// "interrupted", and the command exits 130 after writing the reports.
    public var interrupted = false
    /// `watch`: every run of the window, oldest first, when this report covers several (each
    /// check then has its worst status of any run); empty for a single run.
    public var window: [RunReport] = []

    public init(version: String, started: Date, durationMs: Double, hostname: String, suites: [SuiteReport]) {
        self.version = version
        self.started = started
        self.durationMs = durationMs
        self.hostname = hostname
        self.suites = suites
    }

    /// Every proxy the run's checks went through, each once, in check order (URLs without
    /// credentials); empty when every connection was direct.
    public var proxies: [String] {
        var seen: [String] = []
        for proxy in suites.flatMap(\.checks).flatMap(\.proxies) where !seen.contains(proxy) { seen.append(proxy) }
        return seen
    }

    /// Counts over every check of every suite.
    public var summary: RunSummary { RunSummary(suites.flatMap(\.checks).map(\.status)) }
}

/// One suite's results, in the suite's check order.
public struct SuiteReport: Sendable {
    public var name: String
    public var file: String
    public var target: String?
    public var started: Date
    public var durationMs: Double
    public var checks: [CheckResult]

    public init(name: String, file: String, target: String?, started: Date, durationMs: Double, checks: [CheckResult]) {
        self.name = name
        self.file = file
        self.target = target
        self.started = started
        self.durationMs = durationMs
        self.checks = checks
    }

    public var summary: RunSummary { RunSummary(checks.map(\.status)) }
}

/// How many checks ended in each status.
public struct RunSummary: Sendable, Equatable, Codable {
    public var passed = 0
    public var warned = 0
    public var failed = 0
    public var errored = 0
    public var skipped = 0

    public init(_ statuses: [CheckStatus] = []) {
        for status in statuses {
            switch status {
            case .pass: passed += 1
            case .warn: warned += 1
            case .fail: failed += 1
            case .error: errored += 1
            case .skip: skipped += 1
            }
        }
    }

    /// The exit code the contract gives these counts: 1 on any failure or error (or warning with
    /// `strict`), else 0.
    public func exitCode(strict: Bool) -> Int32 {
        if failed > 0 || errored > 0 { return 1 }
        if strict && warned > 0 { return 1 }
        return 0
    }
}
