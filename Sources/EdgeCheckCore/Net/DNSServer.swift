/// A resolver to ask: the machine's own (`system`, from /etc/resolv.conf) or an address and port.
public enum DNSServer: Sendable, Hashable, CustomStringConvertible {
    case system
    /// `host` is an IPv4 or IPv6 address (no brackets); `port` defaults to 53.
    case address(host: String, port: UInt16)

    /// Parses `system`, `IP`, `IP:PORT` or `[IPv6]:PORT`; nil when it is none of these.
    public init?(parsing text: String) {
        fatalError("DNSServer.init(parsing:): implemented by the network work")
    }

    /// `system`, `127.0.0.1:5353`, `[::1]:53`.
    public var description: String {
        switch self {
        case .system: return "system"
        case .address(let host, let port):
            return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
