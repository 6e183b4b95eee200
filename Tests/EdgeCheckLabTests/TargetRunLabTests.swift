import Foundation
import Testing

extension LabTests {
    /// `edgecheck run --target URL`: the built-in suite against the lab's front door.
    @Suite(.stopsLabAfterwards) struct TargetRunLabTests {
        private func runTarget(_ extra: [String] = []) throws -> (Lab.Output, JSONReport?) {
            let trust = Lab.root.appendingPathComponent("lab/state/pki/trust.pem").path
            let output = try Lab.edgecheck(["run", "--target", "https://www.edgecheck.test:8443",
                                            "--dns-server", "127.0.53.1:10053", "--ca-file", trust,
                                            "--timeout", "3s", "--format", "json"] + extra)
            return (output, try? JSONDecoder().decode(JSONReport.self, from: Data(output.stdout.utf8)))
        }

        @Test func theBuiltInSuitePassesOnTheHealthyLab() throws {
            try Lab.up([])
            let (output, report) = try runTarget(["--var", "EDGECHECK_HTTP_URL=http://www.edgecheck.test:8080/"])
            let checks = try #require(report?.suites.first?.checks, "no report: \(output.stderr)")
            #expect(checks.map(\.id) == ["addresses", "certificate", "redirect", "tls-timing"])
            #expect(checks.map(\.kind) == ["static-ip", "certificate", "redirect", "tls-timing"])
            for check in checks {
                #expect(check.status == "pass", "\(check.id): \(check.summary)")
            }
            #expect(output.status == 0)
            let addresses = try #require(checks.first)
            #expect(addresses.summary.hasPrefix("resolved at start: 127.0.10.1, 127.0.10.2") ||
                    addresses.summary.hasPrefix("resolved at start: 127.0.10.2, 127.0.10.1"))
            #expect(report?.check("redirect")?.data?["expected"]?.string == "https://www.edgecheck.test:8443/")
        }

        @Test func theDefaultPlainHTTPURLIsPort80() throws {
            try Lab.up([])
            // Nothing listens on port 80 in the lab: without the variable the redirect check says so.
            let (output, report) = try runTarget(["--only", "redirect"])
            let redirect = try #require(report?.check("redirect"), "no report: \(output.stderr)")
            #expect(redirect.status == "fail")
            #expect(redirect.data?["url"]?.string == "http://www.edgecheck.test/")
            #expect(redirect.findings.allSatisfy { $0.class == "refused" })
            #expect(output.status == 1)
        }

        @Test func aDeadAddressFailsTheAddressCheck() throws {
            try Lab.up(["dead-ip"])
            let (output, report) = try runTarget(["--only", "addresses"])
            let addresses = try #require(report?.check("addresses"), "no report: \(output.stderr)")
            #expect(addresses.status == "fail", "\(addresses.summary)")
            #expect(addresses.findings.contains { $0.subject == "127.0.10.2" && $0.class == "refused" })
        }

        @Test func aPlainHTTPTargetIsAnInvocationError() throws {
            let output = try Lab.edgecheck(["run", "--target", "http://www.edgecheck.test:8080/"])
            #expect(output.status == 2)
            #expect(output.stderr.contains("is not an https URL with a host"))
        }
    }
}
