import EdgeCheckNet
import Foundation

/// A network written down in a test: which resolver answers what, and what each connection
/// gets. It stands in for `Resolver` and `Prober` through `Resolving` and `Probing`, as
/// swift-nio's embedded channel stands in for a socket, so a check's glue (address fall-back,
/// redirect following, resolvers that disagree) is tested without the lab. It records every
/// question and request, in order.
///
/// Unscripted names are NXDOMAIN; unscripted connections are refused.
public final class ScriptedNetwork: Resolving, Probing, @unchecked Sendable {
    /// What one connection gets, decided from the request and how many came before it to the
    /// same address (0 for the first).
    public typealias Responder = @Sendable (_ request: ProbeRequest, _ attempt: Int) -> ProbeResponse

    private let lock = NSLock()
    private var records: [String: [DNSLookup.Answer]] = [:]
    private var failures: [String: NetFailure] = [:]
    private var responders: [String: Responder] = [:]
    private var attempts: [String: Int] = [:]
    private var questionLog: [(name: String, type: DNSRecordType, server: String)] = []
    private var requestLog: [ProbeRequest] = []

    public init() {}

    // MARK: Scripting

    /// `server` answers `name` with these addresses (A for IPv4, AAAA for IPv6); `server`
    /// nil scripts every resolver.
    public func answer(_ name: String, with addresses: [String], from server: String? = nil, ttl: UInt32 = 60) {
        withLock {
            for type in [DNSRecordType.a, .aaaa] {
                records[key(name, type, server)] = addresses.filter { ($0.contains(":")) == (type == .aaaa) }
                    .map { DNSLookup.Answer(address: $0, type: type, ttl: ttl) }
            }
        }
    }

    /// `server` (nil: every resolver) fails `name` of `type` (nil: every type) with `failure`.
    public func fail(_ name: String, _ type: DNSRecordType? = nil, from server: String? = nil, with failure: NetFailure) {
        withLock {
            for each in type.map({ [$0] }) ?? [.a, .aaaa] { failures[key(name, each, server)] = failure }
        }
    }

    /// Connections to `address` (an IP, or `IP:PORT` for one port) get what `responder` says.
    public func serve(_ address: String, _ responder: @escaping Responder) {
        withLock { responders[address] = responder }
    }

    /// Connections to `address` get `response`, every time.
    public func serve(_ address: String, with response: ProbeResponse) {
        serve(address) { _, _ in response }
    }

    // MARK: What happened

    /// Every DNS question, in order: name, type and resolver.
    public var questions: [(name: String, type: DNSRecordType, server: String)] { withLock { questionLog } }

    /// Every connection requested, in order.
    public var requests: [ProbeRequest] { withLock { requestLog } }

    // MARK: Resolving and Probing

    public func lookup(_ name: String, type: DNSRecordType, server: DNSServer, timeout: Duration,
                       bind: String?) async -> DNSLookup {
        withLock {
            questionLog.append((name, type, server.description))
            let failure = failures[key(name, type, server.description)] ?? failures[key(name, type, nil)]
            if let failure {
                return DNSLookup(name: name, type: type, resolver: server, failure: failure, durationMs: 1)
            }
            guard let answers = records[key(name, type, server.description)] ?? records[key(name, type, nil)] else {
                return DNSLookup(name: name, type: type, resolver: server,
                                 failure: NetFailure(.nxdomain, "\(name) does not exist (\(server))"), durationMs: 1)
            }
            return DNSLookup(name: name, type: type, resolver: server, answers: answers, durationMs: 1)
        }
    }

    public func probe(_ request: ProbeRequest) async -> ProbeResponse {
        let address = request.connectAddress ?? request.url.host ?? ""
        let port = request.connectPort ?? request.url.port ?? (request.url.scheme == "http" ? 80 : 443)
        let endpoint = "\(IPAddress.bracketed(address)):\(port)"
        let (responder, attempt): (Responder?, Int) = withLock {
            requestLog.append(request)
            let attempt = attempts[endpoint, default: 0]
            attempts[endpoint] = attempt + 1
            return (responders[endpoint] ?? responders[address], attempt)
        }
        guard let responder else {
            return ProbeResponse(failure: NetFailure(.refused, "connection refused by \(endpoint)"))
        }
        var response = responder(request, attempt)
        if response.remoteAddress == nil, response.failure == nil {
            response.remoteAddress = address
            response.remotePort = port
        }
        return response
    }

    // MARK: Responses a test often needs

    /// An HTTP response with `status`, headers and a body, as a completed TLS connection gives it.
    public static func http(_ status: Int, headers: [(name: String, value: String)] = [], body: String = "",
                            timings: PhaseTimings = PhaseTimings(dns: 0, connect: 1, tls: 2, ttfb: 1, total: 4))
        -> ProbeResponse {
        ProbeResponse(status: status, headers: headers, body: Data(body.utf8), timings: timings,
                      tlsVersion: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", alpn: "http/1.1")
    }

    /// A failed connection of that class.
    public static func failure(_ failureClass: FailureClass, _ message: String) -> ProbeResponse {
        ProbeResponse(failure: NetFailure(failureClass, message))
    }

    private func key(_ name: String, _ type: DNSRecordType, _ server: String?) -> String {
        "\(name.lowercased())|\(type.rawValue)|\(server ?? "*")"
    }

    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
