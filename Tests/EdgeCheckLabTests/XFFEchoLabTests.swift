import Foundation
import Testing

extension LabTests {
    /// `xff-echo` through the NLB, the ingress and the ALB to the canary, from a distinctive source.
    @Suite(.stopsLabAfterwards) struct XFFEchoLabTests {
        static func suite(url: String = "https://www.edgecheck.test:8443/canary", extra: String = "") -> String {
            """
            name: xff-lab
            defaults:
              timeout: 3s
              dns-servers: [127.0.53.1:10053]
              ca-file: ../lab/state/pki/trust.pem
            checks:
              - id: xff
                kind: xff-echo
                url: \(url)
                client-ip: auto
                client-ip-url: http://127.0.40.2:8080/
                trusted-hops: 2
                bind: 127.0.99.7
            \(extra)
            """
        }

        private func runXFF(faults: [String], suite: String = XFFEchoLabTests.suite()) throws -> JSONReport.Check {
            try Lab.up(faults)
            let (output, report) = try Lab.runSuite(suite)
            return try #require(report?.check("xff"), "no report: \(output.stderr)")
        }

        @Test func healthyChainKeepsTheClientAndContainsTheForgery() throws {
            let check = try runXFF(faults: [])
            #expect(check.status == "pass", "\(check.summary)")
            #expect(check.data?["client_ip"]?.string == "127.0.99.7")
            #expect(check.data?["client_ip_source"]?.string == "http://127.0.40.2:8080/")
            #expect(check.data?["chain"]?.array.compactMap(\.string) == ["127.0.99.7", "127.0.20.1"])
            #expect(check.data?["observed_client"]?.string == "127.0.99.7")
            #expect(check.data?["spoof"]?["chain"]?.array.compactMap(\.string) == ["192.0.2.66", "127.0.99.7", "127.0.20.1"])
            #expect(check.data?["spoof"]?["observed_client"]?.string == "127.0.99.7")
            #expect(check.summary.contains("from http://127.0.40.2:8080/"))
        }

        /// Whichever order the resolver gives the static IPs in, a dead one gives way to the next:
        /// serving on every address is static-ip's verdict, not this check's.
        @Test func aDeadStaticIPGivesWayToTheNextAddress() throws {
            let check = try runXFF(faults: ["dead-ip"])
            #expect(check.status == "pass", "\(check.summary)")
            #expect(check.data?["address"]?.string == "127.0.10.1")
            #expect(check.data?["observed_client"]?.string == "127.0.99.7")
        }

        /// Straight to the ingress, as the NLB would: the client expected is the announced source.
        @Test(arguments: ["v1", "v2"])
        func straightToTheIngressThroughAProxyHeader(version: String) throws {
            try Lab.up([])
            let pin = try #require(Lab.environment["LAB_INGRESS_PIN"])
            let yaml = """
                name: xff-ingress-lab
                defaults:
                  timeout: 3s
                checks:
                  - id: xff
                    kind: xff-echo
                    url: https://ingress.edgecheck.test:8443/canary
                    connect-to: 127.0.20.1
                    pin-sha256: \(pin)
                    proxy-protocol: \(version)
                    proxy-source: 198.51.100.23
                    trusted-hops: 2
                """
            let (output, report) = try Lab.runSuite(yaml)
            let check = try #require(report?.check("xff"), "no report: \(output.stderr)")
            #expect(check.status == "pass", "\(check.summary)")
            #expect(check.data?["client_ip"]?.string == "198.51.100.23")
            #expect(check.data?["client_ip_source"]?.string == "proxy-source")
            #expect(check.data?["chain"]?.array.compactMap(\.string) == ["198.51.100.23", "127.0.20.1"])
            #expect(check.data?["spoof"]?["observed_client"]?.string == "198.51.100.23")
        }

        @Test func theTextEchoReadsTheSame() throws {
            let check = try runXFF(faults: [], suite: Self.suite(url: "https://www.edgecheck.test:8443/canary/text",
                                                                 extra: "    format: text"))
            #expect(check.status == "pass", "\(check.summary)")
            #expect(check.data?["chain"]?.array.compactMap(\.string) == ["127.0.99.7", "127.0.20.1"])
        }

        @Test func withoutForwardForTheClientIsNotAtTheTrustedPosition() throws {
            let check = try runXFF(faults: ["no-forwardfor"])
            #expect(check.status == "fail")
            let finding = try #require(check.findings.first { $0.class == "xff-client" })
            #expect(finding.message == "X-Forwarded-For is '127.0.20.1' (1 entry): the client 127.0.99.7 is not at "
                    + "position 2 from the right (trusted-hops 2); a proxy in front of the service does not append "
                    + "the address it received")
        }

        @Test func aChainThatKeepsAClientHeaderIsSpoofable() throws {
            let check = try runXFF(faults: ["spoofable-xff"])
            #expect(check.status == "fail")
            #expect(check.findings.map(\.class) == ["xff-spoofable"])
            let message = try #require(check.findings.first?.message)
            #expect(message.contains("came back as '192.0.2.66, 127.0.20.1'"))
            #expect(message.hasSuffix("a client can forge its source address as seen by the service"))
            #expect(check.data?["spoof"]?["observed_client"]?.string == "192.0.2.66")
        }

        @Test func withoutSpoofTheSpoofableChainPasses() throws {
            let check = try runXFF(faults: ["spoofable-xff"], suite: Self.suite(extra: "    spoof: false"))
            #expect(check.status == "pass", "\(check.summary)")
            guard case .null? = check.data?["spoof"] else {
                Issue.record("spoof should be null with spoof: false, found \(String(describing: check.data?["spoof"]))")
                return
            }
        }
    }
}
