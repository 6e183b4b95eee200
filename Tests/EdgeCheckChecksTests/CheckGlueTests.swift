import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// The glue of each kind, against a scripted network: which address is tried next, what is
/// followed, whom it asks. The lab tests prove the same against the real programs.
@Suite struct CheckGlueTests {
    private let host = "www.edgecheck.test"

    private func echo(_ forwardedFor: String) -> ProbeResponse {
        ScriptedNetwork.http(200, headers: [("Content-Type", "application/json")],
                             body: #"{"headers": {"X-Forwarded-For": "\#(forwardedFor)", "X-Forwarded-Proto": "https"}}"#)
    }

    // MARK: xff-echo

    @Test func xffEchoFallsBackToTheNextAddressWhenOneRefuses() async throws {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1", "127.0.10.2"])
        // 127.0.10.1 is not scripted: refused. 127.0.10.2 echoes.
        network.serve("127.0.10.2") { request, _ in
            let forged = request.headers.first { $0.name == "X-Forwarded-For" }?.value
            return self.echo((forged.map { "\($0), " } ?? "") + "127.0.0.9")
        }
        let check = try ScriptedCheck.make(XFFEchoCheck.self, """
            url: https://www.edgecheck.test:8443/canary
            client-ip: 127.0.0.9
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        let data = try #require(outcome.data as? XFFEchoData)
        #expect(data.address == "127.0.10.2")
        // The forged request went to the address that served, not back to the refusing one.
        #expect(network.requests.map(\.connectAddress) == ["127.0.10.1", "127.0.10.2", "127.0.10.2"])
    }

    @Test func xffEchoDoesNotFallBackPastAnHTTPError() async throws {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1", "127.0.10.2"])
        network.serve("127.0.10.1", with: ScriptedNetwork.http(502))
        network.serve("127.0.10.2", with: echo("127.0.0.9"))
        let check = try ScriptedCheck.make(XFFEchoCheck.self, """
            url: https://www.edgecheck.test:8443/canary
            client-ip: 127.0.0.9
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.first?.failureClass == .httpStatus)
        #expect(outcome.summary == "the canary https://www.edgecheck.test:8443/canary answered 502, expected 200 with an echo")
    }

    @Test func xffEchoWithEveryAddressDeadNamesTheFirstFailure() async throws {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1", "127.0.10.2"])
        let check = try ScriptedCheck.make(XFFEchoCheck.self, """
            url: https://www.edgecheck.test:8443/canary
            client-ip: 127.0.0.9
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.first?.failureClass == .refused)
        #expect(outcome.summary.contains("127.0.10.1:8443"))
    }

    // MARK: redirect

    private func redirect(to location: String) -> ProbeResponse {
        ScriptedNetwork.http(301, headers: [("Location", location)])
    }

    @Test func redirectFollowsTheSameHostOnTheAddressUnderTest() async throws {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1", "127.0.10.2"])
        for address in ["127.0.10.1", "127.0.10.2"] {
            network.serve("\(address):8080", with: redirect(to: "https://www.edgecheck.test:8443/a?b=1"))
            network.serve("\(address):8443", with: ScriptedNetwork.http(200))
        }
        let check = try ScriptedCheck.make(RedirectCheck.self, """
            url: http://www.edgecheck.test:8080/a?b=1
            https-port: 8443
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        let followed = network.requests.filter { $0.url.scheme == "https" }
        #expect(Set(followed.map(\.connectAddress)) == ["127.0.10.1", "127.0.10.2"])
        // Each address's follow-up went to that same address.
        #expect(network.questions.allSatisfy { $0.name == host })
    }

    @Test func redirectResolvesAnotherHostThroughTheSuitesResolvers() async throws {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1"])
        network.answer("login.edgecheck.test", with: ["127.0.10.50"], from: "127.0.53.2:10053")
        network.serve("127.0.10.1:8080", with: redirect(to: "https://login.edgecheck.test:8443/"))
        network.serve("127.0.10.50:8443", with: ScriptedNetwork.http(200))
        let check = try ScriptedCheck.make(RedirectCheck.self, """
            url: http://www.edgecheck.test:8080/
            location: https://login.edgecheck.test:8443/
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        #expect(network.requests.last?.connectAddress == "127.0.10.50")
        #expect(network.questions.contains { $0.name == "login.edgecheck.test" && $0.server == "127.0.53.2:10053" })
    }

    @Test func redirectFailsWhenTheTargetSendsUsersBackToPlainHTTP() async throws {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1"])
        network.serve("127.0.10.1:8080", with: redirect(to: "https://www.edgecheck.test:8443/"))
        network.serve("127.0.10.1:8443", with: redirect(to: "http://www.edgecheck.test:8080/other"))
        let check = try ScriptedCheck.make(RedirectCheck.self, """
            url: http://www.edgecheck.test:8080/
            https-port: 8443
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.first?.subject == "127.0.10.1")
        #expect(outcome.summary.contains("back to plain http"))
    }

    // MARK: static-ip

    @Test func staticIPNamesTheResolverThatDisagrees() async throws {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1", "127.0.10.2"], from: "127.0.53.1:10053")
        network.answer(host, with: ["127.0.10.1", "127.0.10.77"], from: "127.0.53.2:10053")
        for address in ["127.0.10.1", "127.0.10.2", "127.0.10.77"] {
            network.serve(address, with: ProbeResponse(tlsVersion: "TLSv1.3"))
        }
        let check = try ScriptedCheck.make(StaticIPCheck.self, """
            expect: [127.0.10.1, 127.0.10.2]
            lookups: 2
            interval: 10ms
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .fail)
        let unexpected = outcome.findings.filter { $0.subject == "127.0.10.77" && $0.status == .fail }
        #expect(unexpected.first?.failureClass?.rawValue == "unexpected-address")
        #expect(unexpected.first?.message.contains("127.0.53.2:10053") == true)
        let data = try #require(outcome.data as? StaticIPData)
        #expect(data.unexpected == ["127.0.10.77"])
        // Two rounds, two resolvers, two record types.
        #expect(network.questions.count == 8)
    }

    // MARK: tls-timing

    @Test func aHopThatFailsHalfItsSamplesIsMeasuredOnTheRest() async throws {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1"])
        network.serve("127.0.10.1") { _, attempt in
            attempt % 2 == 0
                ? ScriptedNetwork.http(200, timings: PhaseTimings(dns: 0, connect: 1, tls: 3, ttfb: 2, total: 6))
                : ScriptedNetwork.failure(.reset, "connection reset by 127.0.10.1:8443")
        }
        let check = try ScriptedCheck.make(TLSTimingCheck.self, "samples: 4\n")
        let outcome = await ScriptedCheck.run(check, on: network)
        let data = try #require(outcome.data as? TLSTimingData)
        let hop = try #require(data.hops.first)
        #expect(hop.samples == 2)
        #expect(hop.failed == 2)
        #expect(hop.phases?.tls.p50 == 3)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.contains { $0.failureClass == .reset })
        // A reset does not end the hop's sampling: all four were tried.
        #expect(network.requests.count == 4)
    }

    // MARK: the --target suite's addresses

    @Test func theTargetSuitesAddressesAreAskedFiveTimesMoreAndHeldToTheFirstAnswer() async throws {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1", "127.0.10.2"])
        network.serve("127.0.10.1", with: ProbeResponse(tlsVersion: "TLSv1.3"))
        network.serve("127.0.10.2", with: ProbeResponse(tlsVersion: "TLSv1.3"))
        let check = ResolvedAddressesCheck(target: URL(string: "https://www.edgecheck.test:8443/")!)
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = await ScriptedCheck.run(check, on: network, servers: [ScriptedCheck.resolvers[0]])
        let elapsed = clock.now - started
        #expect(outcome.status == .pass, "\(outcome.summary)")
        #expect(outcome.summary.hasPrefix("resolved at start: 127.0.10.1, 127.0.10.2; "))
        let data = try #require(outcome.data as? StaticIPData)
        #expect(data.rounds == 5)
        // The first answer, then five rounds of A and AAAA.
        #expect(network.questions.count == 2 + 5 * 2)
        // Four pauses of 150 ms: a hang detector, not a timing claim.
        #expect(elapsed >= .milliseconds(600) && elapsed < .seconds(30))
    }
}
