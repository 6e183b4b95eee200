import Foundation
import Testing
import CCurl
import COpenSSL
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// Chains a client at the system's OpenSSL security level refuses: our verifier names the
/// certificate and the reason, and a verified connection fails with `cert-weak`, not as untrusted.
@Suite struct CertificateWeaknessTests {
    let pki = TestPKI.shared

    func verifier(level: Int = 2) -> CertificateVerifier {
        var verifier = CertificateVerifier()
        verifier.systemTrustDirectory = pki.storeDirectory
        verifier.securityLevel = level
        return verifier
    }

    @Test func theSystemLevelIsTheOneCurlUsesHere() {
        // Debian's OpenSSL builds and configures level 2; the messages below assume a level that refuses RSA-1024.
        #expect(SystemSecurityLevel.current >= 2)
        #expect(CertificateVerifier().securityLevel == SystemSecurityLevel.current)
    }

    @Test func anRSA1024LeafIsWeakNamingKeyTypeAndSize() throws {
        let verdict = verifier().verify(chain: try pki.certificates("weakkey-chain.pem"), host: "www.edgecheck.test")
        #expect(verdict.chainOK && verdict.hostnameOK && verdict.datesOK)
        #expect(verdict.failures == [NetFailure(.certWeak, "clients refuse the chain: the leaf CN=www.edgecheck.test has "
                                                    + "a 1024-bit RSA key; the system's OpenSSL security level 2 needs at least 2048 bits")])
    }

    @Test func aSHA1SignedLeafIsWeakNamingTheAlgorithm() throws {
        let verdict = verifier().verify(chain: try pki.certificates("sha1leaf-chain.pem"), host: "www.edgecheck.test")
        #expect(verdict.failures == [NetFailure(.certWeak, "clients refuse the chain: the leaf CN=www.edgecheck.test is "
                                                    + "signed with ecdsa-with-SHA1, a digest the system's OpenSSL security level 2 refuses")])
    }

    @Test func aSHA1SignedIntermediateIsWeakNamingItsDepth() throws {
        let verdict = verifier().verify(chain: try pki.certificates("undersha1-chain.pem"), host: "www.edgecheck.test")
        #expect(verdict.chainOK)
        #expect(verdict.weaknesses == [CertificateWeakness(subject: "CN=Test SHA-1 CA,O=Edge Test", depth: 1,
                                                           reason: .digestTooWeak(signatureAlgorithm: "ecdsa-with-SHA1"),
                                                           securityLevel: 2)])
        #expect(verdict.failures.map(\.message) == ["clients refuse the chain: the certificate CN=Test SHA-1 CA,O=Edge Test "
                                                    + "(depth 1) is signed with ecdsa-with-SHA1, a digest the system's OpenSSL "
                                                    + "security level 2 refuses"])
    }

    @Test func theLevelDecides() throws {
        // At level 1 RSA-1024 is allowed; OpenSSL 3 refuses SHA-1 signatures from level 1 up.
        #expect(verifier(level: 1).verify(chain: try pki.certificates("weakkey-chain.pem"), host: "www.edgecheck.test")
            .failures.isEmpty)
        #expect(verifier(level: 1).verify(chain: try pki.certificates("sha1leaf-chain.pem"), host: "www.edgecheck.test")
            .failures.map(\.failureClass) == [.certWeak])
        #expect(verifier(level: 0).verify(chain: try pki.certificates("sha1leaf-chain.pem"), host: "www.edgecheck.test")
            .failures.isEmpty)
    }

    @Test func aGoodChainHasNoWeakness() throws {
        #expect(verifier().verify(chain: try pki.certificates("good-chain.pem"), host: "www.edgecheck.test").weaknesses.isEmpty)
    }

    @Test func aWeakUntrustedChainIsBothUntrustedAndWeak() throws {
        let verdict = verifier().verify(chain: [try #require(pki.certificates("weakkey.pem").first)], host: "www.edgecheck.test")
        #expect(verdict.failures.map(\.failureClass) == [.certUntrusted, .certWeak])
    }

    @Test func aVerifiedConnectionToAWeakLeafIsCertWeakNotUntrusted() async throws {
        let server = try TLSServer("weakkey", weakAllowed: true)
        let prober = Prober(systemTrustDirectory: pki.storeDirectory)
        let level = SystemSecurityLevel.current
        let response = await prober.probe(server.request(depth: .tls))
        #expect(response.failure == NetFailure(.certWeak, "127.0.0.1:\(server.port) serves a chain clients refuse: the leaf "
                                                + "CN=www.edgecheck.test has a 1024-bit RSA key; the system's OpenSSL security "
                                                + "level \(level) needs at least 2048 bits"))
    }

    @Test func aVerifiedConnectionThroughASHA1IntermediateIsCertWeak() async throws {
        let server = try TLSServer("undersha1", issuer: "sha1-intermediate", weakAllowed: true)
        let prober = Prober(systemTrustDirectory: pki.storeDirectory)
        let response = await prober.probe(server.request(depth: .http))
        #expect(response.failure?.failureClass == .certWeak)
        #expect(response.failure?.message.contains("CN=Test SHA-1 CA,O=Edge Test (depth 1) is signed with ecdsa-with-SHA1")
                == true)
        #expect(response.status == nil)
    }

    @Test func theCurlVerifyResultsForWeakChainsMapToCertWeak() {
        for code in [X509_V_ERR_EE_KEY_TOO_SMALL, X509_V_ERR_CA_KEY_TOO_SMALL, X509_V_ERR_CA_MD_TOO_WEAK] {
            let failure = CurlFailure.classify(code: CURLE_PEER_FAILED_VERIFICATION, osErrno: 0, verifyResult: Int(code),
                                               stage: .handshaking, endpoint: "127.0.0.1:443", timeout: .seconds(1),
                                               detail: "SSL certificate problem")
            #expect(failure?.failureClass == .certWeak)
        }
    }
}
