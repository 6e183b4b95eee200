#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numeric ordering of IP addresses in text form, so reports list `127.0.10.2` before
/// `127.0.10.10` and every IPv4 address before any IPv6 address.
enum AddressOrder {
    /// The address as bytes, prefixed by its family (4 or 6), or nil when it is not an IP literal.
    static func key(_ address: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return [4] + withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            return [6] + withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
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
