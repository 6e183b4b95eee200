import Foundation
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// Runs the checks of one or more suites and gathers their results.
///
/// Checks run concurrently, at most `options.jobs` at a time, over every suite together. Results
/// come back in suite order, whatever order the checks finish in. Each check is bounded by
/// `options.deadline` on top of its own per-operation timeouts. When the task running `run` is
/// cancelled (SIGINT/SIGTERM at the command line), checks in flight are cancelled, no new check
/// starts, and every check that had not finished is reported `error` "interrupted".
public struct Runner: Sendable {
    public var options: RunOptions

    public init(options: RunOptions = RunOptions()) {
        self.options = options
    }

    /// The summary of a check that was stopped by an interrupt, or never started because of one.
    public static let interruptedSummary = "interrupted"

    /// One check to run: where its result goes and what it needs.
    private struct Job: Sendable {
        var suite: Int
        var index: Int
        var check: ConfiguredCheck
        var context: CheckContext
        var suiteName: String
    }

    /// A finished job: its result and when it started and ended.
    private struct Done: Sendable {
        var suite: Int
        var index: Int
        var result: CheckResult
        var suiteName: String
        var start: ContinuousClock.Instant
        var end: ContinuousClock.Instant
    }

    /// Runs every selected check of `suites`. Unknown `--only`/`--skip` ids must have been
    /// rejected beforehand with `CheckSelection.validate(against:)`.
    public func run(_ suites: [Suite], progress: (@Sendable (RunProgress) -> Void)? = nil) async -> RunReport {
        let clock = ContinuousClock()
        let startedAt = options.now()
        let runStart = clock.now
        let total = suites.reduce(0) { $0 + $1.checks.count }

        var results: [[CheckResult?]] = suites.map { Array(repeating: nil, count: $0.checks.count) }
        var spans: [(start: ContinuousClock.Instant, end: ContinuousClock.Instant)?] = Array(repeating: nil, count: suites.count)
        var completed = 0
        var jobs: [Job] = []

        for (suiteIndex, suite) in suites.enumerated() {
            for (index, check) in suite.checks.enumerated() {
                if let reason = options.selection.skipReason(for: check.id) {
                    let result = CheckResult(id: check.id, kind: check.kind, status: .skip, summary: reason,
                                             durationMs: 0, description: check.common.description)
                    results[suiteIndex][index] = result
                    completed += 1
                    progress?(.finished(result, suite: suite.name, completed: completed, total: total))
                } else {
                    let context = CheckContext(common: check.common, target: suite.target,
                                               suiteDirectory: suite.directory)
                    jobs.append(Job(suite: suiteIndex, index: index, check: check, context: context,
                                    suiteName: suite.name))
                }
            }
        }

        let deadline = options.deadline
        let limit = min(options.jobs, max(jobs.count, 1))
        await withTaskGroup(of: Done.self) { group in
            var next = 0
            func startJob(_ job: Job) {
                progress?(.started(id: job.check.id, suite: job.suiteName))
                group.addTask { await Self.perform(job, deadline: deadline(job.context.timeout), clock: clock) }
            }
            while next < limit && next < jobs.count {
                startJob(jobs[next])
                next += 1
            }
            while let done = await group.next() {
                // Secrets go before anything sees the result, progress lines included.
                let result = suites[done.suite].secrets.redact(done.result)
                results[done.suite][done.index] = result
                spans[done.suite] = spans[done.suite].map { (min($0.start, done.start), max($0.end, done.end)) }
                    ?? (done.start, done.end)
                completed += 1
                progress?(.finished(result, suite: done.suiteName, completed: completed, total: total))
                if next < jobs.count && !Task.isCancelled {
                    startJob(jobs[next])
                    next += 1
                }
            }
        }

        let interrupted = Task.isCancelled
        let runEnd = clock.now
        var reports: [SuiteReport] = []
        for (suiteIndex, suite) in suites.enumerated() {
            let checks = suite.checks.enumerated().map { index, check in
                suite.secrets.redact(results[suiteIndex][index] ?? Self.interrupted(check, durationMs: 0))
            }
            let span = spans[suiteIndex]
            let offset = span.map { ($0.start - runStart).milliseconds } ?? 0
            reports.append(SuiteReport(
                name: suite.name, file: suite.file, target: suite.target.map { suite.secrets.redact($0.absoluteString) },
                started: startedAt.addingTimeInterval(offset / 1000),
                durationMs: span.map { ($0.end - $0.start).milliseconds } ?? 0,
                checks: checks))
        }
        var report = RunReport(version: EdgeCheckVersion.current, started: startedAt,
                               durationMs: (runEnd - runStart).milliseconds, hostname: options.hostname,
                               suites: reports)
        report.interrupted = interrupted
        return report
    }

    /// Runs one check within its deadline and turns the outcome into a result.
    private static func perform(_ job: Job, deadline: Duration, clock: ContinuousClock) async -> Done {
        let start = clock.now
        let race = await race(job.check.check, in: job.context, deadline: deadline)
        let end = clock.now
        let durationMs = (end - start).milliseconds
        let result: CheckResult
        if Task.isCancelled {
            // The outcome of a check stopped half-way says nothing about the deployment.
            result = interrupted(job.check, durationMs: durationMs)
        } else {
            switch race {
            case .finished(let outcome):
                result = makeResult(outcome, for: job.check, durationMs: durationMs)
            case .deadline, .cancelled:
                let message = "did not finish within \(deadline.spoken) (the overall bound for a check"
                    + " whose timeout is \(job.context.timeout.spoken))"
                result = makeResult(.error(message), for: job.check, durationMs: durationMs)
            }
        }
        return Done(suite: job.suite, index: job.index, result: result, suiteName: job.suiteName,
                    start: start, end: end)
    }

    private enum Race: Sendable {
        case finished(CheckOutcome)
        case deadline
        case cancelled
    }

    /// The check against a timer: whichever ends first wins, and the other is cancelled.
    private static func race(_ check: any Check, in context: CheckContext, deadline: Duration) async -> Race {
        await withTaskGroup(of: Race.self) { group in
            group.addTask { .finished(await check.run(in: context)) }
            // Not Task.sleep: its cancelled wake-ups linger until their deadline (CancellableTimer).
            group.addTask { await CancellableTimer.wait(deadline) ? .deadline : .cancelled }
            var outcome = Race.cancelled
            // A cancelled timer means the whole run is being cancelled: wait for the check,
            // which must then return promptly.
            while let next = await group.next() {
                if case .cancelled = next { continue }
                outcome = next
                break
            }
            group.cancelAll()
            return outcome
        }
    }

    /// The result the reports show for `outcome`: identity, timing and hints added, and a failure
    /// turned into a warning when the check's `severity` is `warn`. An error stays an error: a
    /// check that reached no verdict is not a mild failure.
    static func makeResult(_ outcome: CheckOutcome, for check: ConfiguredCheck, durationMs: Double) -> CheckResult {
        var status = outcome.status
        var findings = outcome.findings.map { CheckRegistry.hinted($0, kind: check.kind) }
        if check.common.severity == .warn {
            if status == .fail { status = .warn }
            findings = findings.map { finding in
                var finding = finding
                if finding.status == .fail { finding.status = .warn }
                return finding
            }
        }
        var result = CheckResult(id: check.id, kind: check.kind, status: status, summary: outcome.summary,
                                 durationMs: durationMs, findings: findings, subjects: outcome.subjects,
                                 measurements: outcome.measurements, data: outcome.data, insecure: outcome.insecure,
                                 description: check.common.description)
        result.proxies = check.common.proxy.proxies.map(\.description)
        return result
    }

    /// The result of a check that an interrupt stopped or kept from starting.
    static func interrupted(_ check: ConfiguredCheck, durationMs: Double) -> CheckResult {
        CheckResult(id: check.id, kind: check.kind, status: .error, summary: interruptedSummary,
                    durationMs: durationMs,
                    findings: [Finding(status: .error, message: "interrupted by a signal before the check finished")],
                    description: check.common.description)
    }
}
