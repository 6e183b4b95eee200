import Foundation
import Testing

extension LabTests {
    /// `proxy-protocol` straight to the ingress, whose HTTPS bind has accept-proxy and takes PROXY
    /// headers only from the NLB's address and 127.0.0.1; 127.0.50.1 stands for another VPC host.
    @Suite(.stopsLabAfterwards) struct ProxyProtocolLabTests {
        private func run(faults: [String], version: String = "v2") throws -> JSONReport.Check {
            try Lab.up(faults)
            let pin = try #require(Lab.environment["LAB_INGRESS_PIN"])
            let yaml = """
                name: proxy-lab
                defaults:
                  timeout: 3s
                checks:
                  - id: proxy
                    kind: proxy-protocol
                    url: https://ingress.edgecheck.test:8443/canary
                    connect-to: 127.0.20.1
                    pin-sha256: \(pin)
                    version: \(version)
                    untrusted-bind: 127.0.50.1
                """
            let (output, report) = try Lab.runSuite(yaml)
            return try #require(report?.check("proxy"), "no report: \(output.stderr)")
        }

        @Test(arguments: ["v1", "v2"])
        func theHealthyIngressTakesTheHeaderOnlyFromTrustedSources(version: String) throws {
            let check = try run(faults: [], version: version)
            #expect(check.status == "pass", "\(check.summary)")
            #expect(check.findings.map(\.status) == ["pass", "pass", "pass"])
            #expect(check.data?["announced"]?.string == "192.0.2.77")
            #expect(check.data?["chain"]?.array.compactMap(\.string) == ["192.0.2.77", "127.0.20.1"])
            #expect(check.data?["observed_client"]?.string == "192.0.2.77")
            #expect(check.data?["served_without_header"]?.bool == false)
            #expect(check.data?["untrusted"]?["bind"]?.string == "127.0.50.1")
            #expect(check.data?["untrusted"]?["served"]?.bool == false)
            #expect(check.summary == "127.0.20.1:8443 takes the client from PROXY \(version) from 192.0.2.77 (at "
                    + "position 2 of X-Forwarded-For), refuses connections without a header, and not from 127.0.50.1")
        }

        @Test func anIngressThatServesWithoutAHeaderIsProxyOptional() throws {
            let check = try run(faults: ["proxy-optional"])
            #expect(check.status == "fail")
            let finding = try #require(check.findings.first { $0.class == "proxy-optional" })
            #expect(finding.subject == "without-header")
            #expect(finding.message == "127.0.20.1:8443 served a connection without a PROXY header (the canary saw "
                    + "X-Forwarded-For: 127.0.0.1, 127.0.20.1): whoever reaches it past the NLB is served under their "
                    + "own address")
            #expect(finding.hint?.hasPrefix("make every connection start with a PROXY header: accept-proxy") == true)
            #expect(check.summary.hasPrefix(finding.message))
            #expect(check.data?["served_without_header"]?.bool == true)
        }

        @Test func anIngressThatTakesHeadersFromAnyoneIsProxySpoofable() throws {
            let check = try run(faults: ["proxy-spoofable"])
            #expect(check.status == "fail")
            #expect(check.findings.compactMap(\.class) == ["proxy-spoofable"])
            let finding = try #require(check.findings.first { $0.class == "proxy-spoofable" })
            #expect(finding.subject == "untrusted")
            #expect(finding.message.hasPrefix("from 127.0.50.1, a forged PROXY v2 from 192.0.2.77 to 127.0.20.1:8443 "
                                              + "was taken: the canary saw 192.0.2.77 at position 2 from the right of "
                                              + "X-Forwarded-For: 192.0.2.77, 127.0.20.1; anyone who can reach "
                                              + "127.0.20.1:8443 can forge their address"), "\(finding.message)")
            #expect(finding.message.hasSuffix("can forge their address in X-Forwarded-For and the audit logs"))
            #expect(finding.hint?.hasPrefix("take PROXY headers only from the NLB's addresses") == true)
            #expect(check.data?["untrusted"]?["served"]?.bool == true)
            #expect(check.data?["untrusted"]?["observed_client"]?.string == "192.0.2.77")
        }
    }
}
