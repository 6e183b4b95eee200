import Foundation
import Testing
@testable import EdgeCheckRun
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
@testable import EdgeCheckReport

extension LabTests {
    /// The network layer against the lab: its resolvers, the NLB's certificates and each fault
    /// that a certificate or static-ip check must tell apart.
    @Suite struct NetLabTests {
        static let primary = DNSServer.address(host: "127.0.53.1", port: 10053)
        static let front = URL(string: "https://www.edgecheck.test:8443/")!
        static var pki: URL { Lab.root.appendingPathComponent("lab/state/pki") }

        func tls(_ address: String, trust: ProbeRequest.Trust = .verify, timeout: Duration = .seconds(3)) -> ProbeRequest {
            ProbeRequest(url: Self.front, connectAddress: address, depth: .tls, trust: trust, timeout: timeout,
                         caFile: Self.pki.appendingPathComponent("root-ca.pem").path, captureCertificates: true)
        }

        @Test func theHealthyLabResolvesAndServesAVerifiedChainOnEveryStaticIP() async throws {
            try Lab.up()
            let lookup = await Resolver().lookup("www.edgecheck.test", type: .a, server: Self.primary, timeout: .seconds(2))
            #expect(lookup.failure == nil)
            #expect(Set(lookup.answers.map(\.address)) == ["127.0.10.1", "127.0.10.2"])
            for address in ["127.0.10.1", "127.0.10.2"] {
                let response = await Prober.shared.probe(tls(address))
                #expect(response.failure == nil, "\(address)")
                #expect(response.remoteAddress == address)
                #expect(response.certificates.count == 2)
                #expect(response.certificates.first?.issuer.contains("CN=Edge Lab Issuing CA") == true)
                let verdict = CertificateVerifier(caFile: Self.pki.appendingPathComponent("root-ca.pem").path)
                    .verify(chain: response.certificates, host: "www.edgecheck.test")
                #expect(verdict.failures.isEmpty)
            }
        }

        @Test func theSilentResolverIsADNSTimeout() async throws {
            try Lab.up()
            let silent = DNSServer.address(host: "127.0.53.3", port: 10053)
            let started = ContinuousClock.now
            let lookup = await Resolver().lookup("www.edgecheck.test", type: .a, server: silent, timeout: .seconds(1))
            #expect(lookup.failure == NetFailure(.dnsTimeout,
                                                 "127.0.53.3:10053 did not answer for www.edgecheck.test A within 1s"))
            #expect(lookup.durationMs < 1000 + 1000)
            #expect(ContinuousClock.now - started < .milliseconds(1000 + 3000))
        }

        @Test func theIngressSelfSignedCertificateIsTrustedByItsPinOnly() async throws {
            try Lab.up()
            let pin = try String(contentsOf: Self.pki.appendingPathComponent("ingress.pin"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let url = URL(string: "https://ingress.edgecheck.test:8443/")!
            // Its bind has accept-proxy: every connection starts with a PROXY header.
            let header = ProbeRequest.ProxyProtocol(version: .v2)
            let pinned = await Prober.shared.probe(ProbeRequest(url: url, connectAddress: "127.0.20.1", depth: .tls,
                                                                trust: .pinned(pin), timeout: .seconds(3),
                                                                proxyProtocol: header))
            #expect(pinned.failure == nil)
            let verified = await Prober.shared.probe(ProbeRequest(url: url, connectAddress: "127.0.20.1", depth: .tls,
                                                                  timeout: .seconds(3), proxyProtocol: header))
            #expect(verified.failure?.failureClass == .certUntrusted)
        }

        @Test(arguments: [ProxyProtocolHeader.Version.v1, .v2])
        func theIngressTakesTheAnnouncedSourceFromAProxyHeader(version: ProxyProtocolHeader.Version) async throws {
            try Lab.up()
            let pin = try String(contentsOf: Self.pki.appendingPathComponent("ingress.pin"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let url = URL(string: "https://ingress.edgecheck.test:8443/canary/text")!
            let source = try #require(IPAddress("192.0.2.77"))
            let response = await Prober.shared.probe(ProbeRequest(
                url: url, connectAddress: "127.0.20.1", trust: .pinned(pin), timeout: .seconds(3),
                proxyProtocol: ProbeRequest.ProxyProtocol(version: version, source: source)))
            #expect(response.failure == nil, "\(response.failure?.message ?? "")")
            #expect(response.status == 200)
            #expect(response.proxyHeader?.version == version)
            #expect(response.proxyHeader?.source == source)
            #expect(response.proxyHeader?.destination == IPAddress("127.0.20.1"))
            #expect(response.proxyHeader?.destinationPort == 8443)
            let body = String(decoding: response.body, as: UTF8.self)
            #expect(body.contains("X-Forwarded-For: 192.0.2.77, 127.0.20.1"), "\(body)")
            #expect(response.timings.connect > 0 && response.timings.tls > 0)
        }

        @Test func withoutAHeaderTheIngressEndsTheHandshakeAtOnce() async throws {
            try Lab.up()
            let url = URL(string: "https://ingress.edgecheck.test:8443/")!
            let started = ContinuousClock.now
            let response = await Prober.shared.probe(ProbeRequest(url: url, connectAddress: "127.0.20.1", depth: .tls,
                                                                  trust: .insecure, timeout: .seconds(3)))
            #expect(response.failure?.failureClass == .reset, "\(response.failure?.message ?? "")")
            #expect(ContinuousClock.now - started < .seconds(3 + 2))
        }

        @Test func aProxySourceOfTheOtherFamilyIsALocalError() async throws {
            try Lab.up()
            let url = URL(string: "https://ingress.edgecheck.test:8443/")!
            let response = await Prober.shared.probe(ProbeRequest(
                url: url, connectAddress: "127.0.20.1", depth: .tls, trust: .insecure, timeout: .seconds(3),
                proxyProtocol: ProbeRequest.ProxyProtocol(version: .v2, source: IPAddress("2001:db8::77"))))
            #expect(response.failure?.failureClass == .local)
            #expect(response.failure?.message.hasPrefix("proxy-source 2001:db8::77 is IPv6 but the connection to "
                                                        + "127.0.20.1:8443 is IPv4") == true)
        }

        @Test func aDeadIPIsRefusedAndAnExpiredLeafIsCertExpired() async throws {
            try Lab.up(["dead-ip", "expired-cert"])
            let dead = await Prober.shared.probe(tls("127.0.10.2"))
            #expect(dead.failure == NetFailure(.refused, "connection refused by 127.0.10.2:8443"))
            let expired = await Prober.shared.probe(tls("127.0.10.1"))
            #expect(expired.failure == NetFailure(.certExpired, "127.0.10.1:8443 serves an expired certificate"))
            let inspected = await Prober.shared.probe(tls("127.0.10.1", trust: .inspect))
            #expect(inspected.failure == nil)
            let verdict = CertificateVerifier(caFile: Self.pki.appendingPathComponent("root-ca.pem").path)
                .verify(chain: inspected.certificates, host: "www.edgecheck.test")
            #expect(verdict.failures.map(\.failureClass) == [.certExpired])
        }

        @Test func aBlackholedIPTimesOutWithinTheTimeoutAndAWrongHostIsCertHostname() async throws {
            try Lab.up(["blackhole", "wrong-host"])
            let started = ContinuousClock.now
            let silent = await Prober.shared.probe(tls("127.0.10.2", timeout: .seconds(1)))
            #expect(silent.timings.total < 1000 + 100)
            #expect(ContinuousClock.now - started < .milliseconds(1000 + 3000))
            #expect(silent.failure?.failureClass == .timeout)
            #expect(silent.failure?.message.hasPrefix("127.0.10.2:8443") == true)
            let wrong = await Prober.shared.probe(tls("127.0.10.1"))
            #expect(wrong.failure?.failureClass == .certHostname)
            #expect(wrong.certificates.first?.subjectAltNames.contains("other.edgecheck.test") == true)
        }

        @Test func aLeafServedWithoutItsIntermediateIsUntrusted() async throws {
            try Lab.up(["no-intermediate"])
            let verified = await Prober.shared.probe(tls("127.0.10.1"))
            #expect(verified.failure?.failureClass == .certUntrusted)
            let inspected = await Prober.shared.probe(tls("127.0.10.1", trust: .inspect))
            #expect(inspected.certificates.count == 1)
            let verdict = CertificateVerifier(caFile: Self.pki.appendingPathComponent("root-ca.pem").path)
                .verify(chain: inspected.certificates, host: "www.edgecheck.test")
            #expect(verdict.failures.map(\.failureClass) == [.certUntrusted])
        }
    }
}
