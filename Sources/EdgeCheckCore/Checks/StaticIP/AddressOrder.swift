/// Numeric ordering of IP addresses in text form, so reports list `127.0.10.2` before
/// `127.0.10.10` and every IPv4 address before any IPv6 address.
enum AddressOrder {
    /// The address as bytes, prefixed by its family (4 or 6), or nil when it is not an IP literal.
    static func key(_ address: String) -> [UInt8]? {
        AddressRange.addressBytes(address).map { [$0.count == 4 ? 4 : 6] + $0 }
    }

    /// Whether `address` is an IPv4 or IPv6 literal.
    static func isIPAddress(_ address: String) -> Bool { key(address) != nil }

    /// Whether `lhs` sorts before `rhs`: numerically for addresses, and text after every address.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch (key(lhs), key(rhs)) {
        case let (left?, right?): return left.lexicographicallyPrecedes(right)
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs < rhs
        }
    }

    /// The distinct addresses, in numeric order.
    static func sorted<S: Sequence>(_ addresses: S) -> [String] where S.Element == String {
        Set(addresses).sorted(by: precedes)
    }
}
