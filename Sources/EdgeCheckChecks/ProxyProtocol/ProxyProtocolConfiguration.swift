import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The `proxy-protocol` kind's keys, read and validated when the suite loads.
struct ProxyProtocolConfiguration: Sendable, Equatable {
    /// The default announced source: TEST-NET-1 (RFC 5737), never a real client.
    static let defaultSource = "192.0.2.77"

    /// A canary served through the ingress.
    var url: URL
    /// The ingress.
    var connectAddress: String
    var connectPort: Int?
    var version: ProxyProtocolHeader.Version
    /// The client address announced.
    var source: String
    var header: String
    var trustedHops: Int
    var requireHeader: Bool
    /// A local address the ingress must not take PROXY headers from.
    var untrustedBind: String?
    /// `server-name`, `pin-sha256` and `insecure`.
    var hopTrust = HopTrust()
    /// SNI and Host, when they differ from the URL's host.
    var serverName: String? { hopTrust.serverName }
    var pinSHA256: String? { hopTrust.pinSHA256 }
    var insecure: Bool { hopTrust.insecure }

    init(url: URL, connectAddress: String, connectPort: Int? = nil, version: ProxyProtocolHeader.Version = .v2,
         source: String = Self.defaultSource, header: String = "X-Forwarded-For", trustedHops: Int = 2,
         requireHeader: Bool = true, untrustedBind: String? = nil, serverName: String? = nil,
         pinSHA256: String? = nil, insecure: Bool = false) {
        self.url = url
        self.connectAddress = connectAddress
        self.connectPort = connectPort
        self.version = version
        self.source = source
        self.header = header
        self.trustedHops = trustedHops
        self.requireHeader = requireHeader
        self.untrustedBind = untrustedBind
        hopTrust = HopTrust(serverName: serverName, pinSHA256: pinSHA256, insecure: insecure)
    }

    init(settings: CheckSettings) throws(SuiteError) {
        url = try settings.required(settings.url("url"), "url")
        let connectTo = try settings.required(settings.string("connect-to"), "connect-to")
        guard let (address, port) = TimingHop.parseConnectTo(connectTo) else {
            throw settings.error("connect-to", "'\(connectTo)' is not IP, IP:PORT or [IPv6]:PORT")
        }
        connectAddress = address
        connectPort = port
        let version = try settings.oneOf("version", ProxyProtocolHeader.Version.allCases.map(\.rawValue)) ?? "v2"
        self.version = ProxyProtocolHeader.Version(rawValue: version) ?? .v2
        source = try settings.ip("source") ?? Self.defaultSource
        if (IPAddress(source)?.isIPv6 ?? false) != (IPAddress(connectAddress)?.isIPv6 ?? false) {
            throw settings.error("source", "'\(source)' and connect-to \(connectAddress) are of different families; "
                                 + "a PROXY header carries addresses of one family")
        }
        let header = try settings.string("header") ?? "X-Forwarded-For"
        guard !header.isEmpty, header.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw settings.error("header", "'\(header)' is not a header name")
        }
        self.header = header
        trustedHops = try settings.int("trusted-hops", in: 1...64) ?? 2
        requireHeader = try settings.bool("require-header") ?? true
        untrustedBind = try settings.ip("untrusted-bind")
        hopTrust = try HopTrust(settings: settings)
    }

    /// The URL requested: `url`, with `server-name` as its host when given.
    var requestURL: URL { hopTrust.requestURL(for: url) }

    /// How the canary's certificate is trusted.
    var trust: ProbeRequest.Trust { hopTrust.trust }

    /// `127.0.20.1:8443`, as findings name the ingress.
    var endpoint: String {
        "\(IPAddress.bracketed(connectAddress)):\(connectPort ?? url.port ?? (url.scheme == "http" ? 80 : 443))"
    }
}
