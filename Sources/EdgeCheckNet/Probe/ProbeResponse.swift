import Foundation

/// What one connection saw. `failure` is set when it did not complete; whatever was learnt
/// before the failure (timings, certificates) is still filled in.
public struct ProbeResponse: Sendable {
    public var failure: NetFailure?
    /// HTTP status, for `.http` depth.
    public var status: Int?
    /// Response headers in order, names as sent.
    public var headers: [(name: String, value: String)]
    public var body: Data
    public var bodyTruncated: Bool
    /// The address and port actually connected to (`CURLINFO_PRIMARY_IP`/`PORT`).
    public var remoteAddress: String?
    public var remotePort: Int?
    public var timings: PhaseTimings
    /// E.g. `TLSv1.3`.
    public var tlsVersion: String?
    /// E.g. `TLS_AES_256_GCM_SHA384`.
    public var cipher: String?
    /// Negotiated ALPN protocol, e.g. `h2` or `http/1.1`.
    public var alpn: String?
    /// The chain as served, leaf first (when `captureCertificates`).
    public var certificates: [Certificate]
    /// The PROXY protocol header the connection started with (`request.proxyProtocol`), once sent.
    public var proxyHeader: ProxyProtocolHeader?
    /// The OCSP response the server stapled, DER (asked for when `captureCertificates`).
    public var stapledOCSP: Data?

    public init(failure: NetFailure? = nil, status: Int? = nil, headers: [(name: String, value: String)] = [],
                body: Data = Data(), bodyTruncated: Bool = false, remoteAddress: String? = nil, remotePort: Int? = nil,
                timings: PhaseTimings = PhaseTimings(), tlsVersion: String? = nil, cipher: String? = nil,
                alpn: String? = nil, certificates: [Certificate] = [], proxyHeader: ProxyProtocolHeader? = nil,
                stapledOCSP: Data? = nil) {
        self.failure = failure
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyTruncated = bodyTruncated
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.timings = timings
        self.tlsVersion = tlsVersion
        self.cipher = cipher
        self.alpn = alpn
        self.certificates = certificates
        self.proxyHeader = proxyHeader
        self.stapledOCSP = stapledOCSP
    }

    /// The first header of that name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
