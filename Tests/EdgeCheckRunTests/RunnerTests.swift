import Foundation
import Testing
@testable import EdgeCheckRun
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
@testable import EdgeCheckReport
import EdgeCheckTestSupport

/// A check kind that exists only in these tests: it does what its behaviour says, so the runner
/// can be watched without any network or plugin.
private struct ScriptedCheck: Check {
    static let description = CheckDescription(kind: "scripted", summary: "A check driven by the test.", keys: [])

    enum Behaviour: Sendable {
        /// Return this outcome at once.
        case outcome(CheckOutcome)
        /// Wait at the gate, then pass.
        case gated(ConcurrencyGate)
        /// Wait until `before` has finished, then pass and note the finish in `log`.
        case after(String?, FinishLog)
        /// Announce the start to `log`, then wait until cancelled (it honours cancellation).
        case hang(FinishLog)
    }

    let name: String
    let behaviour: Behaviour

    init(settings: CheckSettings) throws(SuiteError) {
        throw SuiteError(file: settings.file, line: nil, key: "kind", message: "not loadable from a suite")
    }

    init(_ name: String, _ behaviour: Behaviour) {
        self.name = name
        self.behaviour = behaviour
    }

    func run(in context: CheckContext) async -> CheckOutcome {
        switch behaviour {
        case .outcome(let outcome):
            return outcome
        case .gated(let gate):
            await gate.enter()
            await gate.leave()
            return CheckOutcome(summary: "ok")
        case .after(let before, let log):
            if let before { await log.waitFor(before) }
            await log.finished(name)
            return CheckOutcome(summary: "ok")
        case .hang(let log):
            await log.finished("started \(name)")
            try? await Task.sleep(for: .seconds(3600))
            return CheckOutcome(summary: "woke up")
        }
    }
}

/// Counts checks inside `run` at once. A check entering waits until either `capacity` checks are
/// inside or every expected check has entered, so the peak reaches the limit whenever the runner
/// lets it — no timing involved.
private actor ConcurrencyGate {
    let capacity: Int
    let total: Int
    private(set) var running = 0
    private(set) var peak = 0
    private var entered = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(capacity: Int, total: Int) {
        self.capacity = capacity
        self.total = total
    }

    func enter() async {
        running += 1
        entered += 1
        peak = max(peak, running)
        if running >= capacity || entered == total {
            waiters.forEach { $0.resume() }
            waiters.removeAll()
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        running -= 1
    }
}

/// Records which checks finished, in order, and lets a check wait for another.
private actor FinishLog {
    private(set) var order: [String] = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    func finished(_ name: String) {
        order.append(name)
        waiting.removeValue(forKey: name)?.forEach { $0.resume() }
    }

    func waitFor(_ name: String) async {
        if order.contains(name) { return }
        await withCheckedContinuation { waiting[name, default: []].append($0) }
    }
}

/// swift-testing has a `Runner` of its own.
private typealias CheckRunner = EdgeCheckRun.Runner

private func configured(_ id: String, _ behaviour: ScriptedCheck.Behaviour, severity: CommonSettings.Severity = .fail)
    -> ConfiguredCheck {
    ConfiguredCheck(common: CommonSettings(id: id, kind: "scripted", severity: severity),
                    check: ScriptedCheck(id, behaviour))
}

private func suite(_ checks: [ConfiguredCheck], named name: String = "s") -> Suite {
    Suite(name: name, file: "\(name).yaml", directory: URL(fileURLWithPath: "/tmp"), target: nil, checks: checks)
}

private func failing(_ summary: String) -> ScriptedCheck.Behaviour {
    .outcome(CheckOutcome(summary: summary, findings: [Finding(status: .fail, subject: "127.0.0.1", message: summary)]))
}

@Suite struct RunnerTests {
    @Test func neverRunsMoreChecksAtOnceThanJobs() async {
        let gate = ConcurrencyGate(capacity: 3, total: 9)
        let checks = (1...9).map { configured("c\($0)", .gated(gate)) }
        let report = await CheckRunner(options: RunOptions(jobs: 3)).run([suite(checks)])
        #expect(await gate.peak == 3)
        #expect(report.summary.passed == 9)
    }

    @Test func resultsKeepSuiteOrderWhateverTheFinishingOrder() async {
        // c1 waits for c2, c2 for c3, ...: they finish last to first.
        let log = FinishLog()
        let names = (1...6).map { "c\($0)" }
        let first = names.enumerated().map { index, name in
            configured(name, .after(index + 1 < names.count ? names[index + 1] : nil, log))
        }
        let second = [configured("other", .outcome(CheckOutcome(summary: "fine")))]
        let report = await CheckRunner(options: RunOptions(jobs: 8)).run([suite(first, named: "a"), suite(second, named: "b")])
        #expect(await log.order == names.reversed())
        #expect(report.suites.map(\.name) == ["a", "b"])
        #expect(report.suites[0].checks.map(\.id) == names)
        #expect(report.suites[1].checks.map(\.id) == ["other"])
    }

    @Test func onlyAndSkipReportTheOthersAsSkipped() async {
        let checks = ["dns", "cert", "redirect"].map { configured($0, .outcome(CheckOutcome(summary: "ok"))) }
        let only = await CheckRunner(options: RunOptions(selection: CheckSelection(only: ["cert"]))).run([suite(checks)])
        #expect(only.suites[0].checks.map(\.status) == [.skip, .pass, .skip])
        #expect(only.suites[0].checks[0].summary == "not selected by --only")

        let skip = await CheckRunner(options: RunOptions(selection: CheckSelection(skip: ["cert"]))).run([suite(checks)])
        #expect(skip.suites[0].checks.map(\.status) == [.pass, .skip, .pass])
        #expect(skip.suites[0].checks[1].summary == "skipped by --skip")
        #expect(skip.summary.exitCode(strict: true) == 0)
    }

    @Test func severityWarnTurnsAFailureIntoAWarningButNotAnError() async {
        let checks = [
            configured("soft-fail", failing("expired in 3 days"), severity: .warn),
            configured("soft-error", .outcome(.error("canary reply is not JSON")), severity: .warn),
            configured("hard-fail", failing("wrong issuer")),
        ]
        let report = await CheckRunner().run([suite(checks)])
        let results = report.suites[0].checks
        #expect(results.map(\.status) == [.warn, .error, .fail])
        #expect(results[0].findings.map(\.status) == [.warn])
        #expect(results[0].summary == "expired in 3 days")
    }

    @Test func strictMakesAWarningFailTheExitCode() async {
        let checks = [configured("a", .outcome(CheckOutcome(summary: "ok"))),
                      configured("b", failing("close to expiry"), severity: .warn)]
        let report = await CheckRunner().run([suite(checks)])
        #expect(report.summary == RunSummary([.pass, .warn]))
        #expect(report.summary.exitCode(strict: false) == 0)
        #expect(report.summary.exitCode(strict: true) == 1)
    }

    @Test func aCheckPastItsDeadlineIsAnError() async {
        let log = FinishLog()
        let options = RunOptions(deadline: { _ in .milliseconds(50) })
        let report = await CheckRunner(options: options).run([suite([configured("stuck", .hang(log))])])
        let result = report.suites[0].checks[0]
        #expect(result.status == .error)
        #expect(result.summary.hasPrefix("did not finish within 50ms"))
        #expect(report.interrupted == false)
    }

    @Test func theDefaultDeadlineIsThirtyTimeouts() {
        #expect(RunOptions.defaultDeadline(.seconds(5)) == .seconds(150))
        #expect(RunOptions.defaultDeadline(.milliseconds(250)) == .seconds(60))
    }

    @Test func cancellingMarksEveryUnfinishedCheckInterrupted() async {
        let log = FinishLog()
        let checks = [
            configured("quick", .outcome(CheckOutcome(summary: "ok"))),
            configured("hang-1", .hang(log)),
            configured("hang-2", .hang(log)),
            configured("never-started", .outcome(CheckOutcome(summary: "ok"))),
            configured("skipped", .outcome(CheckOutcome(summary: "ok"))),
        ]
        // Two at a time: `quick` and `hang-1` first, then `hang-2` takes the slot `quick` leaves;
        // `never-started` waits for a slot that never comes.
        let options = RunOptions(jobs: 2, selection: CheckSelection(skip: ["skipped"]))
        let run = Task { await CheckRunner(options: options).run([suite(checks)]) }
        await log.waitFor("started hang-1")
        await log.waitFor("started hang-2")
        run.cancel()
        let report = await run.value
        let results = report.suites[0].checks
        #expect(report.interrupted)
        #expect(results.map(\.status) == [.pass, .error, .error, .error, .skip])
        #expect(results[1...3].allSatisfy { $0.summary == "interrupted" })
        #expect(report.summary.exitCode(strict: false) == 1)
    }

    @Test func durationsAreMeasured() async {
        let log = FinishLog()
        let options = RunOptions(deadline: { _ in .milliseconds(20) })
        let report = await CheckRunner(options: options).run([suite([configured("slow", .hang(log))])])
        #expect(report.suites[0].checks[0].durationMs >= 20)
        #expect(report.durationMs >= report.suites[0].checks[0].durationMs)
    }
}
