import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// One hop of `tls-timing`: a TLS endpoint in the chain, measured on its own.
struct TimingHop: Sendable, Equatable {
    static let keys = ["name", "url", "server-name", "connect-to", "pin-sha256", "ca-file", "insecure"]
        + ProxyHeaderSetting.keys

    var name: String
    var url: URL
    /// SNI and Host, when they differ from the URL's host (which is then only where to connect).
    var serverName: String?
    /// Connect here instead of resolving: an IP, and optionally a port.
    var connectAddress: String?
    var connectPort: Int?
    /// base64 SHA-256 of the leaf's SubjectPublicKeyInfo; replaces chain trust.
    var pinSHA256: String?
    /// Trust anchors for this hop, instead of the check's `ca-file`.
    var caFile: String?
    /// TLS verification off; shown in every report.
    var insecure: Bool
    /// The PROXY header each connection starts with (an ingress behind the NLB wants one).
    var proxyProtocol: ProbeRequest.ProxyProtocol?

    init(name: String, url: URL, serverName: String? = nil, connectAddress: String? = nil, connectPort: Int? = nil,
         pinSHA256: String? = nil, caFile: String? = nil, insecure: Bool = false,
         proxyProtocol: ProbeRequest.ProxyProtocol? = nil) {
        self.name = name
        self.url = url
        self.serverName = serverName
        self.connectAddress = connectAddress
        self.connectPort = connectPort
        self.pinSHA256 = pinSHA256
        self.caFile = caFile
        self.insecure = insecure
        self.proxyProtocol = proxyProtocol
    }

    init(settings: CheckSettings) throws(SuiteError) {
        let url = try settings.required(settings.url("url"), "url")
        guard url.scheme?.lowercased() == "https" else {
            throw settings.error("url", "'\(url.absoluteString)' is not an https URL; tls-timing measures TLS handshakes")
        }
        self.url = url
        let name = try settings.string("name") ?? url.host ?? ""
        guard !name.isEmpty else { throw settings.error("name", "expected a hop name") }
        self.name = name
        if let serverName = try settings.string("server-name") {
            guard Self.isHostName(serverName) else {
                throw settings.error("server-name", "'\(serverName)' is not a host name")
            }
            self.serverName = serverName
        }
        if let connectTo = try settings.string("connect-to") {
            guard let (address, port) = Self.parseConnectTo(connectTo) else {
                throw settings.error("connect-to", "'\(connectTo)' is not IP, IP:PORT or [IPv6]:PORT")
            }
            connectAddress = address
            connectPort = port
        }
        if let pin = try settings.string("pin-sha256") {
            guard let normalized = Self.normalizedPin(pin) else {
                throw settings.error("pin-sha256", "'\(pin)' is not a base64 SHA-256 (44 characters, as in "
                                     + "curl --pinnedpubkey sha256//...)")
            }
            pinSHA256 = normalized
        }
        caFile = try settings.path("ca-file")
        insecure = try settings.bool("insecure") ?? false
        proxyProtocol = try ProxyHeaderSetting.parse(settings)
        if insecure && pinSHA256 != nil {
            throw settings.error("insecure", "insecure and pin-sha256 exclude each other: a pin already verifies "
                                 + "a self-signed hop, drop insecure")
        }
    }

    /// The one hop of a check without `hops`: the target itself, named after its host.
    static func fromTarget(_ target: URL) -> TimingHop {
        TimingHop(name: target.host ?? target.absoluteString, url: target)
    }

    /// The URL requested: the hop's URL, with `server-name` as its host when given.
    var requestURL: URL {
        guard let serverName, var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url }
        components.host = serverName
        return components.url ?? url
    }

    /// The host to resolve when there is no `connect-to`; nil when no lookup is needed.
    var hostToResolve: String? {
        guard connectAddress == nil, let host = url.host, IPAddress.canonical(host) == nil else { return nil }
        return host
    }

    /// How the hop's certificate is trusted.
    var trust: ProbeRequest.Trust {
        if let pinSHA256 { return .pinned(pinSHA256) }
        return insecure ? .insecure : .verify
    }

    /// `IP`, `IP:PORT`, `[IPv6]`, `[IPv6]:PORT`.
    static func parseConnectTo(_ text: String) -> (String, Int?)? {
        if let address = IPAddress.canonical(text) { return (address, nil) }
        var host = Substring(text)
        var portText: Substring?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            host = parts[0]
            portText = parts[1]
        }
        guard let address = IPAddress.canonical(String(host)) else { return nil }
        guard let portText else { return (address, nil) }
        guard let port = Int(portText), (1...65_535).contains(port) else { return nil }
        return (address, port)
    }

    /// The pin as libcurl wants it (base64 of 32 bytes), accepting a `sha256//` prefix.
    static func normalizedPin(_ text: String) -> String? {
        let pin = text.hasPrefix("sha256//") ? String(text.dropFirst("sha256//".count)) : text
        guard let bytes = Data(base64Encoded: pin), bytes.count == 32 else { return nil }
        return pin
    }

    private static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
    }
}
