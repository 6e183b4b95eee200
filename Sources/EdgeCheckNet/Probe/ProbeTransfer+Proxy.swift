import CCurl
import Foundation

extension ProbeTransfer {
    /// What a proxied connection learnt about its tunnel.
    struct TunnelOutcome: Sendable {
        /// The proxy's answer to CONNECT (`CURLINFO_HTTP_CONNECTCODE`); 0 before it answered.
        var connectCode = 0
        /// The proxy's status line, e.g. `HTTP/1.1 403 Forbidden`.
        var statusLine: String?
        /// libcurl's `CURLPX_*` code for a SOCKS5 failure.
        var socksError = 0
        /// When the tunnel was open (TLS began), in nanoseconds of `DispatchTime` uptime.
        var openedAt: UInt64 = 0
    }

    /// Points libcurl at the request's proxy, or makes it ignore the proxy variables when there is
    /// none: a connection is never detoured without the suite saying so. Through a proxy every
    /// connection is a tunnel to the pinned `IP:PORT` (CONNECT_TO already rewrote the target, so
    /// the proxy is asked for the address, never for a name it would resolve itself).
    func configureProxy() -> CURLcode {
        var failed: CURLcode = CURLE_OK
        func note(_ code: CURLcode) { if code != CURLE_OK && failed == CURLE_OK { failed = code } }
        guard let proxy = request.proxy else {
            // An empty proxy disables http_proxy, https_proxy and all_proxy for this handle.
            note(ec_easy_setopt_string(easy, CURLOPT_PROXY, ""))
            return failed
        }
        note(ec_easy_setopt_string(easy, CURLOPT_PROXY, proxy.curlURL))
        // The proxy named here is the one to use, whatever no_proxy says.
        note(ec_easy_setopt_string(easy, CURLOPT_NOPROXY, ""))
        if proxy.scheme == .http {
            // A tunnel for plain http too: the proxy then judges the address and port alone, as
            // it does for the partner's HTTPS traffic, instead of forwarding a request.
            note(ec_easy_setopt_long(easy, CURLOPT_HTTPPROXYTUNNEL, 1))
        }
        if let username = proxy.username { note(ec_easy_setopt_string(easy, CURLOPT_PROXYUSERNAME, username)) }
        if let password = proxy.password { note(ec_easy_setopt_string(easy, CURLOPT_PROXYPASSWORD, password)) }
        if request.depth != .http {
            // Connect-only transfers have no header function of their own; this one keeps the
            // proxy's status line for the message when the CONNECT is refused.
            let me = Unmanaged.passUnretained(self).toOpaque()
            note(ec_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                let transfer = Unmanaged<ProbeTransfer>.fromOpaque(context!).takeUnretainedValue()
                transfer.noteProxyHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            })
            note(ec_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me))
        }
        return failed
    }

    /// Keeps the first status line a proxied transfer receives: the proxy's answer to CONNECT.
    func noteProxyHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        guard request.proxy != nil, outcome.tunnel.statusLine == nil, bytes.starts(with: "HTTP/".utf8) else { return }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // Printable ASCII only: the line goes into messages and reports.
        outcome.tunnel.statusLine = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(200)
            .map(Character.init))
    }

    /// Notes that TLS starts, i.e. that the tunnel is open (called from OpenSSL's info callback).
    func noteTunnelOpen() {
        guard request.proxy != nil, outcome.tunnel.openedAt == 0 else { return }
        outcome.tunnel.openedAt = DispatchTime.now().uptimeNanoseconds
    }

    /// Reads the proxy's answer after the transfer ended.
    func collectTunnel() {
        guard request.proxy != nil else { return }
        var number = 0
        if ec_easy_getinfo_long(easy, CURLINFO_HTTP_CONNECTCODE, &number) == CURLE_OK { outcome.tunnel.connectCode = number }
        if ec_easy_getinfo_long(easy, CURLINFO_PROXY_ERROR, &number) == CURLE_OK { outcome.tunnel.socksError = number }
    }

    /// Splits libcurl's times for a proxied connection. `CONNECT_TIME` ends when TCP to the proxy
    /// is up and `APPCONNECT_TIME` when TLS over the tunnel is done, so the tunnel (the CONNECT
    /// exchange, or the SOCKS5 handshake) hides inside appconnect − connect. It ends where TLS
    /// begins (OpenSSL's handshake start, on the same clock as `startedAt`), where the request
    /// is sent for plain http (`PRETRANSFER_TIME`), or with the transfer for a TCP-only probe.
    func splitTunnel(lookup: Double, connect: Double, appConnect: Double, preTransfer: Double,
                     firstByte: Double, total: Double) -> PhaseTimings {
        let tunnelEnd: Double
        if outcome.tunnel.openedAt > 0, startedAt > 0, outcome.tunnel.openedAt > startedAt {
            let measured = Double(outcome.tunnel.openedAt - startedAt) / 1_000_000
            tunnelEnd = min(max(measured, connect), appConnect > 0 ? appConnect : total)
        } else if request.depth == .tcp || preTransfer == 0 {
            tunnelEnd = connect > 0 && outcome.code == CURLE_OK ? total : connect
        } else {
            tunnelEnd = max(preTransfer, connect)
        }
        return PhaseTimings(
            dns: lookup,
            connect: connect > 0 ? max(0, connect - lookup) : 0,
            tls: appConnect > 0 ? max(0, appConnect - tunnelEnd) : 0,
            ttfb: firstByte > 0 ? max(0, firstByte - max(appConnect, tunnelEnd)) : 0,
            total: total,
            tunnel: connect > 0 ? max(0, tunnelEnd - connect) : 0)
    }
}
