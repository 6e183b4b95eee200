import Foundation

/// Runs probes over libcurl: one fresh easy handle per connection, driven concurrently.
///
/// All probes of the process share one libcurl multi handle on a thread of its own (started on
/// the first probe). What a response carries:
/// - `timings` always, as far as the connection got; `remoteAddress`/`remotePort` once connected.
/// - `tlsVersion`, `cipher`, `alpn` once the handshake completed (`.tls` and `.http` depths).
/// - `certificates` (leaf first, as served) when `captureCertificates`, once the server sent its
///   chain: also when `.verify` then fails on it (untrusted, expired, wrong name), though
///   `tlsVersion`/`cipher` stay nil when the handshake did not complete. `.inspect` completes
///   the handshake whatever the chain; judge it with `CertificateVerifier`.
/// - `failure` classes: `refused`, `timeout` (also for unreachable networks and cancellation),
///   `reset`, `tls-alert`, `cert-untrusted`, `cert-expired`, `cert-hostname`, `cert-pin`,
///   `nxdomain` (unpinned URL host does not resolve), `local` (our side: bad bind address,
///   unreadable CA file). An HTTP status is never a failure here.
public final class Prober: Probing {
    /// The process-wide prober (one libcurl multi loop).
    public static let shared = Prober()

    /// The hashed directory of system trust anchors, used with `.verify` (nil: OpenSSL's default).
    let systemTrustDirectory: String?

    public init() {
        systemTrustDirectory = nil
    }

    /// A prober whose system store is `systemTrustDirectory` instead of OpenSSL's default (tests).
    public init(systemTrustDirectory: String?) {
        self.systemTrustDirectory = systemTrustDirectory
    }

    /// Sets libcurl and OpenSSL up in the background, for a caller that knows probes will follow:
    /// the first probe then finds them ready instead of paying their set-up itself.
    public static func prepare() {
        CurlEngine.prepare()
    }

    /// Makes one connection. Never throws; honours `request.timeout` and task cancellation.
    public func probe(_ request: ProbeRequest) async -> ProbeResponse {
        // libcurl's global initialisation (on the engine thread) must precede any easy handle.
        let engine = CurlEngine.shared
        engine.waitUntilReady()
        if let unavailable = engine.unavailable { return ProbeResponse(failure: NetFailure(.local, unavailable)) }
        if request.proxyProtocol != nil, let proxy = request.proxy {
            // The header would reach the egress proxy, which is not the ingress that must read it.
            return ProbeResponse(failure: NetFailure(.local, "a PROXY protocol header cannot go through the egress "
                                                     + "proxy \(proxy): set proxy: none for this check"))
        }
        if let proxyProtocol = request.proxyProtocol, request.connectAddress == nil {
            return ProbeResponse(failure: NetFailure(.local, "a PROXY \(proxyProtocol.version.rawValue) header needs "
                                                     + "the address to connect to (connect-to)"))
        }
        let transfer: ProbeTransfer
        do {
            transfer = try ProbeTransfer(request: request,
                                         systemTrustDirectory: systemTrustDirectory ?? TrustStore.systemDirectory)
        } catch {
            return ProbeResponse(failure: error)
        }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ProbeTransfer.Outcome, Never>) in
                transfer.continuation = continuation
                engine.submit(transfer)
            }
        } onCancel: {
            engine.cancel(transfer)
        }
        return ProbeResponse(outcome, of: request, endpoint: transfer.endpoint)
    }
}
