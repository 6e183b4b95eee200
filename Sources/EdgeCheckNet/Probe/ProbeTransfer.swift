import CCurl
import COpenSSL
import Foundation

/// One probe's libcurl easy handle and everything its callbacks collect. Created on the caller's
/// task, then touched only by the `CurlEngine` thread until it completes.
final class ProbeTransfer: @unchecked Sendable {
    /// What the engine thread hands back: raw facts, parsed later off the engine thread.
    struct Outcome: Sendable {
        var code: CURLcode = CURLE_OK
        var cancelled = false
        var errorText = ""
        var osErrno = 0
        var verifyResult = 0
        var status = 0
        var primaryIP: String?
        var primaryPort: Int?
        var timings = PhaseTimings()
        var reachedConnect = false
        var reachedTLS = false
        var headers: [(name: String, value: String)] = []
        var body = Data()
        var bodyTruncated = false
        var tls = ProbeTLSInfo()
        /// The PROXY header sent, or why it could not be; and how long its send took.
        var proxyHeader: ProxyHeaderSender.Result?
        var proxyHeaderMs = 0.0
        var tunnel = TunnelOutcome()
        /// The first certificate OpenSSL's verification refused, to name it in the message.
        var rejected: RejectedCertificate?
    }

    let request: ProbeRequest
    let easy: UnsafeMutableRawPointer
    /// `host:port` as messages name the endpoint.
    let endpoint: String
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    private var connectTo: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    // Filled by callbacks on the engine thread.
    var outcome = Outcome()
    var continuation: CheckedContinuation<Outcome, Never>?
    /// Engine-thread state: added to the multi handle, and finished (continuation resumed).
    var isActive = false
    var isFinished = false
    /// Set by `CurlEngine.cancel` under the engine's lock.
    var cancelRequested = false
    /// When the engine handed the transfer to libcurl (`DispatchTime` uptime nanoseconds), the
    /// zero of libcurl's own times, for the tunnel phase.
    var startedAt: UInt64 = 0
    /// The TLS handshake began, so TCP was connected.
    fileprivate(set) var handshakeStarted = false
    private var cleanedUp = false
    /// The chain seen during verification, for a handshake that verification ends.
    private var servedChain: [Data] = []
    /// The connection's socket, for the PROXY header (a request with one has one address, so one socket).
    private var socket: Int32 = -1
    /// The anchors a verified connection is checked against (one reference, freed with the transfer).
    private var trustStore: OpaquePointer?

    /// Configures a fresh easy handle for `request`; nil with a failure when libcurl refuses.
    init(request: ProbeRequest, systemTrustDirectory: String?) throws(NetFailure) {
        self.request = request
        guard let easy = ec_curl_easy_init() else { throw NetFailure(.local, "libcurl could not create a handle") }
        self.easy = easy
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let target = ProbeTarget(request)
        endpoint = target.endpoint
        var failed: CURLcode = CURLE_OK
        func set(_ option: CURLoption, _ value: Int) {
            let code = ec_easy_setopt_long(easy, option, value)
            if code != CURLE_OK && failed == CURLE_OK { failed = code }
        }
        func set(_ option: CURLoption, _ value: String?) {
            let code = ec_easy_setopt_string(easy, option, value)
            if code != CURLE_OK && failed == CURLE_OK { failed = code }
        }

        set(CURLOPT_URL, target.url)
        set(CURLOPT_NOSIGNAL, 1)
        // Always a new connection and a full handshake: nothing cached between probes.
        set(CURLOPT_FRESH_CONNECT, 1)
        set(CURLOPT_FORBID_REUSE, 1)
        set(CURLOPT_SSL_SESSIONID_CACHE, 0)
        set(CURLOPT_DNS_CACHE_TIMEOUT, 0)
        set(CURLOPT_FOLLOWLOCATION, 0)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_USERAGENT, "edgecheck/\(EdgeCheckVersion.current)")
        let timeoutMs = max(1, Int(request.timeout.milliseconds.rounded(.up)))
        set(CURLOPT_TIMEOUT_MS, timeoutMs)
        set(CURLOPT_CONNECTTIMEOUT_MS, timeoutMs)
        _ = ec_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)

        if let pin = target.connectTo {
            connectTo = ec_curl_slist_append(nil, pin)
            _ = ec_easy_setopt_slist(easy, CURLOPT_CONNECT_TO, connectTo)
        }
        let proxyCode = configureProxy()
        if proxyCode != CURLE_OK && failed == CURLE_OK { failed = proxyCode }
        if let bind = request.bind {
            // `host!` makes libcurl treat the value as an address or name, never an interface.
            set(CURLOPT_INTERFACE, "host!\(bind)")
        }

        switch request.trust {
        case .verify:
            set(CURLOPT_SSL_VERIFYPEER, 1)
            set(CURLOPT_SSL_VERIFYHOST, 2)
            // The anchors come from a store shared by every connection with the same trust (the
            // system's hashed directory plus caFile), set on each connection's context below;
            // libcurl itself loads none, else it would decode the CA file on every connection.
            set(CURLOPT_CAINFO, nil)
            set(CURLOPT_CAPATH, nil)
            // libcurl loads its anchors into the context's store only once the handshake has
            // begun, and would then keep that store (ours) for every later connection of the
            // multi handle, whatever their trust. No cache: each connection keeps the store it
            // was given. (A libcurl older than 7.87 has no such cache and no such option.)
            _ = ec_easy_setopt_long(easy, CURLOPT_CA_CACHE_TIMEOUT, 0)
            do {
                trustStore = try SharedTrustStores.shared.store(
                    caFile: request.caFile, directory: systemTrustDirectory ?? TrustStore.systemDirectory)
            } catch {
                throw NetFailure(.local, "cannot load the trust anchors for \(endpoint): \(error.message)")
            }
        case .pinned(let pin):
            set(CURLOPT_SSL_VERIFYPEER, 0)
            set(CURLOPT_SSL_VERIFYHOST, 0)
            set(CURLOPT_PINNEDPUBLICKEY, "sha256//\(pin)")
        case .insecure, .inspect:
            set(CURLOPT_SSL_VERIFYPEER, 0)
            set(CURLOPT_SSL_VERIFYHOST, 0)
        }

        let me = Unmanaged.passUnretained(self).toOpaque()
        switch request.depth {
        case .tcp, .tls:
            set(CURLOPT_CONNECT_ONLY, 1)
        case .http:
            switch request.method.uppercased() {
            case "GET": break
            case "HEAD": set(CURLOPT_NOBODY, 1)
            default: set(CURLOPT_CUSTOMREQUEST, request.method)
            }
            for header in request.headers {
                // `Name;` is libcurl's way to send a header with an empty value.
                let line = header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)"
                requestHeaders = ec_curl_slist_append(requestHeaders, line)
            }
            if requestHeaders != nil { _ = ec_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, requestHeaders) }
            _ = ec_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                let transfer = Unmanaged<ProbeTransfer>.fromOpaque(context!).takeUnretainedValue()
                transfer.takeHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            }
            _ = ec_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
            _ = ec_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                let transfer = Unmanaged<ProbeTransfer>.fromOpaque(context!).takeUnretainedValue()
                return transfer.takeBody(UnsafeRawBufferPointer(start: data, count: size * count))
            }
            _ = ec_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        }
        // libcurl makes a new SSL_CTX per connection; tag it with this transfer and watch the
        // handshake: its start proves TCP is up, its end is the one moment the session (version,
        // cipher, ALPN, chain as served) can be read for every depth, even before libcurl's own
        // hostname check fails it.
        _ = ec_easy_setopt_ssl_ctx_callback(easy) { _, sslContext, context in
            guard let sslContext, let context else { return CURLE_OK }
            let tlsContext = OpaquePointer(sslContext)
            _ = ec_SSL_CTX_set_app_data(tlsContext, context)
            // TCP is up and nothing of TLS has been sent: the PROXY header's moment.
            let owner = Unmanaged<ProbeTransfer>.fromOpaque(context).takeUnretainedValue()
            guard owner.sendProxyHeader() else { return CURLE_SEND_ERROR }
            if let store = owner.trustStore { SSL_CTX_set1_cert_store(tlsContext, store) }
            // Ask for a stapled OCSP response wherever the chain is captured (status_request).
            if owner.request.captureCertificates { _ = ec_SSL_CTX_request_ocsp_status(tlsContext) }
            SSL_CTX_set_info_callback(tlsContext) { ssl, event, _ in
                guard let ssl, let owner = SSL_get_SSL_CTX(ssl), let data = ec_SSL_CTX_get_app_data(owner) else { return }
                let transfer = Unmanaged<ProbeTransfer>.fromOpaque(data).takeUnretainedValue()
                if event & SSL_CB_HANDSHAKE_START != 0 {
                    transfer.handshakeStarted = true
                    transfer.noteTunnelOpen()
                }
                if event & SSL_CB_HANDSHAKE_DONE != 0 { transfer.captureTLS(from: ssl) }
            }
            // Keep libcurl's verify mode, but look at the chain while OpenSSL verifies it: a
            // chain that fails verification ends the handshake before "done".
            SSL_CTX_set_verify(tlsContext, SSL_CTX_get_verify_mode(tlsContext)) { preverified, store in
                guard let store,
                      let ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()),
                      let owner = SSL_get_SSL_CTX(OpaquePointer(ssl)), let data = ec_SSL_CTX_get_app_data(owner)
                else { return preverified }
                let transfer = Unmanaged<ProbeTransfer>.fromOpaque(data).takeUnretainedValue()
                transfer.captureServedChain(from: store)
                if preverified == 0 { transfer.noteRejection(from: store) }
                return preverified
            }
            return CURLE_OK
        }
        _ = ec_easy_setopt_pointer(easy, CURLOPT_SSL_CTX_DATA, me)
        if request.proxyProtocol != nil { sendsProxyHeader(easy, me) }

        if failed != CURLE_OK {
            let reason = String(cString: ec_curl_easy_strerror(failed))
            throw NetFailure(.local, "cannot set up the connection to \(endpoint): \(reason)")
        }
    }

    /// Has libcurl keep the connection's socket, and send the header on plain HTTP before the
    /// request (on HTTPS the SSL_CTX callback sends it, before the ClientHello).
    private func sendsProxyHeader(_ easy: UnsafeMutableRawPointer, _ me: UnsafeMutableRawPointer) {
        _ = ec_easy_setopt_sockopt_callback(easy) { context, socket, purpose in
            if purpose == CURLSOCKTYPE_IPCXN, let context {
                Unmanaged<ProbeTransfer>.fromOpaque(context).takeUnretainedValue().socket = socket
            }
            return CURL_SOCKOPT_OK
        }
        _ = ec_easy_setopt_pointer(easy, CURLOPT_SOCKOPTDATA, me)
        _ = ec_easy_setopt_prereq_callback(easy) { context, _, _, _, _ in
            guard let context else { return CURL_PREREQFUNC_OK }
            let transfer = Unmanaged<ProbeTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.sendProxyHeader() ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT
        }
        _ = ec_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, me)
    }

    /// Sends the request's PROXY header once, on the engine thread; false when it failed and the
    /// transfer must stop. Its duration is kept, to move it from the phase it fell in to `connect`.
    fileprivate func sendProxyHeader() -> Bool {
        guard let proxyProtocol = request.proxyProtocol else { return true }
        if let sent = outcome.proxyHeader { return (try? sent.get()) != nil }
        let clock = ContinuousClock()
        let started = clock.now
        let result = ProxyHeaderSender.write(proxyProtocol, on: socket, endpoint: endpoint)
        outcome.proxyHeaderMs = (clock.now - started).milliseconds
        outcome.proxyHeader = result
        return (try? result.get()) != nil
    }

    /// Frees the easy handle (and a connect-only connection). Called on the engine thread, since
    /// the multi handle's connection cache may still refer to the connection.
    func cleanUp() {
        guard !cleanedUp else { return }
        cleanedUp = true
        ec_curl_easy_cleanup(easy)
    }

    deinit {
        cleanUp()
        ec_curl_slist_free_all(requestHeaders)
        ec_curl_slist_free_all(connectTo)
        if let trustStore { X509_STORE_free(trustStore) }
        errorBuffer.deallocate()
    }

    private func takeHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        // Bytes, not Foundation's trimming: header lines are ASCII-framed, and CharacterSet's first
        // use costs more than the whole exchange on a small response.
        let line = Self.trimmed(bytes[...])
        if line.starts(with: "HTTP/".utf8) {
            noteProxyHeaderLine(UnsafeRawBufferPointer(rebasing: line))
            // A new response (after 100 Continue, say): only the last one's headers count.
            outcome.headers = []
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
        outcome.headers.append((name: name, value: value))
    }

    /// `bytes` without the spaces, tabs, CRs and LFs at either end.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
              let last = bytes.lastIndex(where: { !isBlank($0) }) else { return bytes[bytes.startIndex..<bytes.startIndex] }
        return bytes[first...last]
    }

    private func takeBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        let room = request.maxBodyBytes - outcome.body.count
        if bytes.count <= room {
            outcome.body.append(contentsOf: bytes)
            return bytes.count
        }
        outcome.body.append(contentsOf: bytes.prefix(max(0, room)))
        outcome.bodyTruncated = true
        // Stop reading: the rest would be thrown away anyway.
        return 0
    }

    /// Reads version, cipher, ALPN and the served chain from the session, once (OpenSSL reports
    /// "handshake done" again for TLS 1.3 session tickets).
    private func captureTLS(from ssl: OpaquePointer) {
        guard !outcome.tls.captured else { return }
        outcome.tls = ProbeTLSInfo(ssl: ssl, withChain: request.captureCertificates)
    }

    /// Keeps the chain under verification (as the server sent it, leaf first), once.
    private func captureServedChain(from store: OpaquePointer) {
        guard request.captureCertificates, servedChain.isEmpty,
              let stack = X509_STORE_CTX_get0_untrusted(store) else { return }
        servedChain = ProbeTLSInfo.der(of: stack)
    }

    /// Keeps the certificate verification refused first, and why.
    private func noteRejection(from store: OpaquePointer) {
        guard outcome.rejected == nil, let x509 = X509_STORE_CTX_get_current_cert(store) else { return }
        outcome.rejected = RejectedCertificate(der: Certificate.der(of: x509), code: X509_STORE_CTX_get_error(store),
                                               depth: Int(X509_STORE_CTX_get_error_depth(store)))
    }

    /// Reads everything libcurl knows after the transfer ended with `code`.
    func collect(_ code: CURLcode) {
        // A TCP-only probe connects and stops; its header goes now, on the live connection.
        if request.depth == .tcp, code == CURLE_OK { _ = sendProxyHeader() }
        outcome.code = code
        outcome.errorText = String(cString: errorBuffer)
        var number = 0
        if ec_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &number) == CURLE_OK { outcome.status = number }
        if ec_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &number) == CURLE_OK { outcome.osErrno = number }
        if ec_easy_getinfo_long(easy, CURLINFO_SSL_VERIFYRESULT, &number) == CURLE_OK { outcome.verifyResult = number }
        if ec_easy_getinfo_long(easy, CURLINFO_PRIMARY_PORT, &number) == CURLE_OK, number > 0 { outcome.primaryPort = number }
        var text: UnsafeMutablePointer<CChar>?
        if ec_easy_getinfo_string(easy, CURLINFO_PRIMARY_IP, &text) == CURLE_OK, let text, text.pointee != 0 {
            outcome.primaryIP = String(cString: text)
        }
        func micros(_ info: CURLINFO) -> Double {
            var value: curl_off_t = 0
            return ec_easy_getinfo_off_t(easy, info, &value) == CURLE_OK ? Double(value) / 1000 : 0
        }
        let lookup = micros(CURLINFO_NAMELOOKUP_TIME_T)
        let connect = micros(CURLINFO_CONNECT_TIME_T)
        let appConnect = micros(CURLINFO_APPCONNECT_TIME_T)
        let firstByte = micros(CURLINFO_STARTTRANSFER_TIME_T)
        collectTunnel()
        outcome.reachedConnect = connect > 0 || handshakeStarted
        outcome.reachedTLS = appConnect > 0 || outcome.tls.captured
        if outcome.tls.chain.isEmpty { outcome.tls.chain = servedChain }
        if request.proxy != nil {
            outcome.timings = splitTunnel(lookup: lookup, connect: connect, appConnect: appConnect,
                                          preTransfer: micros(CURLINFO_PRETRANSFER_TIME_T), firstByte: firstByte,
                                          total: micros(CURLINFO_TOTAL_TIME_T))
            return
        }
        outcome.timings = PhaseTimings(
            dns: lookup,
            connect: connect > 0 ? max(0, connect - lookup) : 0,
            tls: appConnect > 0 ? max(0, appConnect - connect) : 0,
            ttfb: firstByte > 0 ? max(0, firstByte - max(appConnect, connect)) : 0,
            total: micros(CURLINFO_TOTAL_TIME_T))
        // The header is sent once TCP is up, inside libcurl's next phase (tls, or ttfb on plain
        // HTTP); it belongs to the connection's set-up, so `connect` carries it.
        if outcome.proxyHeaderMs > 0, outcome.timings.connect > 0, request.depth != .tcp {
            let moved = outcome.timings.tls > 0 ? min(outcome.proxyHeaderMs, outcome.timings.tls)
                : min(outcome.proxyHeaderMs, outcome.timings.ttfb)
            outcome.timings.connect += moved
            if outcome.timings.tls > 0 { outcome.timings.tls -= moved } else { outcome.timings.ttfb -= moved }
        }
    }
}
