import Foundation
import EdgeCheckModel
import EdgeCheckReport
import EdgeCheckNet
import EdgeCheckChecks

/// Every run of one `watch`, and the report that covers them all.
public struct WatchWindow: Sendable {
    /// The runs, oldest first. A run cut short by SIGINT/SIGTERM is left out unless it is the only one.
    public var runs: [RunReport]
    /// True when a signal ended the window.
    public var interrupted: Bool

    public init(runs: [RunReport], interrupted: Bool) {
        self.runs = runs
        self.interrupted = interrupted
    }

    /// One report for the whole window, what the report files hold: each check with the worst
    /// status it had in any run, the findings of every run that did not pass, each naming when
    /// (`at TIME, TIME`), the subjects of every run, and every run itself in `window` (the JSON
    /// report's `runs`).
    public var merged: RunReport {
        guard let first = runs.first, let last = runs.last else {
            return RunReport(version: EdgeCheckVersion.current, started: Date(), durationMs: 0, hostname: "", suites: [])
        }
        var report = first
        report.durationMs = last.started.timeIntervalSince(first.started) * 1000 + last.durationMs
        report.interrupted = interrupted
        report.window = runs.count > 1 ? runs : []
        guard runs.count > 1 else { return report }
        for suiteIndex in report.suites.indices {
            let suiteRuns = runs.compactMap { $0.suites.indices.contains(suiteIndex) ? $0.suites[suiteIndex] : nil }
            report.suites[suiteIndex].durationMs = report.durationMs
            for checkIndex in report.suites[suiteIndex].checks.indices {
                let results = suiteRuns.compactMap { $0.checks.indices.contains(checkIndex) ? ($0.started, $0.checks[checkIndex]) : nil }
                report.suites[suiteIndex].checks[checkIndex] = Self.merge(results)
            }
        }
        return report
    }

    /// One check over the window, from its result in each run (with that run's start).
    static func merge(_ results: [(started: Date, result: CheckResult)]) -> CheckResult {
        let worstRank = results.map(\.result.status.severityRank).max() ?? 0
        guard var merged = results.first(where: { $0.result.status.severityRank == worstRank })?.result else {
            return results[0].result
        }
        let bad = results.filter { $0.result.status != .pass && $0.result.status != .skip }
        if !bad.isEmpty && bad.count < results.count {
            let times = FindingSummary.list(bad.map { ReportFormatting.rfc3339($0.started) }, max: 5)
            merged.summary += " (\(merged.status.rawValue) in \(bad.count) of \(results.count) runs, at \(times))"
        }
        var findings: [(finding: Finding, times: [Date])] = []
        for (started, result) in results {
            for finding in result.findings where finding.status != .pass {
                if let index = findings.firstIndex(where: { $0.finding == finding }) {
                    findings[index].times.append(started)
                } else {
                    findings.append((finding, [started]))
                }
            }
        }
        merged.findings = merged.findings.filter { $0.status == .pass } + findings.map { entry in
            var finding = entry.finding
            finding.message += " (at \(FindingSummary.list(entry.times.map(ReportFormatting.rfc3339), max: 5)))"
            return finding
        }
        var subjects: [String] = []
        for subject in results.flatMap(\.result.subjects) where !subjects.contains(subject) { subjects.append(subject) }
        merged.subjects = subjects
        merged.durationMs = results.map(\.result.durationMs).max() ?? merged.durationMs
        return merged
    }
}
