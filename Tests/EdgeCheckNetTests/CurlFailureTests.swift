import CCurl
import COpenSSL
import Foundation
import Testing
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// The mapping from libcurl results to the contract's classes, code by code.
@Suite struct CurlFailureTests {
    func classOf(_ code: CURLcode, errno: Int32 = 0, verify: Int32 = 0, stage: CurlFailure.Stage = .exchanging,
                 detail: String = "") -> FailureClass? {
        CurlFailure.classify(code: code, osErrno: Int(errno), verifyResult: Int(verify), stage: stage,
                             endpoint: "127.0.10.2:8443", timeout: .seconds(2), detail: detail)?.failureClass
    }

    @Test func successIsNoFailure() {
        #expect(classOf(CURLE_OK) == nil)
    }

    @Test func connectFailuresTellNothingListensFromTheNetworkDropsIt() {
        #expect(classOf(CURLE_COULDNT_CONNECT, errno: ECONNREFUSED, stage: .connecting) == .refused)
        #expect(classOf(CURLE_COULDNT_CONNECT, errno: EHOSTUNREACH, stage: .connecting) == .timeout)
        #expect(classOf(CURLE_COULDNT_CONNECT, errno: ENETUNREACH, stage: .connecting) == .timeout)
        #expect(classOf(CURLE_OPERATION_TIMEDOUT, stage: .connecting) == .timeout)
        #expect(classOf(CURLE_COULDNT_CONNECT, errno: EADDRNOTAVAIL, stage: .connecting) == .local)
        #expect(classOf(CURLE_INTERFACE_FAILED) == .local)
    }

    @Test func timeoutMessagesSayHowFarTheConnectionGot() {
        func message(_ stage: CurlFailure.Stage) -> String? {
            CurlFailure.classify(code: CURLE_OPERATION_TIMEDOUT, osErrno: 0, verifyResult: 0, stage: stage,
                                 endpoint: "127.0.10.2:8443", timeout: .seconds(2), detail: "")?.message
        }
        #expect(message(.connecting) == "no answer from 127.0.10.2:8443 within 2s (connection not established)")
        #expect(message(.handshaking)
                == "127.0.10.2:8443 accepted the connection but did not complete the TLS handshake within 2s")
        #expect(message(.exchanging) == "127.0.10.2:8443 did not answer the request within 2s")
    }

    /// A plain-HTTP server that accepts and trickles its headers never reaches a TLS handshake,
    /// and must not be said to have stalled one; a response that began says so.
    @Test func aPlainHTTPTimeoutIsNeverAStalledHandshake() {
        var outcome = ProbeTransfer.Outcome()
        outcome.code = CURLE_OPERATION_TIMEDOUT
        outcome.reachedConnect = true
        func message(usesTLS: Bool) -> String? {
            CurlFailure.classify(outcome, depth: .http, usesTLS: usesTLS, endpoint: "127.0.66.1:8080",
                                 timeout: .seconds(2))?.message
        }
        #expect(message(usesTLS: true)
                == "127.0.66.1:8080 accepted the connection but did not complete the TLS handshake within 2s")
        #expect(message(usesTLS: false) == "127.0.66.1:8080 did not answer the request within 2s")
        outcome.status = 200
        #expect(message(usesTLS: false) == "127.0.66.1:8080 began to answer but did not finish its response within 2s")
    }

    @Test func responseHeadersOverLibcurlsCapAreADroppedConnectionThatSaysWhy() {
        let failure = CurlFailure.classify(code: CURLE_RECV_ERROR, osErrno: 0, verifyResult: 0, stage: .responding,
                                           endpoint: "127.0.66.2:8080", timeout: .seconds(2),
                                           detail: "Too large response headers: 308058 > 307200")
        #expect(failure == NetFailure(.reset, "127.0.66.2:8080 sent more response headers than a client accepts, so the "
                                        + "connection was dropped (Too large response headers: 308058 > 307200)"))
    }

    @Test func brokenConnectionsAreResets() {
        #expect(classOf(CURLE_RECV_ERROR, errno: ECONNRESET) == .reset)
        #expect(classOf(CURLE_SEND_ERROR, errno: EPIPE) == .reset)
        #expect(classOf(CURLE_GOT_NOTHING) == .reset)
        #expect(classOf(CURLE_PARTIAL_FILE) == .reset)
        #expect(classOf(CURLE_WEIRD_SERVER_REPLY) == .reset)
        #expect(classOf(CURLE_SSL_CONNECT_ERROR, errno: ECONNRESET, stage: .handshaking) == .reset)
    }

    @Test func handshakeRefusalsAreTLSAlerts() {
        #expect(classOf(CURLE_SSL_CONNECT_ERROR, stage: .handshaking,
                        detail: "error:0A000410:SSL routines::sslv3 alert handshake failure") == .tlsAlert)
        #expect(classOf(CURLE_SSL_CIPHER) == .tlsAlert)
    }

    @Test func verificationFailuresAreToldApartByOpenSSLsResult() {
        #expect(classOf(CURLE_PEER_FAILED_VERIFICATION, verify: X509_V_ERR_CERT_HAS_EXPIRED) == .certExpired)
        #expect(classOf(CURLE_PEER_FAILED_VERIFICATION, verify: X509_V_ERR_CERT_NOT_YET_VALID) == .certExpired)
        #expect(classOf(CURLE_PEER_FAILED_VERIFICATION, verify: X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
                == .certUntrusted)
        #expect(classOf(CURLE_PEER_FAILED_VERIFICATION, verify: X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT) == .certUntrusted)
        #expect(classOf(CURLE_PEER_FAILED_VERIFICATION, verify: 1,
                        detail: "SSL: no alternative certificate subject name matches target host name 'x'") == .certHostname)
        #expect(classOf(CURLE_SSL_PINNEDPUBKEYNOTMATCH) == .certPin)
    }

    @Test func problemsOnOurSideAreLocal() {
        #expect(classOf(CURLE_SSL_CACERT_BADFILE) == .local)
        #expect(classOf(CURLE_URL_MALFORMAT) == .local)
        #expect(classOf(CURLE_COULDNT_RESOLVE_HOST) == .nxdomain)
    }

    @Test func ipv6SpellingsOfOneAddressAreTheSame() {
        #expect(CurlFailure.sameAddress("::1", "0:0:0:0:0:0:0:1"))
        #expect(CurlFailure.sameAddress("127.0.10.1", "127.0.10.1"))
        #expect(!CurlFailure.sameAddress("127.0.10.1", "127.0.10.2"))
    }
}
