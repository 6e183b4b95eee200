import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

extension LabTests {
    /// `static-ip` against the lab: the healthy front name passes, and each DNS or serving fault
    /// fails (or warns) with the right class and a message naming the address or resolver.
    @Suite(.stopsLabAfterwards) struct StaticIPLabTests {
        static let primary = "127.0.53.1:10053"
        static let secondary = "127.0.53.2:10053"
        static let silent = "127.0.53.3:10053"

        /// A suite with one `static-ip` check `static-ip`, quick enough for tests.
        static func suite(expect: String = "[127.0.10.1, 127.0.10.2]", resolvers: [String] = [primary, secondary],
                          extra: String = "") -> String {
            """
            name: static-ip-lab
            target: https://www.edgecheck.test:8443
            defaults:
              timeout: 2s
              dns-servers: [\(resolvers.joined(separator: ", "))]
              ca-file: ../lab/state/pki/root-ca.pem
            checks:
              - id: static-ip
                kind: static-ip
                expect: \(expect)
                lookups: 2
                interval: 100ms
            \(extra.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n"))
            """
        }

        /// Runs `yaml` and returns the `static-ip` check of its JSON report.
        static func check(_ yaml: String, extra: [String] = []) throws -> (Lab.Output, JSONReport.Check) {
            let (output, report) = try Lab.runSuite(yaml, extra: extra)
            let check = try #require(report?.check("static-ip"), "no JSON report:\n\(output.stdout)\n\(output.stderr)")
            return (output, check)
        }

        @Test func theHealthyLabPasses() throws {
            try Lab.up()
            let (output, check) = try Self.check(Self.suite())
            #expect(check.status == "pass", "\(check.summary) \(check.findings)")
            #expect(output.status == 0)
            #expect(check.summary == "2 addresses, all allow-listed and serving (2 lookups × 2 resolvers)")
            #expect(check.data?["seen"]?.array.compactMap(\.string) == ["127.0.10.1", "127.0.10.2"])
            #expect(check.data?["unexpected"]?.array.isEmpty == true)
            #expect(check.data?["missing"]?.array.isEmpty == true)
            let probes = check.data?["probes"]?.array ?? []
            #expect(probes.compactMap { $0["address"]?.string } == ["127.0.10.1", "127.0.10.2"])
            #expect(probes.allSatisfy { $0["ok"]?.bool == true && $0["ms"]?.number != nil })
            // 2 rounds × 2 resolvers × (A, AAAA); the v4-only lab answers AAAA with no data, not an error.
            let lookups = check.data?["lookups"]?.array ?? []
            #expect(lookups.count == 8)
            #expect(lookups.allSatisfy { $0["error"] == nil || $0["error"]?.string == nil })
        }

        @Test func anAddressOutsideTheAllowListFails() throws {
            try Lab.up(["rogue-ip"])
            let (output, check) = try Self.check(Self.suite())
            #expect(check.status == "fail")
            #expect(output.status == 1)
            let finding = try #require(check.findings.first { $0.subject == "127.0.10.66" }, "\(check.findings)")
            #expect(finding.status == "fail")
            #expect(finding.class == "unexpected-address")
            #expect(finding.message.contains("127.0.10.66 is outside the allow-list"))
            #expect(finding.message.contains("returned by \(Self.primary)"))
            #expect(check.data?["unexpected"]?.array.compactMap(\.string) == ["127.0.10.66"])
        }

        @Test func aResolverThatDisagreesIsNamed() throws {
            try Lab.up(["split-dns"])
            let (_, check) = try Self.check(Self.suite())
            #expect(check.status == "fail")
            let unexpected = try #require(check.findings.first { $0.subject == "127.0.10.77" }, "\(check.findings)")
            #expect(unexpected.class == "unexpected-address")
            #expect(unexpected.message.contains("returned by \(Self.secondary)"))
            #expect(!unexpected.message.contains(Self.primary))
            let disagreement = check.findings.first { $0.subject == Self.secondary }
            #expect(disagreement?.class == "resolver-disagreement")
            #expect(disagreement?.message.contains("never returned 127.0.10.1, 127.0.10.2") == true)
        }

        @Test func aDeadStaticIPFailsAsRefused() throws {
            try Lab.up(["dead-ip"])
            let (_, check) = try Self.check(Self.suite())
            #expect(check.status == "fail")
            #expect(check.findings.count == 1, "\(check.findings)")
            let finding = try #require(check.findings.first)
            #expect(finding.subject == "127.0.10.2")
            #expect(finding.class == "refused")
            #expect(finding.message.hasPrefix("127.0.10.2 does not serve"))
            #expect(finding.message.contains("expected a verified TLS handshake for www.edgecheck.test on port 8443"))
            #expect(check.summary.contains("127.0.10.2"))
        }

        @Test func anUnreachableResolverFailsNamingIt() throws {
            try Lab.up()
            let yaml = Self.suite(resolvers: [Self.primary, Self.silent]).replacingOccurrences(of: "timeout: 2s",
                                                                                               with: "timeout: 500ms")
            let (_, check) = try Self.check(yaml)
            #expect(check.status == "fail")
            let finding = try #require(check.findings.first { $0.subject == Self.silent }, "\(check.findings)")
            #expect(finding.class == "dns-timeout")
            #expect(finding.message.hasPrefix("resolver \(Self.silent) failed 4 of 4 lookups of www.edgecheck.test"))
            // The addresses the working resolver gave still serve.
            #expect(!check.findings.contains { $0.subject.hasPrefix("127.0.10.") })
        }

        @Test func anExpectedAddressNeverReturnedWarns() throws {
            try Lab.up()
            let (output, check) = try Self.check(Self.suite(expect: "[127.0.10.1, 127.0.10.2, 127.0.10.9]",
                                                            extra: "probe: none"))
            #expect(check.status == "warn", "\(check.summary) \(check.findings)")
            #expect(output.status == 0)
            let finding = try #require(check.findings.first)
            #expect(check.findings.count == 1)
            #expect(finding.subject == "127.0.10.9")
            #expect(finding.class == "missing-address")
            #expect(finding.message.contains("127.0.10.9 is allow-listed but no resolver returned it"))
            #expect(check.data?["missing"]?.array.compactMap(\.string) == ["127.0.10.9"])
        }

        @Test func anExpectedAddressNeverReturnedThatDoesNotServeFails() throws {
            try Lab.up()
            let (_, check) = try Self.check(Self.suite(expect: "[127.0.10.1, 127.0.10.2, 127.0.10.9]"))
            #expect(check.status == "fail")
            let refused = check.findings.first { $0.subject == "127.0.10.9" && $0.class == "refused" }
            #expect(refused != nil, "\(check.findings)")
        }

        @Test func junitHasOneTestcasePerAddress() throws {
            try Lab.up(["dead-ip"])
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("static-ip-\(UUID().uuidString).xml")
            defer { try? FileManager.default.removeItem(at: file) }
            _ = try Self.check(Self.suite(), extra: ["--junit", file.path])
            let document = try XMLDocument(contentsOf: file, options: [])
            let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
            let names = cases.compactMap { $0.attribute(forName: "name")?.stringValue }
            #expect(names == ["static-ip [127.0.10.1]", "static-ip [127.0.10.2]"])
            #expect(cases.allSatisfy { $0.attribute(forName: "classname")?.stringValue == "edgecheck.static-ip" })
            let failing = cases.filter { !$0.elements(forName: "failure").isEmpty }
                .compactMap { $0.attribute(forName: "name")?.stringValue }
            #expect(failing == ["static-ip [127.0.10.2]"])
        }
    }
}
