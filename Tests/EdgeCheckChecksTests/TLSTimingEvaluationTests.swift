import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct TLSTimingEvaluationTests {
    let front = TimingHop(name: "front", url: URL(string: "https://front.test/")!)
    let inner = TimingHop(name: "inner", url: URL(string: "https://inner.test/")!, insecure: true)

    private func samples(tls: [Double]) -> [PhaseTimings] {
        tls.map { PhaseTimings(dns: 1, connect: 1, tls: $0, ttfb: 2, total: 4 + $0) }
    }

    @Test func aBudgetFailsOnlyTheHopOverIt() {
        let configuration = TLSTimingConfiguration(hops: [front, inner], samples: 3,
                                                   budget: [TimingBudget(phase: .tls, statistic: .p50, limit: .milliseconds(50))])
        let verdict = TLSTimingEvaluation(configuration: configuration).evaluate([
            HopMeasurement(hop: front, samples: samples(tls: [200, 210, 220]), requested: 3),
            HopMeasurement(hop: inner, samples: samples(tls: [3, 4, 5]), requested: 3),
        ])
        #expect(verdict.findings.count == 1)
        #expect(verdict.findings.first?.subject == "front")
        #expect(verdict.findings.first?.failureClass == TLSTimingEvaluation.budgetClass)
        #expect(verdict.findings.first?.message == "hop front: tls p50 is 210.0 ms, over the budget of 50.0 ms (tls-p50)")
        #expect(verdict.data.hops[0].phases?.tls.p50 == 210)
        #expect(verdict.data.hops[1].phases?.tls.max == 5)
    }

    @Test func aHopThroughAProxyReportsItsTunnelAsAPhase() {
        let configuration = TLSTimingConfiguration(hops: [front], samples: 2)
        let proxied = [PhaseTimings(dns: 0, connect: 1, tls: 3, ttfb: 2, total: 10, tunnel: 4),
                       PhaseTimings(dns: 0, connect: 1, tls: 3, ttfb: 2, total: 12, tunnel: 6)]
        let verdict = TLSTimingEvaluation(configuration: configuration).evaluate([
            HopMeasurement(hop: front, samples: proxied, requested: 2),
        ])
        #expect(verdict.measurements.count == TimingPhase.allCases.count * TimingStatistic.allCases.count)
        #expect(verdict.measurements.contains(Measurement(name: "tunnel-p50", value: 5, unit: "ms", subject: "front")))
    }

    @Test func measurementsPerHopAndPhase() {
        let configuration = TLSTimingConfiguration(hops: [front], samples: 2)
        let verdict = TLSTimingEvaluation(configuration: configuration).evaluate([
            HopMeasurement(hop: front, samples: samples(tls: [10, 20]), requested: 2),
        ])
        // A direct hop has no tunnel phase to measure.
        #expect(verdict.measurements.count == (TimingPhase.allCases.count - 1) * TimingStatistic.allCases.count)
        #expect(!verdict.measurements.contains { $0.name.hasPrefix("tunnel-") })
        #expect(verdict.measurements.contains(Measurement(name: "tls-p50", value: 15, unit: "ms", subject: "front")))
        #expect(verdict.findings.isEmpty)
    }

    @Test func aTimedOutHopFailsWithItsClass() {
        let configuration = TLSTimingConfiguration(hops: [front], samples: 10)
        let verdict = TLSTimingEvaluation(configuration: configuration).evaluate([
            HopMeasurement(hop: front, failures: [NetFailure(.timeout, "no answer from 127.0.10.2:8443 within 2s")],
                           requested: 10, stoppedEarly: true),
        ])
        #expect(verdict.findings.map(\.failureClass) == [.timeout])
        #expect(verdict.findings.first?.message
                == "hop front: the sample failed: no answer from 127.0.10.2:8443 within 2s; sampling stopped after 1 of 10")
        #expect(verdict.data.hops[0].phases == nil)
        #expect(verdict.data.hops[0].failed == 1)
    }

    @Test func aFailedSampleAmongGoodOnesStillFails() {
        let configuration = TLSTimingConfiguration(hops: [front], samples: 3)
        let verdict = TLSTimingEvaluation(configuration: configuration).evaluate([
            HopMeasurement(hop: front, samples: samples(tls: [3, 4]), failures: [NetFailure(.reset, "reset by peer")],
                           requested: 3),
        ])
        #expect(verdict.findings.first?.failureClass == .reset)
        #expect(verdict.findings.first?.message == "hop front: 1 of 3 samples failed, the first: reset by peer")
    }

    @Test func insecureIsNeverSilent() {
        let configuration = TLSTimingConfiguration(hops: [inner], samples: 1)
        let verdict = TLSTimingEvaluation(configuration: configuration).evaluate([
            HopMeasurement(hop: inner, samples: samples(tls: [3]), requested: 1),
        ])
        #expect(verdict.insecure)
        #expect(verdict.data.hops[0].insecure)
        #expect(verdict.summary.contains("TLS verification OFF for inner"))
    }

    @Test func dataEncodesTheContractKeys() throws {
        let configuration = TLSTimingConfiguration(hops: [front], samples: 1)
        let verdict = TLSTimingEvaluation(configuration: configuration).evaluate([
            HopMeasurement(hop: front, address: "127.0.10.1", samples: samples(tls: [3]), requested: 1,
                           tlsVersion: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384"),
        ])
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(verdict.data)) as? [String: Any]
        let hop = try #require((json?["hops"] as? [[String: Any]])?.first)
        for key in ["name", "address", "tls_version", "cipher", "insecure", "samples", "phases"] {
            #expect(hop[key] != nil, "missing \(key)")
        }
        let tls = (hop["phases"] as? [String: Any])?["tls"] as? [String: Any]
        #expect(Set(tls?.keys.map { $0 } ?? []) == ["min", "p50", "p90", "p95", "p99", "max"])
        #expect(hop["tls_version"] as? String == "TLSv1.3")
    }

    @Test func millisecondsReadToOneDecimal() {
        #expect(TLSTimingEvaluation.ms(12.34) == "12.3 ms")
        #expect(TLSTimingEvaluation.ms(203.85) == "203.9 ms")
        #expect(TLSTimingEvaluation.ms(0.04) == "0.0 ms")
        #expect(TLSTimingEvaluation.ms(-0.04) == "0.0 ms")
        #expect(TLSTimingEvaluation.ms(-0.7) == "-0.7 ms")
        #expect(TLSTimingEvaluation.ms(2200) == "2200.0 ms")
    }
}
