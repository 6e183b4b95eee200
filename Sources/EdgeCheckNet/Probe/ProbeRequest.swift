import Foundation

/// One connection to make: always fresh (no reuse, no TLS session resumption).
public struct ProbeRequest: Sendable {
    /// How far to go on the connection.
    public enum Depth: Sendable, Equatable {
        /// TCP connect only.
        case tcp
        /// TCP + TLS handshake (https URLs), no HTTP request.
        case tls
        /// A full HTTP request; the body is read up to `maxBodyBytes`.
        case http
    }

    /// How the server's certificate is trusted.
    public enum Trust: Sendable, Equatable {
        /// Chain to the system store plus `caFile`, and hostname: libcurl's own verification.
        case verify
        /// Only the SPKI pin (base64 SHA-256) counts; chain trust is replaced, the hostname is not checked.
        case pinned(String)
        /// Verification off (`insecure: true`); reports say so.
        case insecure
        /// Verification off for the handshake, so the chain is captured even when it is bad; the
        /// caller verifies `certificates` itself with `CertificateVerifier`.
        case inspect
    }

    /// A PROXY protocol header that starts the connection, before TLS (HAProxy's `accept-proxy`).
    public struct ProxyProtocol: Sendable, Equatable {
        public var version: ProxyProtocolHeader.Version
        /// The client announced; nil: the connection's own source address.
        public var source: IPAddress?

        public init(version: ProxyProtocolHeader.Version, source: IPAddress? = nil) {
            self.version = version
            self.source = source
        }
    }

    public var url: URL
    /// Connect to this IP instead of resolving the URL's host (SNI and Host stay the URL's host).
    public var connectAddress: String?
    /// Connect to this port instead of the URL's (with `connectAddress`).
    public var connectPort: Int?
    public var depth: Depth
    public var trust: Trust
    public var method: String
    public var headers: [(name: String, value: String)]
    public var timeout: Duration
    /// Source address.
    public var bind: String?
    /// Extra trust anchors.
    public var caFile: String?
    /// Capture the certificate chain as served.
    public var captureCertificates: Bool
    /// Body bytes kept; the rest is discarded and `bodyTruncated` set.
    public var maxBodyBytes: Int
    /// Send this PROXY header first (with `connectAddress`, so the connection has one address).
    /// Its send time counts in the `connect` phase.
    public var proxyProtocol: ProxyProtocol?
    /// The forward proxy to tunnel through to `connectAddress`; nil connects directly, and then
    /// the proxy variables of the environment are ignored too.
    public var proxy: Proxy?

    public init(url: URL, connectAddress: String? = nil, connectPort: Int? = nil, depth: Depth = .http,
                trust: Trust = .verify, method: String = "GET", headers: [(name: String, value: String)] = [],
                timeout: Duration = .seconds(5), bind: String? = nil, caFile: String? = nil,
                captureCertificates: Bool = false, maxBodyBytes: Int = 1 << 20,
                proxyProtocol: ProxyProtocol? = nil, proxy: Proxy? = nil) {
        self.proxy = proxy
        self.url = url
        self.connectAddress = connectAddress
        self.connectPort = connectPort
        self.depth = depth
        self.trust = trust
        self.method = method
        self.headers = headers
        self.timeout = timeout
        self.bind = bind
        self.caFile = caFile
        self.captureCertificates = captureCertificates
        self.maxBodyBytes = maxBodyBytes
        self.proxyProtocol = proxyProtocol
    }
}
