/// The header of HAProxy's PROXY protocol that starts a connection, announcing the client it
/// carries: version 1 (one text line) or version 2 (binary), command PROXY, TCP over IPv4 or IPv6.
///
/// Pure: it is built from addresses and ports and only spells bytes. Both addresses must be of one
/// family, as the protocol's address blocks are (`TCP4`/`TCP6`, `AF_INET`/`AF_INET6`).
public struct ProxyProtocolHeader: Sendable, Equatable {
    /// The protocol version a connection starts with.
    public enum Version: String, Sendable, Equatable, CaseIterable {
        case v1, v2
    }

    /// The 12 bytes that open every version 2 header.
    public static let signature: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A]

    public var version: Version
    /// The client announced.
    public var source: IPAddress
    public var sourcePort: UInt16
    /// The address and port the client connected to.
    public var destination: IPAddress
    public var destinationPort: UInt16

    /// Nil when `source` and `destination` are of different families: no address block holds both.
    public init?(version: Version, source: IPAddress, sourcePort: UInt16, destination: IPAddress,
                 destinationPort: UInt16) {
        guard source.isIPv6 == destination.isIPv6 else { return nil }
        self.version = version
        self.source = source
        self.sourcePort = sourcePort
        self.destination = destination
        self.destinationPort = destinationPort
    }

    /// The header as sent on the wire.
    public var bytes: [UInt8] {
        switch version {
        case .v1:
            // "PROXY TCP4 SRC DST SRCPORT DSTPORT\r\n", at most 107 bytes.
            let family = source.isIPv6 ? "TCP6" : "TCP4"
            return Array("PROXY \(family) \(source) \(destination) \(sourcePort) \(destinationPort)\r\n".utf8)
        case .v2:
            // Version 2 with command PROXY; transport STREAM over INET (0x11) or INET6 (0x21); the
            // length of the address block (12 or 36) in network order; then addresses and ports.
            let addressLength = 2 * source.bytes.count + 4
            var header = Self.signature
            header.append(0x21)
            header.append(source.isIPv6 ? 0x21 : 0x11)
            header.append(UInt8(addressLength >> 8))
            header.append(UInt8(addressLength & 0xFF))
            header += source.bytes
            header += destination.bytes
            header += [UInt8(sourcePort >> 8), UInt8(sourcePort & 0xFF)]
            header += [UInt8(destinationPort >> 8), UInt8(destinationPort & 0xFF)]
            return header
        }
    }

    /// How a finding names what was sent, e.g. `PROXY v2 from 192.0.2.77`.
    public var spoken: String { "PROXY \(version.rawValue) from \(source)" }
}
