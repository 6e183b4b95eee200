import Foundation
import Testing
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// Parsing certificates made by the `openssl` command, compared with what `openssl` itself says.
@Suite struct CertificateTests {
    let pki = TestPKI.shared

    @Test func aServedChainParsesLeafFirstWithEveryField() throws {
        let chain = try pki.certificates("good-chain.pem")
        #expect(chain.count == 2)
        let leaf = chain[0]
        #expect(leaf.subject == "CN=www.edgecheck.test")
        #expect(leaf.issuer == "CN=Test Issuing CA,O=Edge Test")
        #expect(leaf.subjectAltNames == ["www.edgecheck.test", "127.0.0.1"])
        #expect(leaf.keyType == "EC")
        #expect(leaf.keyBits == 256)
        #expect(leaf.signatureAlgorithm == "ecdsa-with-SHA256")
        #expect(!leaf.isCA)
        #expect(chain[1].isCA)
        #expect(chain[1].subject == "CN=Test Issuing CA,O=Edge Test")
        #expect(leaf.daysLeft() == 19)
        #expect(abs(leaf.notBefore.timeIntervalSinceNow) < 600)
    }

    @Test func fingerprintsMatchWhatOpenSSLComputes() throws {
        let leaf = try #require(pki.certificates("good.pem").first)
        let fingerprint = String(decoding: try pki.openssl(["x509", "-in", pki.path("good.pem"), "-noout",
                                                              "-fingerprint", "-sha256"]), as: UTF8.self)
        let hex = fingerprint.split(separator: "=")[1].replacingOccurrences(of: ":", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        #expect(leaf.sha256 == hex)

        let publicKey = try pki.openssl(["x509", "-in", pki.path("good.pem"), "-noout", "-pubkey"])
        let spkiDER = try pki.openssl(["pkey", "-pubin", "-outform", "DER"], input: publicKey)
        let digest = try pki.openssl(["dgst", "-sha256", "-binary"], input: spkiDER)
        #expect(leaf.spkiSHA256 == digest.base64EncodedString())
    }

    @Test func distinguishedNamesAreRFC4514MostSpecificFirstWithEscapes() throws {
        let leaf = try #require(pki.certificates("oddname.pem").first)
        #expect(leaf.subject == #"CN=a\+b,O=Edge\, Test+OU=Ops,C=GB"#)
    }

    @Test func aLeafWithoutTheExtensionHasNoAlternativeNames() throws {
        let leaf = try #require(pki.certificates("nosan.pem").first)
        #expect(leaf.subjectAltNames.isEmpty)
        #expect(leaf.subject == "CN=www.edgecheck.test")
    }

    @Test func rsaKeysReportTheirSize() throws {
        let leaf = try #require(pki.certificates("selfsigned.pem").first)
        #expect(leaf.keyType == "RSA")
        #expect(leaf.keyBits == 2048)
        #expect(leaf.signatureAlgorithm == "sha256WithRSAEncryption")
    }

    @Test func derRoundTripsAndGarbageIsRejected() throws {
        let leaf = try #require(pki.certificates("good.pem").first)
        #expect(try Certificate(der: leaf.der) == leaf)
        #expect(throws: NetFailure.self) { try Certificate(der: Data("not a certificate".utf8)) }
        #expect(try Certificate.parsePEM("no PEM here").isEmpty)
    }
}
