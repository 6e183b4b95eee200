import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// The `static-ip` verdict on made-up observations: what a user reads for each situation.
@Suite struct StaticIPEvaluationTests {
    static let primary = "127.0.53.1:10053"
    static let secondary = "127.0.53.2:10053"

    private func evaluation(expect: [String] = ["127.0.10.1", "127.0.10.2"], lookups: Int = 2,
                            probe: StaticIPConfiguration.ProbeMode = .tls,
                            resolvers: [String] = [primary, secondary]) -> StaticIPEvaluation {
        let configuration = StaticIPConfiguration(
            host: "www.edgecheck.test", port: 8443, expect: expect.compactMap(AddressRange.init), lookups: lookups,
            probe: probe)
        return StaticIPEvaluation(configuration: configuration, resolvers: resolvers)
    }

    /// Every resolver answers every round: A with `answers[resolver]`, AAAA with nothing (NODATA).
    private func lookups(_ answers: [String: [String]], rounds: Int = 2,
                         resolvers: [String] = [primary, secondary]) -> [StaticIPData.Lookup] {
        (1...rounds).flatMap { round in
            resolvers.flatMap { resolver in
                [StaticIPData.Lookup(resolver: resolver, round: round, type: .a, answers: answers[resolver] ?? [], ttl: 60),
                 StaticIPData.Lookup(resolver: resolver, round: round, type: .aaaa, answers: [])]
            }
        }
    }

    private func served(_ addresses: [String]) -> [StaticIPData.Probe] {
        addresses.map { StaticIPData.Probe(address: $0, ok: true, ms: 1.5) }
    }

    private let healthy = [primary: ["127.0.10.1", "127.0.10.2"], secondary: ["127.0.10.2", "127.0.10.1"]]

    @Test func allowListedAndServingPasses() {
        let outcome = evaluation().outcome(lookups: lookups(healthy), probes: served(["127.0.10.1", "127.0.10.2"]))
        #expect(outcome.status == .pass)
        #expect(outcome.findings.isEmpty)
        #expect(outcome.subjects == ["127.0.10.1", "127.0.10.2"])
        #expect(outcome.summary == "2 addresses, all allow-listed and serving (2 lookups × 2 resolvers)")
        let data = outcome.data as? StaticIPData
        #expect(data?.seen == ["127.0.10.1", "127.0.10.2"])
        #expect(data?.unexpected == [])
        #expect(data?.missing == [])
        #expect(data?.lookups.count == 8)
        #expect(data?.probes.count == 2)
    }

    @Test func anAddressOutsideTheAllowListFailsNamingItsResolver() {
        var answers = healthy
        answers[Self.primary]? += ["127.0.10.66"]
        let outcome = evaluation().outcome(lookups: lookups(answers),
                                           probes: served(["127.0.10.1", "127.0.10.2", "127.0.10.66"]))
        #expect(outcome.status == .fail)
        let finding = outcome.findings.first { $0.failureClass?.rawValue == "unexpected-address" }
        #expect(finding?.subject == "127.0.10.66")
        #expect(finding?.message.contains("127.0.10.66 is outside the allow-list (127.0.10.1, 127.0.10.2)") == true)
        #expect(finding?.message.contains("returned by 127.0.53.1:10053 in 2 of 2 rounds") == true)
        #expect(finding?.message.contains(Self.secondary) == false)
        #expect(outcome.subjects == ["127.0.10.1", "127.0.10.2", "127.0.10.66"])
        #expect((outcome.data as? StaticIPData)?.unexpected == ["127.0.10.66"])
        #expect(outcome.summary.contains("127.0.10.66"))
    }

    @Test func aDisagreeingResolverIsNamed() {
        let answers = [Self.primary: ["127.0.10.1", "127.0.10.2"], Self.secondary: ["127.0.10.77"]]
        let outcome = evaluation().outcome(lookups: lookups(answers),
                                           probes: served(["127.0.10.1", "127.0.10.2", "127.0.10.77"]))
        #expect(outcome.status == .fail)
        let unexpected = outcome.findings.first { $0.subject == "127.0.10.77" }
        #expect(unexpected?.failureClass?.rawValue == "unexpected-address")
        #expect(unexpected?.message.contains("returned by 127.0.53.2:10053") == true)
        let disagreement = outcome.findings.first { $0.subject == Self.secondary }
        #expect(disagreement?.status == .warn)
        #expect(disagreement?.failureClass?.rawValue == "resolver-disagreement")
        #expect(disagreement?.message.contains("never returned 127.0.10.1, 127.0.10.2") == true)
        #expect(disagreement?.message.contains("which 127.0.53.1:10053 returned") == true)
        // The primary never returned .77 either, but that address is already a failure of its own.
        #expect(!outcome.findings.contains { $0.subject == Self.primary })
        #expect(outcome.subjects == ["127.0.10.1", "127.0.10.2", "127.0.10.77", Self.secondary])
    }

    @Test func resolversAgreeingOnAllowListedAddressesOnlyWarnWhenOneMissesSome() {
        let answers = [Self.primary: ["127.0.10.1", "127.0.10.2"], Self.secondary: ["127.0.10.1"]]
        let outcome = evaluation().outcome(lookups: lookups(answers), probes: served(["127.0.10.1", "127.0.10.2"]))
        #expect(outcome.status == .warn)
        #expect(outcome.findings.map(\.subject) == [Self.secondary])
    }

    @Test func aFailingResolverFailsWithItsClass() {
        var records = lookups(healthy, resolvers: [Self.primary, Self.secondary])
        for round in 1...2 {
            for type in [DNSRecordType.a, .aaaa] {
                records.append(StaticIPData.Lookup(resolver: "127.0.53.3:10053", round: round, type: type, answers: [],
                                                   failureClass: .dnsTimeout,
                                                   error: "no answer from 127.0.53.3:10053 within 1s"))
            }
        }
        let outcome = evaluation(resolvers: [Self.primary, Self.secondary, "127.0.53.3:10053"])
            .outcome(lookups: records, probes: served(["127.0.10.1", "127.0.10.2"]))
        #expect(outcome.status == .fail)
        let finding = outcome.findings.first { $0.subject == "127.0.53.3:10053" }
        #expect(finding?.failureClass == .dnsTimeout)
        #expect(finding?.message == "resolver 127.0.53.3:10053 failed 4 of 4 lookups of www.edgecheck.test (A, AAAA): "
                    + "no answer from 127.0.53.3:10053 within 1s")
        // A resolver that never answered does not count as disagreeing.
        #expect(!outcome.findings.contains { $0.failureClass?.rawValue == "resolver-disagreement" })
        #expect(outcome.subjects.last == "127.0.53.3:10053")
    }

    @Test func everyLookupFailingReportsOnlyTheFailures() {
        let records = (1...2).map {
            StaticIPData.Lookup(resolver: Self.primary, round: $0, type: .a, answers: [], failureClass: .refused,
                                error: "connection refused")
        }
        let outcome = evaluation(resolvers: [Self.primary]).outcome(lookups: records, probes: [])
        #expect(outcome.status == .fail)
        #expect(outcome.findings.map(\.failureClass) == [.refused])
        #expect(outcome.findings.first?.subject == Self.primary)
    }

    @Test func noDataEverywhereFailsWithNoAddress() {
        let outcome = evaluation().outcome(lookups: lookups([:]), probes: [])
        #expect(outcome.status == .fail)
        let finding = outcome.findings.first { $0.failureClass?.rawValue == "no-address" }
        #expect(finding?.message == "no resolver returned any address for www.edgecheck.test (A, AAAA) "
                    + "in 2 lookups × 2 resolvers")
    }

    @Test func anExpectedAddressNeverReturnedWarns() {
        let evaluation = evaluation(expect: ["127.0.10.1", "127.0.10.2", "127.0.10.9"], probe: .none)
        let outcome = evaluation.outcome(lookups: lookups(healthy), probes: [])
        #expect(outcome.status == .warn)
        #expect(outcome.findings.count == 1)
        #expect(outcome.findings.first?.subject == "127.0.10.9")
        #expect(outcome.findings.first?.failureClass?.rawValue == "missing-address")
        #expect(outcome.findings.first?.message == "127.0.10.9 is allow-listed but no resolver returned it for "
                    + "www.edgecheck.test in 2 lookups × 2 resolvers")
        #expect((outcome.data as? StaticIPData)?.missing == ["127.0.10.9"])
        #expect(outcome.subjects == ["127.0.10.1", "127.0.10.2", "127.0.10.9"])
    }

    @Test func aBlockWarnsOnlyWhenNoneOfItsAddressesAppeared() {
        let used = evaluation(expect: ["127.0.10.0/24"], probe: .none).outcome(lookups: lookups(healthy), probes: [])
        #expect(used.status == .pass)
        #expect(used.summary == "2 addresses, all allow-listed (2 lookups × 2 resolvers; not probed)")
        let unused = evaluation(expect: ["127.0.10.0/24", "10.1.0.0/16"], probe: .none)
            .outcome(lookups: lookups(healthy), probes: [])
        #expect(unused.status == .warn)
        #expect(unused.findings.first?.subject == "10.1.0.0/16")
        #expect(unused.findings.first?.message.hasPrefix("no address in allow-listed 10.1.0.0/16 was returned") == true)
    }

    @Test func anAddressThatDoesNotServeFailsWithItsClass() {
        var probes = served(["127.0.10.1"])
        probes.append(StaticIPData.Probe(address: "127.0.10.2", ok: false, failureClass: .refused, ms: 0.3,
                                         error: "connection refused by 127.0.10.2:8443"))
        let outcome = evaluation().outcome(lookups: lookups(healthy), probes: probes)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.count == 1)
        let finding = outcome.findings[0]
        #expect(finding.subject == "127.0.10.2")
        #expect(finding.failureClass == .refused)
        #expect(finding.message == "127.0.10.2 does not serve: connection refused by 127.0.10.2:8443; expected a "
                    + "verified TLS handshake for www.edgecheck.test on port 8443")
        #expect(outcome.summary.hasPrefix(finding.message))
    }

    @Test func severalProblemsAreSummarisedByClassWorstFirst() {
        var answers = healthy
        answers[Self.primary]? += ["127.0.10.66"]
        var probes = served(["127.0.10.1", "127.0.10.66"])
        probes.append(StaticIPData.Probe(address: "127.0.10.2", ok: false, failureClass: .timeout, ms: 1000,
                                         error: "no answer"))
        let outcome = evaluation(expect: ["127.0.10.1", "127.0.10.2", "127.0.10.9"])
            .outcome(lookups: lookups(answers), probes: probes)
        #expect(outcome.summary == "unexpected-address on 127.0.10.66; timeout on 127.0.10.2; "
                    + "missing-address on 127.0.10.9 (3 addresses seen in 2 lookups × 2 resolvers)")
    }

    @Test func probedAddressesAreSeenAndExpectedSinglesInNumericOrder() {
        let evaluation = evaluation(expect: ["127.0.10.10", "127.0.10.2", "127.0.11.0/24"])
        let addresses = evaluation.addressesToProbe(after: lookups([Self.primary: ["127.0.10.2", "127.0.10.1"]],
                                                                   resolvers: [Self.primary]))
        #expect(addresses == ["127.0.10.1", "127.0.10.2", "127.0.10.10"])
    }

    @Test func eachProbeIsAMeasurementOfItsAddress() {
        let outcome = evaluation().outcome(lookups: lookups(healthy), probes: served(["127.0.10.1", "127.0.10.2"]))
        #expect(outcome.measurements.map(\.subject) == ["127.0.10.1", "127.0.10.2"])
        #expect(outcome.measurements.allSatisfy { $0.unit == "ms" && $0.value == 1.5 })
    }
}
