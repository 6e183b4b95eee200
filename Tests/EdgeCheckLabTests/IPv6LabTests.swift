import Foundation
import Testing

extension LabTests {
    /// Every network kind over IPv6: `v6.edgecheck.test` has one AAAA answer, `::1`, where the NLB
    /// listens too, so the same chain (ingress, ALB, canary) serves it; `[::1]` URLs reach it
    /// without DNS. Each kind passes on the healthy lab and fails on a fault, over IPv6.
    @Suite(.stopsLabAfterwards) struct IPv6LabTests {
        static func suite(_ checks: String) -> String {
            """
            name: ipv6
            defaults:
              timeout: 3s
              dns-servers: [127.0.53.1:10053]
              ca-file: ../lab/state/pki/trust.pem
            checks:
            \(checks)
            """
        }

        private func run(_ check: String, faults: [String] = []) throws -> JSONReport.Check {
            try Lab.up(faults)
            let (output, report) = try Lab.runSuite(Self.suite(check))
            return try #require(report?.check("v6"), "no report: \(output.stderr)")
        }

        // MARK: static-ip

        static let addresses = """
              - id: v6
                kind: static-ip
                host: v6.edgecheck.test
                port: 8443
                record-types: [AAAA]
                # Quoted: in a flow list YAML cannot start a plain value with ':'.
                expect: ["::1"]
                lookups: 2
                interval: 50ms
            """

        @Test func theAAAAAnswerIsAllowListedAndServesVerifiedTLS() throws {
            let check = try run(Self.addresses)
            #expect(check.status == "pass", "\(check.summary)")
            #expect(check.data?["seen"]?.array.compactMap(\.string) == ["::1"])
            let probes = check.data?["probes"]?.array ?? []
            #expect(probes.compactMap { $0["address"]?.string } == ["::1"])
            #expect(probes.first?["ok"]?.bool == true)
        }

        @Test func bothRecordTypesSeeOnlyTheIPv6Address() throws {
            let check = try run(Self.addresses.replacingOccurrences(of: "record-types: [AAAA]", with: "record-types: [A, AAAA]"))
            #expect(check.status == "pass", "\(check.summary)")
            #expect(check.data?["seen"]?.array.compactMap(\.string) == ["::1"])
        }

        @Test func anIPv6AddressOutsideTheAllowListFails() throws {
            let check = try run(Self.addresses.replacingOccurrences(of: #"expect: ["::1"]"#, with: "expect: [2001:db8::/32]"))
            #expect(check.status == "fail")
            let unexpected = try #require(check.findings.first { $0.class == "unexpected-address" })
            #expect(unexpected.subject == "::1")
            #expect(check.data?["unexpected"]?.array.compactMap(\.string) == ["::1"])
        }

        // MARK: certificate

        @Test(arguments: ["https://v6.edgecheck.test:8443/", "https://[::1]:8443/"])
        func theIPv6FrontServesAVerifiedLeaf(url: String) throws {
            let check = try run("""
                  - id: v6
                    kind: certificate
                    url: \(url)
                    issuer: Edge Lab Issuing CA
                """)
            #expect(check.status == "pass", "\(check.summary)")
            let endpoint = check.data?["endpoints"]?[0]
            #expect(endpoint?["address"]?.string == "::1")
            #expect(endpoint?["chain_ok"]?.bool == true)
            #expect(endpoint?["hostname_ok"]?.bool == true)
        }

        @Test func anExpiredLeafOnTheIPv6FrontFails() throws {
            let check = try run("""
                  - id: v6
                    kind: certificate
                    url: https://v6.edgecheck.test:8443/
                """, faults: ["expired-cert"])
            #expect(check.status == "fail")
            #expect(check.findings.contains { $0.subject == "::1" && $0.class == "cert-expired" }, "\(check.findings)")
        }

        // MARK: redirect

        @Test(arguments: [("http://v6.edgecheck.test:8080/some/path?q=1", "https://v6.edgecheck.test:8443/some/path?q=1"),
                          ("http://[::1]:8080/some/path?q=1", "https://[::1]:8443/some/path?q=1")])
        func plainHTTPOverIPv6RedirectsAndTheTargetAnswers(url: String, location: String) throws {
            let check = try run("""
                  - id: v6
                    kind: redirect
                    url: \(url)
                    https-port: 8443
                """)
            #expect(check.status == "pass", "\(check.summary)")
            let endpoint = check.data?["endpoints"]?[0]
            #expect(endpoint?["address"]?.string == "::1")
            #expect(endpoint?["location"]?.string == location)
            #expect(endpoint?["followed"]?["status"]?.number == 200)
        }

        @Test func noRedirectOverIPv6Fails() throws {
            let check = try run("""
                  - id: v6
                    kind: redirect
                    url: http://[::1]:8080/some/path?q=1
                    https-port: 8443
                """, faults: ["no-redirect"])
            #expect(check.status == "fail")
            let finding = try #require(check.findings.first)
            #expect(finding.class == "http-status")
            #expect(finding.message == "::1: http://[::1]:8080/some/path?q=1 answered 200 instead of redirecting "
                    + "(expected 301, 302, 303, 307 or 308)")
        }

        // MARK: xff-echo

        static let echo = """
              - id: v6
                kind: xff-echo
                url: https://v6.edgecheck.test:8443/canary
                client-ip: ::1
                trusted-hops: 2
            """

        @Test func anIPv6ClientArrivesInXForwardedFor() throws {
            let check = try run(Self.echo)
            #expect(check.status == "pass", "\(check.summary)")
            #expect(check.data?["address"]?.string == "::1")
            #expect(check.data?["chain"]?.array.compactMap(\.string) == ["::1", "127.0.20.1"])
            #expect(check.data?["observed_client"]?.string == "::1")
            #expect(check.data?["spoof"]?["chain"]?.array.compactMap(\.string) == ["192.0.2.66", "::1", "127.0.20.1"])
        }

        @Test func anIPv6ClientLostByTheIngressFails() throws {
            let check = try run(Self.echo, faults: ["no-forwardfor"])
            #expect(check.status == "fail")
            let finding = try #require(check.findings.first { $0.class == "xff-client" })
            #expect(finding.message == "X-Forwarded-For is '127.0.20.1' (1 entry): the client ::1 is not at position 2 "
                    + "from the right (trusted-hops 2); a proxy in front of the service does not append the address "
                    + "it received")
        }

        @Test func aForgedHeaderOverIPv6IsSpoofable() throws {
            let check = try run(Self.echo, faults: ["spoofable-xff"])
            #expect(check.status == "fail")
            #expect(check.findings.map(\.class) == ["xff-spoofable"])
            #expect(check.data?["spoof"]?["observed_client"]?.string == "192.0.2.66")
        }

        // MARK: tls-timing

        static let timing = """
              - id: v6
                kind: tls-timing
                samples: 3
                hops:
                  - name: nlb-v6
                    url: https://v6.edgecheck.test:8443/
                  - name: nlb-literal
                    url: https://[::1]:8443/
            """

        @Test func bothIPv6HopsAreTimed() throws {
            let check = try run(Self.timing)
            #expect(check.status == "pass", "\(check.summary)")
            let hops = check.data?["hops"]?.array ?? []
            #expect(hops.compactMap { $0["address"]?.string } == ["::1", "::1"])
            #expect(hops.allSatisfy { $0["samples"]?.number == 3 })
        }

        @Test func anExpiredLeafFailsEveryIPv6Hop() throws {
            let check = try run(Self.timing, faults: ["expired-cert"])
            #expect(check.status == "fail")
            #expect(check.findings.map(\.class) == ["cert-expired", "cert-expired"], "\(check.findings)")
            #expect(check.findings.allSatisfy { $0.message.contains("[::1]:8443 serves an expired certificate") },
                    "\(check.findings.map(\.message))")
        }
    }
}
