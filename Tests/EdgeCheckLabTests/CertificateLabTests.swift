import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

extension LabTests {
    /// `certificate` against the lab: the healthy front passes on both static IPs, and each
    /// certificate fault fails (or warns) with the right class and a message naming the address.
    @Suite(.stopsLabAfterwards) struct CertificateLabTests {
        /// A suite with one `certificate` check `certificate`.
        static func suite(caFile: String = "root-ca.pem", extra: String = "") -> String {
            """
            name: certificate-lab
            target: https://www.edgecheck.test:8443
            defaults:
              timeout: 2s
              dns-servers: [127.0.53.1:10053]
              ca-file: ../lab/state/pki/\(caFile)
            checks:
              - id: certificate
                kind: certificate
            \(extra.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n"))
            """
        }

        static func check(_ yaml: String, extra: [String] = []) throws -> (Lab.Output, JSONReport.Check) {
            let (output, report) = try Lab.runSuite(yaml, extra: extra)
            let check = try #require(report?.check("certificate"), "no JSON report:\n\(output.stdout)\n\(output.stderr)")
            return (output, check)
        }

        /// The findings of one class, by address.
        static func subjects(_ check: JSONReport.Check, _ failureClass: String) -> [String] {
            check.findings.filter { $0.class == failureClass }.map(\.subject)
        }

        @Test func theHealthyLabPasses() throws {
            try Lab.up()
            let (output, check) = try Self.check(Self.suite(extra: "issuer: Edge Lab Issuing CA"))
            #expect(check.status == "pass", "\(check.summary) \(check.findings)")
            #expect(output.status == 0)
            let endpoints = check.data?["endpoints"]?.array ?? []
            #expect(endpoints.compactMap { $0["address"]?.string } == ["127.0.10.1", "127.0.10.2"])
            for endpoint in endpoints {
                #expect(endpoint["chain_ok"]?.bool == true)
                #expect(endpoint["hostname_ok"]?.bool == true)
                #expect(endpoint["issuer"]?.string?.contains("CN=Edge Lab Issuing CA") == true)
                #expect(endpoint["subject"]?.string?.contains("www.edgecheck.test") == true)
                #expect((endpoint["days_left"]?.number ?? 0) > 30)
                #expect(endpoint["sha256"]?.string?.count == 64)
                #expect(endpoint["spki_sha256"]?.string?.count == 44)
                #expect(endpoint["not_after"]?.string != nil)
            }
            #expect(check.summary.hasPrefix("2 addresses serve the same valid certificate for www.edgecheck.test"))
        }

        @Test func anExpiredCertificateFails() throws {
            try Lab.up(["expired-cert"])
            let (_, check) = try Self.check(Self.suite())
            #expect(check.status == "fail")
            #expect(Self.subjects(check, "cert-expired") == ["127.0.10.1", "127.0.10.2"], "\(check.findings)")
            #expect(check.findings.first?.message.hasPrefix("127.0.10.1 serves a certificate for") == true)
            #expect(check.findings.first?.message.contains("that expired on") == true)
        }

        @Test func aCertificateForAnotherHostFails() throws {
            try Lab.up(["wrong-host"])
            let (_, check) = try Self.check(Self.suite())
            #expect(check.status == "fail")
            #expect(Self.subjects(check, "cert-hostname") == ["127.0.10.1", "127.0.10.2"], "\(check.findings)")
            let message = check.findings.first { $0.class == "cert-hostname" }?.message ?? ""
            #expect(message.contains("other.edgecheck.test"))
            #expect(message.contains("expected one valid for www.edgecheck.test"))
        }

        @Test func anotherCAOnOneAddressFailsThatAddressOnly() throws {
            try Lab.up(["wrong-issuer"])
            let (_, check) = try Self.check(Self.suite(caFile: "trust.pem", extra: "issuer: Edge Lab Issuing CA"))
            #expect(check.status == "fail")
            #expect(Set(check.findings.map(\.subject)) == ["127.0.10.2"], "\(check.findings)")
            let issuer = try #require(check.findings.first { $0.class == "cert-issuer" })
            #expect(issuer.message.hasPrefix("127.0.10.2 serves a certificate issued by CN=Edge Lab Other CA"))
            #expect(issuer.message.hasSuffix("expected issuer matching 'Edge Lab Issuing CA'"))
            #expect(Self.subjects(check, "cert-mismatch") == ["127.0.10.2"])
            // The other CA is trusted through trust.pem: only the issuer and the odd leaf are wrong.
            #expect(Self.subjects(check, "cert-untrusted").isEmpty)
        }

        @Test func aMissingIntermediateIsUntrusted() throws {
            try Lab.up(["no-intermediate"])
            let (_, check) = try Self.check(Self.suite())
            #expect(check.status == "fail")
            #expect(Self.subjects(check, "cert-untrusted") == ["127.0.10.1", "127.0.10.2"], "\(check.findings)")
            #expect(check.findings.first?.message.contains("does not chain to a trusted root") == true)
        }

        @Test func aPinMustMatchTheServedKey() throws {
            try Lab.up()
            let wrong = Data(repeating: 7, count: 32).base64EncodedString()
            let (_, mismatched) = try Self.check(Self.suite(extra: "pin-sha256: sha256//\(wrong)"))
            #expect(mismatched.status == "fail")
            #expect(Self.subjects(mismatched, "cert-pin") == ["127.0.10.1", "127.0.10.2"], "\(mismatched.findings)")
            #expect(mismatched.findings.first?.message.contains("expected pin-sha256 \(wrong)") == true)

            let served = try #require(mismatched.data?["endpoints"]?[0]?["spki_sha256"]?.string)
            let (_, pinned) = try Self.check(Self.suite(extra: "pin-sha256: \(served)"))
            #expect(pinned.status == "pass", "\(pinned.findings)")
        }

        @Test func aCertificateInsideWarnDaysWarns() throws {
            try Lab.up()
            let (output, check) = try Self.check(Self.suite(extra: "warn-days: 100"))
            #expect(check.status == "warn", "\(check.findings)")
            #expect(output.status == 0)
            #expect(Self.subjects(check, "cert-expiring") == ["127.0.10.1", "127.0.10.2"])
            #expect(check.findings.allSatisfy { $0.status == "warn" && $0.message.hasSuffix("(warn-days 100)") })
        }

        @Test func withoutAllIPsOnlyTheFirstAddressIsChecked() throws {
            try Lab.up(["wrong-issuer"])
            // Both leaves are trusted through trust.pem; only comparing them would fail.
            let (_, check) = try Self.check(Self.suite(caFile: "trust.pem", extra: "all-ips: false"))
            #expect(check.status == "pass", "\(check.findings)")
            #expect(check.data?["endpoints"]?.array.count == 1)
            #expect(check.data?["addresses"]?.array.count == 2)
            #expect(check.summary.contains("first of 2 addresses"))
        }

        @Test func junitHasOneTestcasePerAddress() throws {
            try Lab.up(["wrong-issuer"])
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("cert-\(UUID().uuidString).xml")
            defer { try? FileManager.default.removeItem(at: file) }
            _ = try Self.check(Self.suite(caFile: "trust.pem", extra: "issuer: Edge Lab Issuing CA"),
                               extra: ["--junit", file.path])
            let document = try XMLDocument(contentsOf: file, options: [])
            let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
            #expect(cases.compactMap { $0.attribute(forName: "name")?.stringValue }
                        == ["certificate [127.0.10.1]", "certificate [127.0.10.2]"])
            let failing = cases.filter { !$0.elements(forName: "failure").isEmpty }
                .compactMap { $0.attribute(forName: "name")?.stringValue }
            #expect(failing == ["certificate [127.0.10.2]"])
        }
    }
}
