/// A resolver to ask: the machine's own (`system`, from /etc/resolv.conf) or an address and port.
public enum DNSServer: Sendable, Hashable, CustomStringConvertible {
    case system
    /// `host` is an IPv4 or IPv6 address (no brackets); `port` defaults to 53.
    case address(host: String, port: UInt16)

    /// Parses `system`, `IP`, `IP:PORT` or `[IPv6]:PORT`; nil when it is none of these.
    ///
    /// A bare IPv6 address (`::1`) and a bracketed one without a port (`[::1]`) mean port 53.
    /// The port is 1 to 65535 in decimal. Addresses come back in canonical form (`2001:db8::1`).
    public init?(parsing text: String) {
        if text == "system" {
            self = .system
            return
        }
        var host = Substring(text)
        var portText: Substring?
        if text.hasPrefix("[") {
            // [IPv6] or [IPv6]:PORT; brackets exist only to separate an IPv6 address from a port.
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
            guard host.contains(":") else { return nil }
        } else if let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].contains(":") == false {
            // Exactly one colon: IPv4:PORT. Two or more: a bare IPv6 address.
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let address = IPAddress(String(host))?.description else { return nil }
        var port: UInt16 = 53
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ ("0"..."9").contains($0) }),
                  let value = UInt16(portText), value > 0
            else { return nil }
            port = value
        }
        self = .address(host: address, port: port)
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
