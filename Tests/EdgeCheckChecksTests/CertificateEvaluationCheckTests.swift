import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// The `certificate` verdict on made-up endpoints: what a user reads for each kind of bad certificate.
@Suite struct CertificateEvaluationCheckTests {
    private static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z
    private static let issuing = "CN=Edge Lab Issuing CA,O=Edge Lab"
    private static let other = "CN=Edge Lab Other CA,O=Edge Lab"
    private static let leaf = String(repeating: "a1", count: 32)

    private func evaluation(issuer: String? = nil, minDays: Int = 14, warnDays: Int = 30, pin: String? = nil,
                            allIPs: Bool = true) -> CertificateEvaluation {
        let configuration = CertificateConfiguration(
            url: URL(string: "https://www.edgecheck.test:8443")!, issuer: issuer.flatMap(IssuerPattern.init(parsing:)),
            minDays: minDays, warnDays: warnDays, pinSHA256: pin, allIPs: allIPs)
        return CertificateEvaluation(configuration: configuration, now: Self.now)
    }

    private func endpoint(_ address: String, days: Int = 89, issuer: String = issuing, sha256: String = leaf,
                          chainOK: Bool = true, chainError: String? = nil, hostnameOK: Bool = true,
                          missingSAN: Bool = false, pinOK: Bool? = nil) -> CertificateData.Endpoint {
        let notAfter = Self.now.addingTimeInterval(Double(days) * 86_400 + 3_600)
        return CertificateData.Endpoint(
            address: address, subject: "CN=www.edgecheck.test", issuer: issuer,
            subjectAltNames: missingSAN ? [] : ["www.edgecheck.test"], notBefore: Self.now.addingTimeInterval(-86_400 * 10),
            notAfter: notAfter, daysLeft: days, sha256: sha256, spkiSHA256: "c3BraQ==", chainOK: chainOK,
            chainError: chainError, hostnameOK: hostnameOK, missingSAN: missingSAN, datesOK: days >= 0, pinOK: pinOK)
    }

    @Test func theSameValidLeafEverywherePasses() {
        let outcome = evaluation(issuer: "Edge Lab Issuing CA").outcome(
            endpoints: [endpoint("127.0.10.2"), endpoint("127.0.10.1")], resolver: "127.0.53.1:10053",
            addresses: ["127.0.10.2", "127.0.10.1"])
        #expect(outcome.status == .pass)
        #expect(outcome.subjects == ["127.0.10.1", "127.0.10.2"])
        #expect(outcome.summary == "2 addresses serve the same valid certificate for www.edgecheck.test from "
                    + "CN=Edge Lab Issuing CA,O=Edge Lab, 89 days left")
        #expect((outcome.data as? CertificateData)?.endpoints.map(\.address) == ["127.0.10.1", "127.0.10.2"])
    }

    @Test func anExpiredLeafFailsAsExpiredNotAsUntrusted() {
        let outcome = evaluation().outcome(endpoints: [
            endpoint("127.0.10.1", days: -3, chainOK: false, chainError: "certificate has expired"),
        ])
        #expect(outcome.status == .fail)
        #expect(outcome.findings.map(\.failureClass) == [.certExpired])
        #expect(outcome.findings[0].subject == "127.0.10.1")
        #expect(outcome.findings[0].message.hasPrefix("127.0.10.1 serves a certificate for CN=www.edgecheck.test "
                                                          + "that expired on 2027-01-12"))
        #expect(outcome.findings[0].message.hasSuffix("(3 days ago)"))
    }

    @Test func aMissingIntermediateIsUntrusted() {
        let outcome = evaluation().outcome(endpoints: [
            endpoint("127.0.10.1", chainOK: false, chainError: "unable to get local issuer certificate"),
        ])
        #expect(outcome.findings.map(\.failureClass) == [.certUntrusted])
        #expect(outcome.findings[0].message == "127.0.10.1 serves a certificate issued by "
                    + "CN=Edge Lab Issuing CA,O=Edge Lab that does not chain to a trusted root: "
                    + "unable to get local issuer certificate")
    }

    @Test func aCertificateForAnotherHostIsAHostnameFailure() {
        var wrong = endpoint("127.0.10.1", hostnameOK: false)
        wrong.subjectAltNames = ["other.edgecheck.test"]
        let outcome = evaluation().outcome(endpoints: [wrong])
        #expect(outcome.findings.map(\.failureClass) == [.certHostname])
        #expect(outcome.findings[0].message == "127.0.10.1 serves a certificate for other.edgecheck.test; "
                    + "expected one valid for www.edgecheck.test")
    }

    @Test func aLeafWithoutSubjectAltNameIsFlagged() {
        let outcome = evaluation().outcome(endpoints: [endpoint("127.0.10.1", hostnameOK: false, missingSAN: true)])
        #expect(outcome.findings.map(\.failureClass) == [.certHostname])
        #expect(outcome.findings[0].message.contains("without subjectAltName"))
    }

    @Test func anotherIssuerOnOneAddressFailsThatAddressOnly() {
        let outcome = evaluation(issuer: "Edge Lab Issuing CA").outcome(endpoints: [
            endpoint("127.0.10.1"),
            endpoint("127.0.10.2", issuer: Self.other, sha256: String(repeating: "b2", count: 32)),
        ])
        #expect(outcome.status == .fail)
        #expect(Set(outcome.findings.map(\.subject)) == ["127.0.10.2"])
        let issuer = outcome.findings.first { $0.failureClass?.rawValue == "cert-issuer" }
        #expect(issuer?.message == "127.0.10.2 serves a certificate issued by CN=Edge Lab Other CA,O=Edge Lab, "
                    + "expected issuer matching 'Edge Lab Issuing CA'")
        let mismatch = outcome.findings.first { $0.failureClass?.rawValue == "cert-mismatch" }
        #expect(mismatch?.message.hasPrefix("127.0.10.2 serves a different certificate from 127.0.10.1: "
                                                + "CN=www.edgecheck.test issued by CN=Edge Lab Other CA") == true)
    }

    @Test func theMajorityLeafDecidesWhichAddressDiffers() {
        let odd = String(repeating: "b2", count: 32)
        let outcome = evaluation().outcome(endpoints: [
            endpoint("127.0.10.1", sha256: odd), endpoint("127.0.10.2"), endpoint("127.0.10.3"),
        ])
        #expect(outcome.findings.map(\.subject) == ["127.0.10.1"])
        #expect(outcome.findings.first?.message.contains("from 127.0.10.2, 127.0.10.3") == true)
    }

    @Test func withoutAllIPsDifferentLeavesAreFine() {
        let outcome = evaluation(allIPs: false).outcome(endpoints: [
            endpoint("127.0.10.1"), endpoint("127.0.10.2", sha256: String(repeating: "b2", count: 32)),
        ])
        #expect(outcome.status == .pass)
    }

    @Test func fewerDaysThanMinDaysFails() {
        let outcome = evaluation().outcome(endpoints: [endpoint("127.0.10.1", days: 5)])
        #expect(outcome.status == .fail)
        #expect(outcome.findings.map(\.failureClass?.rawValue) == ["cert-expiring"])
        #expect(outcome.findings[0].message == "127.0.10.1 serves a certificate that expires on 2027-01-20, 5 days left; "
                    + "expected at least 14 (min-days)")
    }

    @Test func fewerDaysThanWarnDaysWarns() {
        let outcome = evaluation(warnDays: 100).outcome(endpoints: [endpoint("127.0.10.1"), endpoint("127.0.10.2")])
        #expect(outcome.status == .warn)
        #expect(outcome.findings.map(\.subject) == ["127.0.10.1", "127.0.10.2"])
        #expect(outcome.findings.allSatisfy { $0.status == .warn && $0.failureClass?.rawValue == "cert-expiring" })
        #expect(outcome.findings[0].message.hasSuffix("89 days left (warn-days 100)"))
    }

    @Test func aWrongPinFails() {
        let outcome = evaluation(pin: "cGlu").outcome(endpoints: [endpoint("127.0.10.1", pinOK: false)])
        #expect(outcome.findings.map(\.failureClass?.rawValue) == ["cert-pin"])
        #expect(outcome.findings[0].message == "127.0.10.1 serves a key with SPKI sha256 c3BraQ==; expected pin-sha256 cGlu")
    }

    @Test func aMatchingPinReplacesChainTrust() {
        let outcome = evaluation(pin: "c3BraQ==").outcome(endpoints: [
            endpoint("127.0.10.1", chainOK: false, chainError: "self-signed certificate", pinOK: true),
        ])
        #expect(outcome.status == .pass)
    }

    @Test func aFailedHandshakeFailsWithItsClass() {
        let dead = CertificateData.Endpoint(address: "127.0.10.2", failureClass: .refused,
                                            error: "connection refused by 127.0.10.2:8443")
        let outcome = evaluation().outcome(endpoints: [endpoint("127.0.10.1"), dead])
        #expect(outcome.findings.map(\.failureClass) == [.refused])
        #expect(outcome.findings[0].message == "127.0.10.2 served no certificate: connection refused by "
                    + "127.0.10.2:8443; expected a TLS handshake for www.edgecheck.test on port 8443")
        #expect(outcome.summary == outcome.findings[0].message)
    }

    @Test func resolutionFailuresComeFirstAndBecomeSubjects() {
        let failed = Finding(status: .fail, subject: "127.0.53.3:10053", failureClass: .dnsTimeout, message: "silent")
        let outcome = evaluation().outcome(endpoints: [], resolution: [failed])
        #expect(outcome.status == .fail)
        #expect(outcome.subjects == ["127.0.53.3:10053"])
        #expect(outcome.summary == "silent")
    }

    @Test func eachAddressMeasuresItsDaysLeft() {
        let outcome = evaluation().outcome(endpoints: [endpoint("127.0.10.1")])
        let days = outcome.measurements.first { $0.name == "days-left" }
        #expect(days?.value == 89)
        #expect(days?.subject == "127.0.10.1")
    }
}
