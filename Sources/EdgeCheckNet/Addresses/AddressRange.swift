/// An allow-list entry: one IP address (v4 or v6) or a CIDR block.
///
/// A block written with host bits set (`198.51.100.5/28`) means the block that contains it
/// (`198.51.100.0/28`). A `/32` (IPv4) or `/128` (IPv6) is the single address itself.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The network address: the block's first address.
    public let network: IPAddress
    /// Leading bits that must match; 32 or 128 for a single address.
    public let prefixLength: Int

    /// Parses `IP` or `IP/PREFIX`; nil when it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        let width = address.bytes.count * 8
        var prefix = width
        if parts.count == 2 {
            let digits = parts[1]
            // Digits only: Int("+8") would accept a sign, and a leading zero is a typo magnet.
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  digits == "0" || !digits.hasPrefix("0"), let value = Int(digits), value <= width
            else { return nil }
            prefix = value
        }
        self.prefixLength = prefix
        self.network = IPAddress(bytes: Self.masked(address.bytes, prefixLength: prefix))!
    }

    /// The entry normalised, e.g. `198.51.100.0/28`, `2001:db8::1`.
    public var description: String {
        prefixLength == network.bytes.count * 8 ? network.description : "\(network)/\(prefixLength)"
    }

    /// Whether `address` lies in this range. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`)
    /// counts as the IPv4 address it carries.
    public func contains(_ address: IPAddress) -> Bool {
        var candidate = address
        if !network.isIPv6, let embedded = address.unmappedIPv4 { candidate = embedded }
        guard candidate.bytes.count == network.bytes.count else { return false }
        return Self.masked(candidate.bytes, prefixLength: prefixLength) == network.bytes
    }

    /// Whether `address` (an IP in text form) lies in this range; false when it is no address.
    public func contains(_ address: String) -> Bool {
        guard let parsed = IPAddress(address) else { return false }
        return contains(parsed)
    }

    /// For a single address: that address; for a CIDR: nil (a block cannot be probed as a whole).
    public var singleAddress: String? {
        prefixLength == network.bytes.count * 8 ? network.description : nil
    }

    /// Whether this is an IPv6 address or block.
    public var isIPv6: Bool { network.isIPv6 }

    private static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        var result = bytes
        for index in result.indices {
            let bitsKept = min(max(prefixLength - index * 8, 0), 8)
            let mask: UInt8 = bitsKept == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsKept))
            result[index] &= mask
        }
        return result
    }
}
