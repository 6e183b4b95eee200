import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The `xff-echo` kind's keys, read and validated when the suite loads.
struct XFFEchoConfiguration: Sendable, Equatable {
    /// The forged address sent with `spoof`: TEST-NET-1 (RFC 5737), never a real client.
    static let forgedAddress = "192.0.2.66"
    static let defaultClientIPURL = URL(string: "https://checkip.amazonaws.com")!

    /// Where the client address comes from.
    enum ClientIP: Sendable, Equatable {
        /// Given in the suite.
        case fixed(String)
        /// Asked of `client-ip-url`.
        case auto
    }

    /// The canary.
    var url: URL
    var clientIP: ClientIP
    var clientIPURL: URL
    var trustedHops: Int
    var header: String
    var format: EchoFormat
    /// Where a JSON echo keeps its headers (a JSON pointer); nil: searched for.
    var headersAt: String?
    var spoof: Bool
    /// Expected X-Forwarded-Proto when the canary echoes it; empty: not compared.
    var expectProto: String
    /// The PROXY header each request starts with; the client expected is then its source.
    var proxyProtocol: ProbeRequest.ProxyProtocol?
    /// Connect here instead of resolving the URL's host (straight to the ingress, say).
    var connectAddress: String?
    var connectPort: Int?
    /// `server-name`, `pin-sha256` and `insecure`.
    var hopTrust = HopTrust()
    /// SNI and Host, when they differ from the URL's host.
    var serverName: String? { hopTrust.serverName }
    var pinSHA256: String? { hopTrust.pinSHA256 }
    var insecure: Bool { hopTrust.insecure }

    init(url: URL, clientIP: ClientIP = .auto, clientIPURL: URL = Self.defaultClientIPURL, trustedHops: Int = 1,
         header: String = "X-Forwarded-For", format: EchoFormat = .auto, headersAt: String? = nil,
         spoof: Bool = true, expectProto: String = "https", proxyProtocol: ProbeRequest.ProxyProtocol? = nil,
         connectAddress: String? = nil, connectPort: Int? = nil) {
        self.url = url
        self.clientIP = clientIP
        self.clientIPURL = clientIPURL
        self.trustedHops = trustedHops
        self.header = header
        self.format = format
        self.headersAt = headersAt
        self.spoof = spoof
        self.expectProto = expectProto
        self.proxyProtocol = proxyProtocol
        self.connectAddress = connectAddress
        self.connectPort = connectPort
    }

    init(settings: CheckSettings) throws(SuiteError) {
        url = try settings.required(settings.url("url"), "url")
        switch try settings.string("client-ip") {
        case nil, "auto":
            clientIP = .auto
        case let text?:
            guard let address = IPAddress.canonical(text) else {
                throw settings.error("client-ip", "'\(text)' is neither an IP address nor auto")
            }
            clientIP = .fixed(address)
        }
        clientIPURL = try settings.url("client-ip-url") ?? Self.defaultClientIPURL
        trustedHops = try settings.int("trusted-hops", in: 1...64) ?? 1
        let header = try settings.string("header") ?? "X-Forwarded-For"
        guard !header.isEmpty, header.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw settings.error("header", "'\(header)' is not a header name")
        }
        self.header = header
        let format = try settings.oneOf("format", EchoFormat.allCases.map(\.rawValue)) ?? "auto"
        self.format = EchoFormat(rawValue: format) ?? .auto
        headersAt = try settings.string("headers-at")
        if let headersAt {
            guard JSONPointer(headersAt) != nil else {
                throw settings.error("headers-at", "'\(headersAt)' is not a JSON pointer (write e.g. /request/headers)")
            }
            if self.format == .text {
                throw settings.error("headers-at", "a JSON pointer needs a JSON echo, but format is text")
            }
        }
        spoof = try settings.bool("spoof") ?? true
        expectProto = try settings.string("expect-proto") ?? "https"
        proxyProtocol = try ProxyHeaderSetting.parse(settings)
        if let connectTo = try settings.string("connect-to") {
            guard let (address, port) = TimingHop.parseConnectTo(connectTo) else {
                throw settings.error("connect-to", "'\(connectTo)' is not IP, IP:PORT or [IPv6]:PORT")
            }
            connectAddress = address
            connectPort = port
        }
        if proxyProtocol != nil, settings.has("client-ip") {
            throw settings.error("client-ip", "with proxy-protocol the client expected is proxy-source (default: "
                                 + "this machine's address); drop client-ip")
        }
        hopTrust = try HopTrust(settings: settings)
    }

    /// The URL requested: `url`, with `server-name` as its host when given.
    var requestURL: URL { hopTrust.requestURL(for: url) }

    /// How the canary's certificate is trusted.
    var trust: ProbeRequest.Trust { hopTrust.trust }
}
