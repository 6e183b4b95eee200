import CCurl
import Foundation

extension CurlFailure {
    /// The failure of a proxied transfer: the proxy's own classes when the proxy (not the
    /// address behind it) is why, else the direct classification with the proxy named.
    static func classifyThroughProxy(_ outcome: ProbeTransfer.Outcome, proxy: Proxy, depth: ProbeRequest.Depth,
                                     usesTLS: Bool, endpoint: String, timeout: Duration) -> NetFailure? {
        let tunnel = outcome.tunnel
        let answer = tunnel.statusLine ?? "HTTP \(tunnel.connectCode)"
        if tunnel.connectCode == 407 {
            let asked = proxy.hasCredentials ? "refused the credentials given" : "requires credentials"
            return NetFailure(.proxyAuth, "proxy \(proxy) \(asked) for the tunnel to \(endpoint): \(answer)")
        }
        if tunnel.connectCode != 0 && !(200...299).contains(tunnel.connectCode) {
            return NetFailure(.proxyDenied, "proxy \(proxy) refused the tunnel to \(endpoint): \(answer)")
        }
        if outcome.code == CURLE_PROXY, let socks = socksFailure(tunnel.socksError, proxy: proxy, endpoint: endpoint) {
            return socks
        }
        let tunnelOpen = tunnel.connectCode != 0 || outcome.tls.captured || outcome.code == CURLE_OK
        if !tunnelOpen {
            switch outcome.code {
            case CURLE_COULDNT_RESOLVE_PROXY:
                return NetFailure(.proxyRefused, "cannot resolve the proxy \(proxy): \(detail(outcome))")
            case CURLE_COULDNT_CONNECT:
                let reason = Int32(outcome.osErrno) == ECONNREFUSED ? "connection refused"
                    : outcome.osErrno != 0 ? String(cString: strerror(Int32(outcome.osErrno))) : detail(outcome)
                return NetFailure(.proxyRefused, "cannot reach the proxy \(proxy): \(reason)")
            case CURLE_OPERATION_TIMEDOUT where !outcome.reachedConnect:
                return NetFailure(.proxyRefused, "no answer from the proxy \(proxy) within \(timeout.spoken)")
            case CURLE_OPERATION_TIMEDOUT:
                return NetFailure(.timeout, "proxy \(proxy) did not open the tunnel to \(endpoint) within \(timeout.spoken)")
            case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
                return NetFailure(.reset, "proxy \(proxy) closed the connection before opening the tunnel to \(endpoint)")
            default:
                break
            }
        }
        guard var failure = classify(outcome, depth: depth, usesTLS: usesTLS, endpoint: endpoint, timeout: timeout)
        else { return nil }
        failure.message += " (through proxy \(proxy))"
        return failure
    }

    /// A SOCKS5 reply or handshake failure (`CURLINFO_PROXY_ERROR`), or nil for one the direct
    /// classification words better.
    private static func socksFailure(_ code: Int, proxy: Proxy, endpoint: String) -> NetFailure? {
        let socks = CURLproxycode(rawValue: UInt32(code))
        switch socks {
        case CURLPX_NO_AUTH, CURLPX_USER_REJECTED, CURLPX_RECV_AUTH, CURLPX_SEND_AUTH:
            let asked = proxy.hasCredentials ? "refused the credentials given" : "requires credentials"
            return NetFailure(.proxyAuth, "proxy \(proxy) \(asked) for the tunnel to \(endpoint)")
        case CURLPX_REPLY_NOT_ALLOWED:
            return NetFailure(.proxyDenied, "proxy \(proxy) refused the tunnel to \(endpoint): SOCKS5 reply 'not allowed by ruleset'")
        case CURLPX_REPLY_CONNECTION_REFUSED:
            return NetFailure(.proxyDenied, "proxy \(proxy) refused the tunnel to \(endpoint): SOCKS5 reply 'connection refused'")
        case CURLPX_REPLY_HOST_UNREACHABLE, CURLPX_REPLY_NETWORK_UNREACHABLE, CURLPX_REPLY_TTL_EXPIRED,
             CURLPX_REPLY_GENERAL_SERVER_FAILURE, CURLPX_REPLY_COMMAND_NOT_SUPPORTED,
             CURLPX_REPLY_ADDRESS_TYPE_NOT_SUPPORTED, CURLPX_REPLY_UNASSIGNED:
            return NetFailure(.proxyDenied, "proxy \(proxy) refused the tunnel to \(endpoint): SOCKS5 failure (proxy code \(code))")
        case CURLPX_CLOSED, CURLPX_RECV_CONNECT, CURLPX_RECV_REQACK, CURLPX_RECV_ADDRESS, CURLPX_BAD_VERSION:
            return NetFailure(.reset, "proxy \(proxy) closed the connection before opening the tunnel to \(endpoint)")
        default:
            return nil
        }
    }

    private static func detail(_ outcome: ProbeTransfer.Outcome) -> String {
        outcome.errorText.isEmpty ? String(cString: ec_curl_easy_strerror(outcome.code)) : outcome.errorText
    }
}
