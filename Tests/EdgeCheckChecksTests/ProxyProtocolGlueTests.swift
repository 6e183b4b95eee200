import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// The PROXY protocol keys and the `proxy-protocol` kind against a scripted ingress: what each
/// request carries, and the verdict on what the canary echoed.
@Suite struct ProxyProtocolGlueTests {
    private static let ingress = "127.0.20.1"
    private static let untrusted = "127.0.50.1"

    /// How the scripted ingress treats PROXY headers.
    enum Ingress {
        /// Every connection needs a header, and only a trusted one (not from `untrusted`) is served.
        case healthy
        /// Connections without a header are served too.
        case optional
        /// Headers are taken from anyone.
        case spoofable
        /// Headers are read, but the client is taken from the connection.
        case lost
    }

    private static func echo(_ forwardedFor: String) -> ProbeResponse {
        ScriptedNetwork.http(200, headers: [("Content-Type", "application/json")],
                             body: #"{"headers": {"X-Forwarded-For": "\#(forwardedFor)", "X-Forwarded-Proto": "https"}}"#)
    }

    private static func serve(_ network: ScriptedNetwork, as ingress: Ingress) {
        network.serve(Self.ingress) { request, _ in
            let peer = request.bind ?? "127.0.0.1"
            let reset = ScriptedNetwork.failure(.reset, "127.0.20.1:8443 reset the connection")
            guard let header = request.proxyProtocol else {
                return ingress == .optional ? echo("\(peer), 127.0.20.1") : reset
            }
            if peer == untrusted && ingress != .spoofable { return reset }
            let client = ingress == .lost ? peer : (header.source?.description ?? peer)
            var response = echo("\(client), 127.0.20.1")
            response.proxyHeader = ProxyProtocolHeader(version: header.version, source: header.source ?? IPAddress(peer)!,
                                                       sourcePort: 40000, destination: IPAddress("127.0.20.1")!,
                                                       destinationPort: 8443)
            return response
        }
    }

    private let proxyCheck = """
        url: https://ingress.edgecheck.test:8443/canary
        connect-to: 127.0.20.1
        untrusted-bind: 127.0.50.1
        """

    private func runProxyCheck(_ ingress: Ingress) async throws -> (CheckOutcome, ScriptedNetwork) {
        let network = ScriptedNetwork()
        Self.serve(network, as: ingress)
        let check = try ScriptedCheck.make(ProxyProtocolCheck.self, proxyCheck)
        return (await ScriptedCheck.run(check, on: network), network)
    }

    // MARK: proxy-protocol

    @Test func theHealthyIngressPassesAndEachQuestionIsOneRequest() async throws {
        let (outcome, network) = try await runProxyCheck(.healthy)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        #expect(outcome.subjects == ["announced", "without-header", "untrusted"])
        // With the header, without it, with it from untrusted-bind; no DNS, always to the ingress.
        #expect(network.requests.map(\.proxyProtocol) == [
            ProbeRequest.ProxyProtocol(version: .v2, source: IPAddress("192.0.2.77")), nil,
            ProbeRequest.ProxyProtocol(version: .v2, source: IPAddress("192.0.2.77")),
        ])
        #expect(network.requests.map(\.bind) == [nil, nil, "127.0.50.1"])
        #expect(network.requests.allSatisfy { $0.connectAddress == "127.0.20.1" })
        #expect(network.questions.isEmpty)
        let data = try #require(outcome.data as? ProxyProtocolData)
        #expect(data.chain == ["192.0.2.77", "127.0.20.1"])
        #expect(data.observedClient == "192.0.2.77")
        #expect(data.servedWithoutHeader == false)
        #expect(data.untrusted == ProxyProtocolData.Untrusted(bind: "127.0.50.1", served: false, chain: [],
                                                              observedClient: nil))
        #expect(outcome.findings.map(\.message) == [
            "sent PROXY v2 from 192.0.2.77 to 127.0.20.1:8443: the canary saw 192.0.2.77 at position 2 from the right "
                + "of X-Forwarded-For: 192.0.2.77, 127.0.20.1",
            "127.0.20.1:8443 refused a connection without a PROXY header (reset: 127.0.20.1:8443 reset the connection)",
            "from 127.0.50.1, a forged PROXY v2 from 192.0.2.77 to 127.0.20.1:8443 was refused (reset: 127.0.20.1:8443 "
                + "reset the connection)",
        ])
    }

    @Test func servedWithoutAHeaderIsProxyOptional() async throws {
        let (outcome, _) = try await runProxyCheck(.optional)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.compactMap(\.failureClass) == [ProxyProtocolEvaluation.optionalClass])
        #expect(outcome.summary.hasPrefix("127.0.20.1:8443 served a connection without a PROXY header (the canary saw "
                                          + "X-Forwarded-For: 127.0.0.1, 127.0.20.1)"))
        #expect((outcome.data as? ProxyProtocolData)?.servedWithoutHeader == true)
    }

    @Test func aForgedHeaderFromAnUntrustedAddressIsProxySpoofable() async throws {
        let (outcome, _) = try await runProxyCheck(.spoofable)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.compactMap(\.failureClass) == [ProxyProtocolEvaluation.spoofableClass])
        let finding = try #require(outcome.findings.last)
        #expect(finding.subject == "untrusted")
        #expect(finding.message.contains("anyone who can reach 127.0.20.1:8443 can forge their address"))
        #expect((outcome.data as? ProxyProtocolData)?.untrusted?.observedClient == "192.0.2.77")
    }

    @Test func anIgnoredHeaderIsProxyLost() async throws {
        let (outcome, _) = try await runProxyCheck(.lost)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.first?.failureClass == ProxyProtocolEvaluation.lostClass)
        #expect(outcome.summary == "sent PROXY v2 from 192.0.2.77 to 127.0.20.1:8443: the canary saw 127.0.0.1 at "
                + "position 2 from the right of X-Forwarded-For: 127.0.0.1, 127.0.20.1, not the announced source; the "
                + "ingress does not take the client from the PROXY header")
    }

    @Test func theKindRejectsBadKeys() throws {
        #expect(throws: SuiteError.self) { try ScriptedCheck.make(ProxyProtocolCheck.self, "url: https://h.example/\n") }
        do {
            _ = try ScriptedCheck.make(ProxyProtocolCheck.self, proxyCheck + "\nversion: v3\n")
            Issue.record("version: v3 was accepted")
        } catch let error as SuiteError {
            #expect(error.message == "'v3' is not one of v1, v2")
        }
        do {
            _ = try ScriptedCheck.make(ProxyProtocolCheck.self, proxyCheck + "\nsource: 2001:db8::1\n")
            Issue.record("an IPv6 source for an IPv4 ingress was accepted")
        } catch let error as SuiteError {
            #expect(error.key == "checks[0].source")
        }
    }

    // MARK: xff-echo and tls-timing with a header

    @Test func xffEchoThroughAHeaderExpectsItsSourceAndAsksNoDNS() async throws {
        let network = ScriptedNetwork()
        Self.serve(network, as: .healthy)
        let check = try ScriptedCheck.make(XFFEchoCheck.self, """
            url: https://ingress.edgecheck.test:8443/canary
            connect-to: 127.0.20.1:8443
            proxy-protocol: v1
            trusted-hops: 2
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        // No client-ip-url: the client is whom the header announced, here the connection's own address.
        let data = try #require(outcome.data as? XFFEchoData)
        #expect(data.clientIP == "127.0.0.1")
        #expect(data.clientIPSource == "PROXY header")
        #expect(network.requests.map(\.proxyProtocol) == [ProbeRequest.ProxyProtocol(version: .v1),
                                                          ProbeRequest.ProxyProtocol(version: .v1)])
        #expect(network.requests.allSatisfy { $0.connectAddress == "127.0.20.1" && $0.connectPort == 8443 })
        #expect(network.questions.isEmpty)
    }

    @Test func proxySourceWithoutProxyProtocolIsASuiteError() throws {
        do {
            _ = try ScriptedCheck.make(XFFEchoCheck.self, "url: https://h.example/\nproxy-source: 192.0.2.1\n")
            Issue.record("proxy-source alone was accepted")
        } catch let error as SuiteError {
            #expect(error.key == "checks[0].proxy-source")
            #expect(error.message == "proxy-source 192.0.2.1 is announced only in a PROXY header; set proxy-protocol: v1 or v2")
        }
    }

    @Test func aHopThatOnlyHandshakesWithAHeaderGetsTheHint() async throws {
        let network = ScriptedNetwork()
        Self.serve(network, as: .healthy)
        let check = try ScriptedCheck.make(TLSTimingCheck.self, """
            samples: 2
            hops:
              - name: ingress
                url: https://ingress.edgecheck.test:8443/
                connect-to: 127.0.20.1
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.map(\.failureClass) == [.reset])
        #expect(outcome.summary == "hop ingress: 2 of 2 samples failed, the first: 127.0.20.1:8443 reset the connection; "
                + "with a PROXY v2 header the handshake completes: this ingress expects a PROXY header: set proxy-protocol: v2")
        // Two samples without a header, then one handshake with one.
        #expect(network.requests.map(\.proxyProtocol?.version) == [nil, nil, .v2])
        #expect(network.requests.last?.depth == .tls)
    }

    @Test func aHopWithAHeaderSendsItOnEverySample() async throws {
        let network = ScriptedNetwork()
        Self.serve(network, as: .healthy)
        let check = try ScriptedCheck.make(TLSTimingCheck.self, """
            samples: 3
            hops:
              - name: ingress
                url: https://ingress.edgecheck.test:8443/
                connect-to: 127.0.20.1
                proxy-protocol: v2
                proxy-source: 192.0.2.9
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        #expect(network.requests.map(\.proxyProtocol) == Array(repeating: ProbeRequest.ProxyProtocol(
            version: .v2, source: IPAddress("192.0.2.9")), count: 3))
    }
}
