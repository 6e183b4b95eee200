import Foundation
import Testing

extension LabTests {
    /// `edgecheck init` against the lab: the suite it writes passes there, and fails under each
    /// fault, on the check that holds what the fault changes.
    @Suite(.stopsLabAfterwards) struct InitLabTests {
        /// What `init` is given: the lab's resolvers and trust, its plain-HTTP port with a path
        /// to keep, and the canary.
        static let arguments = [
            "https://www.edgecheck.test:8443",
            "--dns-server", "127.0.53.1:10053", "--dns-server", "127.0.53.2:10053",
            "--ca-file", "lab/state/pki/trust.pem",
            "--var", "EDGECHECK_HTTP_URL=http://www.edgecheck.test:8080/some/path?q=1",
            "--canary", "https://www.edgecheck.test:8443/canary", "--client-ip-url", "http://127.0.40.2:8080/",
        ]

        static let faults: [(fault: String, environment: [String: String], check: String, failureClass: String)] = [
            ("rogue-ip", [:], "static-ips", "unexpected-address"),
            ("split-dns", [:], "static-ips", "unexpected-address"),
            ("dead-ip", [:], "static-ips", "refused"),
            ("expired-cert", [:], "certificate", "cert-expired"),
            ("wrong-issuer", [:], "certificate", "cert-issuer"),
            ("wrong-host", [:], "certificate", "cert-hostname"),
            ("no-intermediate", [:], "certificate", "cert-untrusted"),
            ("no-redirect", [:], "redirect", "http-status"),
            ("redirect-drops-path", [:], "redirect", "redirect-location"),
            ("redirect-to-http", [:], "redirect", "redirect-location"),
            ("no-forwardfor", [:], "client-address", "xff-client"),
            ("spoofable-xff", [:], "client-address", "xff-spoofable"),
            ("slow-hop", ["LAB_SLOW_HOP": "nlb", "LAB_SLOW_MS": "300"], "tls-timing", "budget"),
            ("blackhole", [:], "static-ips", "timeout"),
        ]

        /// A suite file name in the repository root (so `lab/state/...` stays relative), removed afterwards.
        private func scratchSuite() -> URL {
            Lab.root.appendingPathComponent(".init-\(UUID().uuidString).yaml")
        }

        @Test func theWrittenSuitePassesAndFailsUnderEachFaultForTheRightReason() throws {
            try Lab.up()
            let suite = scratchSuite()
            defer { try? FileManager.default.removeItem(at: suite) }
            let written = try Lab.edgecheck(["init"] + Self.arguments + ["--output", suite.lastPathComponent])
            #expect(written.status == 0, "\(written.stderr)")
            #expect(written.stdout.hasPrefix("wrote \(suite.lastPathComponent): 5 checks"), "\(written.stdout)")
            #expect(written.stdout.contains("static-ips: 2 addresses as the allow-list: 127.0.10.1, 127.0.10.2"))
            let text = try String(contentsOf: suite, encoding: .utf8)
            #expect(text.contains("expect: ['127.0.10.1', '127.0.10.2']"))
            #expect(text.contains("issuer: 'Edge Lab Issuing CA'"))
            #expect(text.contains("trusted-hops: 2"))
            #expect(!text.contains("# Left out"), "every check passed when observed:\n\(text)")

            let valid = try Lab.edgecheck(["validate", suite.path])
            #expect(valid.status == 0, "\(valid.stderr)")
            let healthy = try Lab.edgecheck(["run", suite.path, "--format", "json"])
            #expect(healthy.status == 0, "the written suite passes where it was written: \(healthy.stdout)")

            for entry in Self.faults {
                try Lab.up([entry.fault], environment: entry.environment)
                // Only the check that holds what the fault changes: the others were seen passing
                // above, and static-ip's five rounds a second apart would cost every fault 4 s.
                let output = try Lab.edgecheck(["run", suite.path, "--format", "json", "--only", entry.check])
                #expect(output.status == 1, "\(entry.fault): the suite fails")
                let report = try JSONDecoder().decode(JSONReport.self, from: Data(output.stdout.utf8))
                let check = try #require(report.check(entry.check))
                #expect(check.status == "fail", "\(entry.fault): \(entry.check) fails: \(check.summary)")
                #expect(check.findings.contains { $0.class == entry.failureClass },
                        "\(entry.fault): \(entry.check) fails with \(entry.failureClass): \(check.findings.map(\.class))")
            }
        }

        @Test func initNeverReplacesAFileWithoutForce() throws {
            try Lab.up()
            let suite = scratchSuite()
            defer { try? FileManager.default.removeItem(at: suite) }
            try "keep me\n".write(to: suite, atomically: true, encoding: .utf8)
            let refused = try Lab.edgecheck(["init"] + Self.arguments + ["--output", suite.lastPathComponent])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("\(suite.lastPathComponent) exists: not replaced (give --force to replace it)"))
            #expect(try String(contentsOf: suite, encoding: .utf8) == "keep me\n")
            let forced = try Lab.edgecheck(["init"] + Self.arguments + ["--output", suite.lastPathComponent, "--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try String(contentsOf: suite, encoding: .utf8).contains("kind: static-ip"))
        }

        @Test(arguments: [
            ("https://nope.edgecheck.test:8443", "nope.edgecheck.test did not resolve"),
            ("https://127.0.10.200:8443", "127.0.10.200"),
        ])
        func aDeadOrUnresolvableURLWritesNothing(url: String, named: String) throws {
            try Lab.up()
            let suite = scratchSuite()
            let output = try Lab.edgecheck(["init", url, "--output", suite.lastPathComponent,
                                            "--dns-server", "127.0.53.1:10053", "--timeout", "1s"])
            #expect(output.status == 1)
            #expect(output.stderr.hasPrefix("edgecheck: cannot write a suite: "), "\(output.stderr)")
            #expect(output.stderr.contains(named))
            #expect(output.stderr.hasSuffix("nothing was written\n"))
            #expect(!FileManager.default.fileExists(atPath: suite.path))
        }
    }
}
