import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct TLSTimingBudgetTests {
    @Test func validKeys() throws {
        let parsed = try TimingBudget.parseKey("tls-p50").get()
        #expect(parsed.0 == .tls && parsed.1 == .p50)
        let total = try TimingBudget.parseKey("total-max").get()
        #expect(total.0 == .total && total.1 == .max)
    }

    @Test func aBadPhaseIsNamedWithTheChoices() {
        #expect(TimingBudget.parseKey("handshake-p50")
                == .failure(.init(message: "unknown phase 'handshake' in 'handshake-p50' (use dns, connect, tunnel, tls, ttfb, total)")))
    }

    @Test func aBadStatisticIsNamedWithTheChoices() {
        #expect(TimingBudget.parseKey("tls-p51")
                == .failure(.init(message: "unknown statistic 'p51' in 'tls-p51' (use p50, p90, p95, p99, max)")))
        #expect(TimingBudget.parseKey("tls-min")
                == .failure(.init(message: "unknown statistic 'min' in 'tls-min' (use p50, p90, p95, p99, max)")))
    }

    @Test func aKeyWithoutDashIsExplained() {
        guard case .failure(let error) = TimingBudget.parseKey("tls") else {
            Issue.record("'tls' was accepted")
            return
        }
        #expect(error.message.hasPrefix("'tls' is not PHASE-STAT"))
    }

    @Test func limitsInMilliseconds() {
        #expect(TimingBudget(phase: .tls, statistic: .p50, limit: .milliseconds(250)).limitMilliseconds == 250)
        #expect(TimingBudget(phase: .tls, statistic: .p50, limit: .seconds(1.5)).limitMilliseconds == 1500)
    }
}

extension Result where Success == (TimingPhase, TimingStatistic), Failure == TimingBudget.KeyError {
    static func == (left: Self, right: Self) -> Bool {
        switch (left, right) {
        case (.success(let a), .success(let b)): a == b
        case (.failure(let a), .failure(let b)): a == b
        default: false
        }
    }
}
