import Foundation
import Testing
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// Verdicts on chains made in the test; the "system store" is a folder holding only the test
/// root, so nothing depends on the machine's CAs.
@Suite struct CertificateVerifierTests {
    let pki = TestPKI.shared

    func verifier(caFile: String? = nil, pin: String? = nil, store: String? = nil) -> CertificateVerifier {
        var verifier = CertificateVerifier(caFile: caFile, pinSHA256: pin)
        verifier.systemTrustDirectory = store ?? pki.storeDirectory
        return verifier
    }

    @Test func aGoodChainPassesEverything() throws {
        let verdict = verifier().verify(chain: try pki.certificates("good-chain.pem"), host: "www.edgecheck.test")
        #expect(verdict.chainOK && verdict.hostnameOK && verdict.datesOK)
        #expect(verdict.pinOK == nil)
        #expect(verdict.failures.isEmpty)
    }

    @Test func anIPAddressIsMatchedAgainstIPAlternativeNames() throws {
        let chain = try pki.certificates("good-chain.pem")
        #expect(verifier().verify(chain: chain, host: "127.0.0.1").hostnameOK)
        #expect(!verifier().verify(chain: chain, host: "127.0.0.2").hostnameOK)
    }

    @Test func anExpiredLeafIsOnlyExpired() throws {
        let verdict = verifier().verify(chain: try pki.certificates("expired-chain.pem"), host: "www.edgecheck.test")
        #expect(verdict.chainOK)
        #expect(!verdict.datesOK)
        #expect(verdict.failures.map(\.failureClass) == [.certExpired])
        #expect(verdict.failures.first?.message.hasPrefix("the certificate expired on ") == true)
    }

    @Test func aLeafForAnotherHostFailsTheHostnameNamingBoth() throws {
        let verdict = verifier().verify(chain: try pki.certificates("wronghost-chain.pem"), host: "www.edgecheck.test")
        #expect(verdict.failures == [NetFailure(.certHostname,
                                                "the certificate is not valid for www.edgecheck.test (it names other.edgecheck.test)")])
    }

    @Test func aLeafWithTheNameOnlyInTheCNIsFlaggedAsMissingSAN() throws {
        let verdict = verifier().verify(chain: try pki.certificates("nosan-chain.pem"), host: "www.edgecheck.test")
        #expect(verdict.missingSAN)
        #expect(!verdict.hostnameOK)
        #expect(verdict.failures.map(\.failureClass) == [.certHostname])
        #expect(verdict.failures.first?.message.contains("no subjectAltName") == true)
    }

    @Test func aChainFromAnUnknownCAIsUntrustedWithOpenSSLsReason() throws {
        let verdict = verifier().verify(chain: try pki.certificates("stranger.pem"), host: "www.edgecheck.test")
        #expect(!verdict.chainOK)
        #expect(verdict.chainError == "unable to get local issuer certificate")
        #expect(verdict.failures == [NetFailure(.certUntrusted,
                                                "the certificate does not chain to a trusted CA: unable to get local issuer certificate")])
    }

    @Test func theCAFileIsAddedToTheSystemStoreNotInsteadOfIt() throws {
        let both = verifier(caFile: pki.path("other-ca.pem"))
        #expect(both.verify(chain: try pki.certificates("stranger.pem"), host: "www.edgecheck.test").chainOK)
        #expect(both.verify(chain: try pki.certificates("good-chain.pem"), host: "www.edgecheck.test").chainOK)
    }

    @Test func aLeafServedWithoutItsIntermediateIsUntrusted() throws {
        let verdict = verifier().verify(chain: try pki.certificates("good.pem"), host: "www.edgecheck.test")
        #expect(!verdict.chainOK)
        #expect(verdict.failures.map(\.failureClass) == [.certUntrusted])
    }

    @Test func aMatchingPinReplacesChainTrust() throws {
        let chain = try pki.certificates("selfsigned.pem")
        let unpinned = verifier().verify(chain: chain, host: "ingress.edgecheck.test")
        #expect(!unpinned.chainOK)
        let pinned = verifier(pin: chain[0].spkiSHA256).verify(chain: chain, host: "ingress.edgecheck.test")
        #expect(pinned.chainOK && pinned.pinOK == true)
        #expect(pinned.failures.isEmpty)
    }

    @Test func aWrongPinFailsAndSaysWhatWasServed() throws {
        let chain = try pki.certificates("good-chain.pem")
        let wrong = String(repeating: "A", count: 43) + "="
        let verdict = verifier(pin: wrong).verify(chain: chain, host: "www.edgecheck.test")
        #expect(verdict.pinOK == false)
        #expect(verdict.failures == [NetFailure(.certPin,
                                                "the certificate's key does not match the pinned SHA-256 (it is sha256//\(chain[0].spkiSHA256))")])
    }

    @Test func problemsAreListedMostFundamentalFirst() throws {
        // An expired leaf for another host from an unknown CA, checked against a wrong pin.
        let chain = try pki.certificates("wronghost-chain.pem")
        let verdict = verifier(pin: "x", store: pki.emptyDirectory)
            .verify(chain: chain, host: "www.edgecheck.test", at: Date().addingTimeInterval(40 * 86_400))
        #expect(verdict.failures.map(\.failureClass) == [.certExpired, .certUntrusted, .certHostname, .certPin])
    }

    @Test func anEmptyChainIsNeverTrusted() {
        let verdict = verifier().verify(chain: [], host: "www.edgecheck.test")
        #expect(!verdict.chainOK && !verdict.hostnameOK)
    }
}
