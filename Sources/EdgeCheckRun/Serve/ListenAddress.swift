import EdgeCheckNet

/// Where `serve` listens: `IP:PORT` or `[IPv6]:PORT`, one address only (never all of them
/// unless the user writes `0.0.0.0` or `[::]`).
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var address: IPAddress
    public var port: UInt16

    /// `127.0.0.1:9716`, the default: this machine only.
    public static let `default` = ListenAddress(parsing: "127.0.0.1:9716")!

    /// Nil when `text` is not `IP:PORT` or `[IPv6]:PORT` with a port from 0 to 65535 (0: any free port).
    public init?(parsing text: String) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.contains(":") else { return nil }
        }
        guard let address = IPAddress(host), !portText.isEmpty, portText.allSatisfy(\.isASCII),
              let port = UInt16(portText) else { return nil }
        self.address = address
        self.port = port
    }

    public var description: String {
        address.isIPv6 ? "[\(address)]:\(port)" : "\(address):\(port)"
    }
}

extension ListenAddress {
    /// `address` and `port` as they are.
    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }
}
