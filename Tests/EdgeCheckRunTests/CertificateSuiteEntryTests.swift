import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckRun
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// How a `certificate` entry of a suite file reads: defaults, every key, and the errors a user sees.
@Suite struct CertificateSuiteEntryTests {
    private static let pin = "9Dg+Rn0UIzPVCdqEHHr+WC0FB/HuTk96DYNwn6mB3Zg="

    private func yaml(_ entry: String, target: String?) -> String {
        let indented = entry.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")
        return (target.map { "target: \($0)\n" } ?? "") + "checks:\n  - kind: certificate\n" + indented + "\n"
    }

    private func configuration(_ entry: String, target: String? = "https://www.edgecheck.test:8443") throws
        -> CertificateConfiguration {
        let suite = try SuiteLoader.parse(yaml: yaml(entry, target: target), file: "edge.yaml",
                                          directory: URL(fileURLWithPath: "/tmp"), options: LoadOptions())
        return try #require(suite.checks.first?.check as? CertificateCheck).configuration
    }

    private func error(_ entry: String, target: String? = "https://www.edgecheck.test:8443") -> SuiteError? {
        do {
            _ = try SuiteLoader.parse(yaml: yaml(entry, target: target), file: "edge.yaml",
                                      directory: URL(fileURLWithPath: "/tmp"), options: LoadOptions())
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultsComeFromTheContractAndTheTarget() throws {
        let configuration = try configuration("description: front door")
        #expect(configuration.url.absoluteString == "https://www.edgecheck.test:8443")
        #expect(configuration.host == "www.edgecheck.test")
        #expect(configuration.issuer == nil)
        #expect(configuration.minDays == 14)
        #expect(configuration.warnDays == 30)
        #expect(configuration.pinSHA256 == nil)
        #expect(configuration.allIPs)
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try configuration("""
            url: https://api.edgecheck.test:9443/health
            issuer: /Issuing CA,O=Edge Lab$/
            min-days: 7
            warn-days: 60
            pin-sha256: sha256//\(Self.pin)
            all-ips: false
            """)
        #expect(configuration.url.absoluteString == "https://api.edgecheck.test:9443/health")
        #expect(configuration.issuer == .regex("Issuing CA,O=Edge Lab$"))
        #expect(configuration.minDays == 7)
        #expect(configuration.warnDays == 60)
        #expect(configuration.pinSHA256 == Self.pin)
        #expect(!configuration.allIPs)
    }

    @Test func aPinWithoutPrefixIsKeptAsWritten() throws {
        #expect(try configuration("pin-sha256: \(Self.pin)").pinSHA256 == Self.pin)
    }

    @Test func badValuesNameTheirKey() {
        #expect(error("pin-sha256: abc")?.key == "checks[0].pin-sha256")
        #expect(error("issuer: /[unclosed/")?.key == "checks[0].issuer")
        #expect(error("issuer: \"\"")?.key == "checks[0].issuer")
        #expect(error("url: http://www.edgecheck.test:8080")?.key == "checks[0].url")
        #expect(error("min-days: many")?.key == "checks[0].min-days")
        #expect(error("all-ips: sometimes")?.key == "checks[0].all-ips")
    }

    @Test func urlIsRequiredWithoutATarget() {
        let error = error("min-days: 7", target: nil)
        #expect(error?.key == "checks[0].url")
        #expect(error?.message.contains("missing") == true)
    }

    @Test func listDescribesEveryKeyWithItsDefault() {
        let keys = Dictionary(uniqueKeysWithValues: CertificateCheck.description.keys.map { ($0.name, $0) })
        #expect(CertificateCheck.description.kind == "certificate")
        #expect(Set(keys.keys) == ["url", "issuer", "min-days", "warn-days", "pin-sha256", "all-ips"])
        #expect(keys["min-days"]?.defaultValue == "14")
        #expect(keys["warn-days"]?.defaultValue == "30")
        #expect(keys["all-ips"]?.defaultValue == "true")
        #expect(keys["url"]?.defaultValue == "the target")
        #expect(keys.values.allSatisfy { !$0.meaning.isEmpty && !$0.type.isEmpty })
    }
}
