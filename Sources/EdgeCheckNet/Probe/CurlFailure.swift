import CCurl
import COpenSSL
import Foundation

/// Maps libcurl's result codes (with the OS errno and OpenSSL's verify result) to the contract's
/// failure classes, with a sentence that names the endpoint.
enum CurlFailure {
    /// Where the connection had got to when it ended.
    enum Stage: Sendable {
        case connecting, handshaking, exchanging
        /// The response had begun (a status line or headers arrived) but did not end.
        case responding
    }

    /// `usesTLS`: the URL is https (a plain-HTTP connection never reaches a handshake, so a
    /// missing one says nothing about how far it got).
    static func classify(_ outcome: ProbeTransfer.Outcome, depth: ProbeRequest.Depth, usesTLS: Bool, endpoint: String,
                         timeout: Duration) -> NetFailure? {
        if outcome.cancelled { return NetFailure(.timeout, "the probe of \(endpoint) was cancelled") }
        if outcome.code == CURLE_WRITE_ERROR && outcome.bodyTruncated { return nil }
        let stage: Stage
        if !outcome.reachedConnect {
            stage = .connecting
        } else if usesTLS && depth != .tcp && !outcome.reachedTLS && outcome.tls.version == nil {
            stage = .handshaking
        } else if depth == .http && (outcome.status > 0 || !outcome.headers.isEmpty) {
            stage = .responding
        } else {
            stage = .exchanging
        }
        let failure = classify(code: outcome.code, osErrno: outcome.osErrno, verifyResult: outcome.verifyResult,
                               stage: stage, endpoint: endpoint, timeout: timeout, detail: outcome.errorText)
        if failure?.failureClass == .certWeak, let weakness = outcome.rejected?.weakness {
            return NetFailure(.certWeak, "\(endpoint) serves a chain clients refuse: \(weakness)")
        }
        return failure
    }

    /// The mapping itself, free of libcurl state so it can be tested code by code.
    static func classify(code: CURLcode, osErrno: Int, verifyResult: Int, stage: Stage, endpoint: String,
                         timeout: Duration, detail: String) -> NetFailure? {
        let because = detail.isEmpty ? String(cString: ec_curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_OK:
            return nil
        case CURLE_COULDNT_CONNECT:
            switch Int32(osErrno) {
            case ECONNREFUSED:
                return NetFailure(.refused, "connection refused by \(endpoint)")
            case EHOSTUNREACH, ENETUNREACH, EACCES, EPERM:
                // A router or firewall rejected it: for a partner that is the same story as a
                // silent drop, the network does not carry the connection.
                return NetFailure(.timeout, "\(endpoint) is unreachable from here (\(errnoText(osErrno)))")
            case ETIMEDOUT:
                return NetFailure(.timeout, "no answer from \(endpoint) within \(timeout.spoken) (connection not established)")
            case EADDRNOTAVAIL:
                return NetFailure(.local, "cannot connect to \(endpoint) from the chosen source address (\(errnoText(osErrno)))")
            default:
                return NetFailure(.refused, "could not connect to \(endpoint): \(because)")
            }
        case CURLE_OPERATION_TIMEDOUT:
            switch stage {
            case .connecting:
                return NetFailure(.timeout, "no answer from \(endpoint) within \(timeout.spoken) (connection not established)")
            case .handshaking:
                return NetFailure(.timeout,
                                  "\(endpoint) accepted the connection but did not complete the TLS handshake within \(timeout.spoken)")
            case .exchanging:
                return NetFailure(.timeout, "\(endpoint) did not answer the request within \(timeout.spoken)")
            case .responding:
                return NetFailure(.timeout, "\(endpoint) began to answer but did not finish its response within \(timeout.spoken)")
            }
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            // libcurl (7.88 with the fix for CVE-2023-38039, and later) caps the response headers.
            if detail.contains("Too large response headers") {
                return NetFailure(.reset, "\(endpoint) sent more response headers than a client accepts, so the "
                                    + "connection was dropped (\(detail))")
            }
            if Int32(osErrno) == ECONNRESET || Int32(osErrno) == EPIPE {
                return NetFailure(.reset, "\(endpoint) reset the connection")
            }
            return NetFailure(.reset, "the connection to \(endpoint) broke: \(because)")
        case CURLE_GOT_NOTHING:
            return NetFailure(.reset, "\(endpoint) closed the connection without answering")
        case CURLE_PARTIAL_FILE:
            return NetFailure(.reset, "\(endpoint) closed the connection before the response was complete")
        case CURLE_WEIRD_SERVER_REPLY, CURLE_UNSUPPORTED_PROTOCOL, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return NetFailure(.reset, "\(endpoint) did not answer in HTTP: \(because)")
        case CURLE_SSL_CONNECT_ERROR:
            if Int32(osErrno) == ECONNRESET || detail.contains("SSL_ERROR_SYSCALL") || detail.contains("unexpected eof") {
                return NetFailure(.reset, "\(endpoint) closed the connection during the TLS handshake")
            }
            return NetFailure(.tlsAlert, "the TLS handshake with \(endpoint) failed: \(because)")
        case CURLE_PEER_FAILED_VERIFICATION:
            // libcurl checks the name itself after OpenSSL accepted the chain, and then reports
            // a generic verify result; its message is what tells.
            if detail.contains("host name") || detail.contains("subject name") {
                return NetFailure(.certHostname, "\(endpoint) serves a certificate for another name: \(because)")
            }
            switch Int32(verifyResult) {
            case X509_V_ERR_CERT_HAS_EXPIRED:
                return NetFailure(.certExpired, "\(endpoint) serves an expired certificate")
            case X509_V_ERR_CERT_NOT_YET_VALID:
                return NetFailure(.certExpired, "\(endpoint) serves a certificate that is not valid yet")
            case X509_V_ERR_EE_KEY_TOO_SMALL, X509_V_ERR_CA_KEY_TOO_SMALL, X509_V_ERR_CA_MD_TOO_WEAK:
                let reason = String(cString: X509_verify_cert_error_string(verifyResult))
                return NetFailure(.certWeak, "\(endpoint) serves a chain clients refuse at the system's OpenSSL "
                                    + "security level \(SystemSecurityLevel.current): \(reason)")
            case X509_V_OK, X509_V_ERR_HOSTNAME_MISMATCH:
                return NetFailure(.certHostname, "\(endpoint) serves a certificate for another name: \(because)")
            default:
                let reason = String(cString: X509_verify_cert_error_string(verifyResult))
                return NetFailure(.certUntrusted, "\(endpoint) serves a certificate that is not trusted: \(reason)")
            }
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return NetFailure(.certPin, "\(endpoint) serves a key that does not match the pinned SHA-256")
        case CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_SHUTDOWN_FAILED,
             CURLE_SSL_CRL_BADFILE, CURLE_USE_SSL_FAILED:
            return NetFailure(.tlsAlert, "the TLS handshake with \(endpoint) failed: \(because)")
        case CURLE_SSL_CACERT_BADFILE:
            return NetFailure(.local, "cannot load the trust anchors for \(endpoint): \(because)")
        case CURLE_COULDNT_RESOLVE_HOST:
            return NetFailure(.nxdomain, "cannot resolve the host of \(endpoint): \(because)")
        case CURLE_INTERFACE_FAILED:
            return NetFailure(.local, "cannot use the source address for \(endpoint): \(because)")
        case CURLE_ABORTED_BY_CALLBACK:
            return NetFailure(.timeout, "the probe of \(endpoint) was cancelled")
        case CURLE_URL_MALFORMAT, CURLE_FAILED_INIT, CURLE_OUT_OF_MEMORY, CURLE_BAD_FUNCTION_ARGUMENT,
             CURLE_NOT_BUILT_IN, CURLE_UNKNOWN_OPTION:
            return NetFailure(.local, "cannot probe \(endpoint): \(because)")
        default:
            return NetFailure(.reset, "the connection to \(endpoint) failed: \(because)")
        }
    }

    /// Whether two textual IPs are the same address (IPv6 has many spellings).
    static func sameAddress(_ first: String, _ second: String) -> Bool {
        var a = in6_addr(), b = in6_addr()
        if inet_pton(AF_INET6, first, &a) == 1, inet_pton(AF_INET6, second, &b) == 1 {
            return withUnsafeBytes(of: &a) { x in withUnsafeBytes(of: &b) { y in x.elementsEqual(y) } }
        }
        return first == second
    }

    private static func errnoText(_ code: Int) -> String {
        String(cString: strerror(Int32(code)))
    }
}
