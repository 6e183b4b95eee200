import Foundation
import Testing
@testable import EdgeCheckRun

/// The timer behind every timeout a run or `serve` races against: it elapses, and a cancelled
/// one ends at once, saying so.
@Suite struct CancellableTimerTests {
    @Test func aWaitElapses() async {
        let start = ContinuousClock.now
        #expect(await CancellableTimer.wait(.milliseconds(50)))
        #expect(ContinuousClock.now - start >= .milliseconds(50))
    }

    @Test func aCancelledWaitEndsAtOnceAndSaysSo() async {
        // 30 s: were cancellation ignored, the test would fail rather than hang.
        let start = ContinuousClock.now
        let waiting = Task { await CancellableTimer.wait(.seconds(30)) }
        try? await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        #expect(await waiting.value == false)
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    @Test func aWaitInACancelledTaskEndsAtOnce() async {
        let waiting = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await CancellableTimer.wait(.seconds(30))
        }
        #expect(await waiting.value == false)
    }

    @Test func durationsBecomeDispatchIntervalsToTheNanosecond() {
        #expect(Duration.milliseconds(1500).timeInterval == .nanoseconds(1_500_000_000))
        #expect(Duration.nanoseconds(7).timeInterval == .nanoseconds(7))
    }
}
