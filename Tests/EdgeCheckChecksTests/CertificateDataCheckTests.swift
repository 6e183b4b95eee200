import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// The `data` object of a `certificate` result carries the contract's JSON keys, null when unknown.
@Suite struct CertificateDataCheckTests {
    private func endpoints(_ data: CertificateData) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(data)) as? [String: Any]
        return try #require(object?["endpoints"] as? [[String: Any]])
    }

    @Test func theContractKeysArePresent() throws {
        let served = CertificateData.Endpoint(
            address: "127.0.10.1", subject: "CN=www.edgecheck.test", issuer: "CN=Edge Lab Issuing CA,O=Edge Lab",
            notAfter: Date(timeIntervalSince1970: 1_800_000_000), daysLeft: 89, sha256: "ab12", spkiSHA256: "c3BraQ==",
            chainOK: true, hostnameOK: false)
        let refused = CertificateData.Endpoint(address: "127.0.10.2", failureClass: .refused, error: "refused")
        let data = CertificateData(host: "www.edgecheck.test", port: 8443, resolver: "127.0.53.1:10053",
                                   addresses: ["127.0.10.1", "127.0.10.2"], endpoints: [served, refused])
        let list = try endpoints(data)
        #expect(list[0]["address"] as? String == "127.0.10.1")
        #expect(list[0]["subject"] as? String == "CN=www.edgecheck.test")
        #expect(list[0]["issuer"] as? String == "CN=Edge Lab Issuing CA,O=Edge Lab")
        #expect(list[0]["not_after"] as? String == "2027-01-15T08:00:00Z")
        #expect(list[0]["days_left"] as? Int == 89)
        #expect(list[0]["sha256"] as? String == "ab12")
        #expect(list[0]["spki_sha256"] as? String == "c3BraQ==")
        #expect(list[0]["chain_ok"] as? Bool == true)
        #expect(list[0]["hostname_ok"] as? Bool == false)
        for key in ["subject", "issuer", "not_after", "days_left", "sha256", "spki_sha256", "chain_ok", "hostname_ok"] {
            #expect(list[1][key] is NSNull, "\(key) is null when nothing was served")
        }
        #expect(list[1]["class"] as? String == "refused")
    }
}
