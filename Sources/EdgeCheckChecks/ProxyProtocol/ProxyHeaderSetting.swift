import EdgeCheckModel
import EdgeCheckNet

/// The `proxy-protocol` and `proxy-source` keys that `tls-timing` hops and `xff-echo` share: the
/// PROXY header a connection starts with, for a hop (an ingress behind the NLB) that expects one.
enum ProxyHeaderSetting {
    static let keys = ["proxy-protocol", "proxy-source"]

    /// The header to send; nil for `none` (the default).
    static func parse(_ settings: CheckSettings) throws(SuiteError) -> ProbeRequest.ProxyProtocol? {
        let choice = try settings.oneOf("proxy-protocol", ["none"] + ProxyProtocolHeader.Version.allCases.map(\.rawValue))
        let source = try settings.ip("proxy-source")
        guard let choice, choice != "none", let version = ProxyProtocolHeader.Version(rawValue: choice) else {
            if let source {
                throw settings.error("proxy-source", "proxy-source \(source) is announced only in a PROXY header; "
                                     + "set proxy-protocol: v1 or v2")
            }
            return nil
        }
        return ProbeRequest.ProxyProtocol(version: version, source: source.flatMap { IPAddress($0) })
    }

    /// `PROXY v2 from 192.0.2.77`, or `... from the connection's own address`.
    static func spoken(_ proxyProtocol: ProbeRequest.ProxyProtocol) -> String {
        "PROXY \(proxyProtocol.version.rawValue) from " + (proxyProtocol.source.map(\.description) ?? "its own address")
    }
}
