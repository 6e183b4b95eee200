import Foundation
import Testing

extension LabTests {
    /// Through the lab's Squid (the partner's egress proxy): every kind passes on the healthy lab,
    /// and each proxy fault fails with the proxy's class, naming the proxy and never blaming the
    /// target.
    @Suite(.stopsLabAfterwards) struct ProxyLabTests {
        static let proxy = "http://127.0.60.1:3128"

        /// A `static-ip` and a `certificate` check through `proxy`.
        static func suite(proxy: String) -> String {
            """
            name: proxy-lab
            target: https://www.edgecheck.test:8443
            defaults:
              timeout: 3s
              dns-servers: [127.0.53.1:10053]
              ca-file: ../lab/state/pki/root-ca.pem
              proxy: \(proxy)
            checks:
              - id: static-ip
                kind: static-ip
                expect: [127.0.10.1, 127.0.10.2]
                lookups: 1
              - id: certificate
                kind: certificate
                issuer: Edge Lab Issuing CA
            """
        }

        /// The top-level `proxy` of a JSON report.
        static func reportProxy(_ json: String) -> AnyJSON? {
            (try? JSONDecoder().decode(AnyJSON.self, from: Data(json.utf8)))?["proxy"]
        }

        @Test func everyKindPassesThroughTheProxy() throws {
            try Lab.up()
            let output = try Lab.edgecheck(["run", "checks/lab.yaml", "--proxy", Self.proxy, "--format", "json"])
            let report = try #require(try? JSONDecoder().decode(JSONReport.self, from: Data(output.stdout.utf8)),
                                      "no report:\n\(output.stdout)\n\(output.stderr)")
            #expect(output.status == 0, "\(output.stdout)")
            let checks = report.suites.flatMap(\.checks)
            #expect(Set(checks.map(\.kind)) == ["static-ip", "certificate", "redirect", "xff-echo", "tls-timing", "exec"])
            for check in checks { #expect(check.status == "pass", "\(check.id): \(check.summary) \(check.findings)") }
            #expect(Self.reportProxy(output.stdout)?.string == Self.proxy)
            // Each hop went through a tunnel of its own, whose set-up is its own phase.
            let hops = report.check("hop-timing")?.data?["hops"]?.array ?? []
            #expect(hops.count == 3)
            #expect(hops.allSatisfy { ($0["phases"]?["tunnel"]?["p50"]?.number ?? 0) > 0 })
            #expect(output.stderr.contains("ignoring") == false)
        }

        @Test func anAddressMissingFromTheAllowListIsDeniedForThatAddressOnly() throws {
            try Lab.up(["proxy-missing-ip"])
            let (output, report) = try Lab.runSuite(Self.suite(proxy: Self.proxy))
            let report_ = try #require(report, "no report:\n\(output.stdout)\n\(output.stderr)")
            #expect(output.status == 1)
            for id in ["static-ip", "certificate"] {
                let check = try #require(report_.check(id))
                #expect(check.status == "fail", "\(id): \(check.summary)")
                let denied = check.findings.filter { $0.class == "proxy-denied" }
                #expect(denied.count == 1, "\(id): \(check.findings)")
                #expect(denied.first?.subject == "127.0.10.2")
                let message = denied.first?.message ?? ""
                #expect(message.contains("127.0.10.2:8443") && message.contains(Self.proxy) && message.contains("403"),
                        "\(message)")
                // The other address went through.
                #expect(check.findings.allSatisfy { $0.subject != "127.0.10.1" || $0.status == "pass" }, "\(check.findings)")
            }
        }

        @Test func anAuthenticatingProxyFailsWithoutCredentialsAndPassesWithThemFromVariables() throws {
            try Lab.up(["proxy-auth"])
            let password = try #require(Lab.environment["LAB_PROXY_PASSWORD"])
            let (denied, deniedReport) = try Lab.runSuite(Self.suite(proxy: Self.proxy))
            let certificate = try #require(deniedReport?.check("certificate"), "\(denied.stdout)\n\(denied.stderr)")
            #expect(certificate.status == "fail")
            #expect(certificate.findings.contains { $0.class == "proxy-auth" && $0.message.contains("407") }, "\(certificate.findings)")

            let withCredentials = Self.suite(proxy: "http://${LAB_PROXY_USER}:${LAB_PROXY_PASSWORD}@127.0.60.1:3128")
            let file = Lab.root.appendingPathComponent("checks/.test-\(UUID().uuidString).yaml")
            try withCredentials.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxy-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var texts: [String: String] = [:]
            var jsonReport = ""
            for format in ["json", "table", "tap", "junit"] {
                let output = try Lab.edgecheck(["run", file.path, "--format", format, "-v",
                                                "--junit", folder.appendingPathComponent("\(format).xml").path])
                #expect(output.status == 0, "\(format):\n\(output.stdout)\n\(output.stderr)")
                if format == "json" { jsonReport = output.stdout }
                texts[format] = output.stdout + output.stderr
                    + ((try? String(contentsOf: folder.appendingPathComponent("\(format).xml"), encoding: .utf8)) ?? "")
            }
            #expect(Self.reportProxy(jsonReport)?.string == Self.proxy)
            for (format, text) in texts {
                #expect(!text.contains(password), "the proxy password is in the \(format) output")
                #expect(!text.contains("partner:"), "the proxy user is in the \(format) output")
            }
            // Written in the suite instead of a variable, credentials are refused before anything runs.
            let literal = Self.suite(proxy: "http://partner:\(password)@127.0.60.1:3128")
            let (refused, _) = try Lab.runSuite(literal)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("proxy credentials must come from variables"), "\(refused.stderr)")
            #expect(!refused.stderr.contains(password))
        }

        @Test func aDeadProxyFailsFastNamingTheProxy() throws {
            try Lab.up(["proxy-dead"])
            let (output, report) = try Lab.runSuite(Self.suite(proxy: Self.proxy))
            let report_ = try #require(report, "no report:\n\(output.stdout)\n\(output.stderr)")
            #expect(output.status == 1)
            for id in ["static-ip", "certificate"] {
                let check = try #require(report_.check(id))
                #expect(check.status == "fail")
                let failures = check.findings.filter { $0.status == "fail" }
                #expect(!failures.isEmpty)
                for finding in failures {
                    #expect(finding.class == "proxy-refused", "\(finding)")
                    #expect(finding.message.contains(Self.proxy), "\(finding.message)")
                    #expect(!finding.message.contains("refused by 127.0.10"), "\(finding.message)")
                }
            }
            // Refused at once, not waited out: inside the 3 s timeout (a hang detector, not a benchmark).
            let raw = try JSONDecoder().decode(AnyJSON.self, from: Data(output.stdout.utf8))
            let durations = (raw["suites"]?[0]?["checks"]?.array ?? []).compactMap { $0["duration_ms"]?.number }
            #expect(durations.count == 2)
            #expect(durations.allSatisfy { $0 < 3000 }, "\(durations)")
        }

        @Test func proxyVariablesWithoutAProxyKeyAreIgnoredAndSaidSo() throws {
            try Lab.up()
            let environment = ["https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9",
                               "all_proxy": "http://127.0.0.1:9"]
            let output = try Lab.edgecheck(["run", "checks/lab.yaml", "--format", "json"], environment: environment)
            #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
            let proxy = Self.reportProxy(output.stdout)
            #expect({ if case .null = proxy { true } else { false } }(), "top-level proxy: \(String(describing: proxy))")
            let notices = output.stderr.split(separator: "\n").filter { $0.contains("ignoring") }
            #expect(notices.count == 1, "\(output.stderr)")
            #expect(notices.first?.contains("http_proxy, https_proxy, all_proxy") == true, "\(output.stderr)")
            // With proxy: env the same variables are used, and the dead proxy is what fails.
            let viaEnv = try Lab.edgecheck(["run", "checks/lab.yaml", "--format", "json", "--proxy", "env",
                                            "--only", "front-certificate"], environment: environment)
            #expect(viaEnv.status == 1)
            #expect(viaEnv.stdout.contains("proxy-refused"), "\(viaEnv.stdout)")
        }
    }
}
