import Foundation
import Testing

extension LabTests {
    /// `redirect` against the lab's plain-HTTP listeners on both static IPs.
    @Suite(.stopsLabAfterwards) struct RedirectLabTests {
        static let suite = """
            name: redirect-lab
            target: https://www.edgecheck.test:8443
            defaults:
              timeout: 3s
              dns-servers: [127.0.53.1:10053]
              ca-file: ../lab/state/pki/trust.pem
            checks:
              - id: redirect
                kind: redirect
                url: http://www.edgecheck.test:8080/some/path?q=1
                https-port: 8443
            """

        private func runRedirect(faults: [String]) throws -> JSONReport.Check {
            try Lab.up(faults)
            let (output, report) = try Lab.runSuite(Self.suite)
            let check = try #require(report?.check("redirect"), "no report: \(output.stderr)")
            return check
        }

        @Test func healthyLabRedirectsOnEveryAddress() throws {
            let check = try runRedirect(faults: [])
            #expect(check.status == "pass", "\(check.summary)")
            let endpoints = check.data?["endpoints"]?.array ?? []
            #expect(Set(endpoints.compactMap { $0["address"]?.string }) == ["127.0.10.1", "127.0.10.2"])
            for endpoint in endpoints {
                #expect(endpoint["status"]?.number == 301)
                #expect(endpoint["location"]?.string == "https://www.edgecheck.test:8443/some/path?q=1")
                #expect(endpoint["followed"]?["status"]?.number == 200)
            }
        }

        @Test func noRedirectFailsWithHTTPStatus() throws {
            let check = try runRedirect(faults: ["no-redirect"])
            #expect(check.status == "fail")
            #expect(check.findings.count == 2)
            for finding in check.findings {
                #expect(finding.class == "http-status")
                #expect(finding.message == "\(finding.subject): http://www.edgecheck.test:8080/some/path?q=1 answered 200 "
                        + "instead of redirecting (expected 301, 302, 303, 307 or 308)")
            }
        }

        @Test func aRedirectThatDropsThePathFails() throws {
            let check = try runRedirect(faults: ["redirect-drops-path"])
            #expect(check.status == "fail")
            let finding = try #require(check.findings.first)
            #expect(finding.class == "redirect-location")
            #expect(finding.message == "\(finding.subject): 301 to https://www.edgecheck.test:8443/ — the path /some/path "
                    + "was dropped, the query ?q=1 was dropped; expected https://www.edgecheck.test:8443/some/path?q=1")
        }

        @Test func aRedirectToPlainHTTPFails() throws {
            let check = try runRedirect(faults: ["redirect-to-http"])
            #expect(check.status == "fail")
            let finding = try #require(check.findings.first)
            #expect(finding.class == "redirect-location")
            #expect(finding.message.hasPrefix("\(finding.subject): 301 to http://www.edgecheck.test:8080/some/path?q=1 — "
                                              + "it points to plain http, port 8080, expected 8443"))
        }
    }
}
