#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An allow-list entry: one IP address (v4 or v6) or a CIDR block.
///
/// Text is read with the C library's `inet_pton`, so every form it accepts (compressed IPv6,
/// embedded IPv4 in IPv6) is accepted and nothing else is; zone ids (`fe80::1%eth0`) are not.
/// A block written with host bits set (`198.51.100.5/28`) means the block that contains it
/// (`198.51.100.0/28`). A `/32` (IPv4) or `/128` (IPv6) is the single address itself.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The entry as written, normalised (e.g. `198.51.100.0/28`, `2001:db8::1`).
    public let description: String
    /// The network address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    private let bytes: [UInt8]
    /// Leading bits that must match; 32 or 128 for a single address.
    private let prefixLength: Int

    /// Parses `IP` or `IP/PREFIX`; nil when it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = Self.addressBytes(String(parts[0])) else { return nil }
        let width = address.count * 8
        var prefix = width
        if parts.count == 2 {
            let digits = parts[1]
            // Digits only: Int("+8") would accept a sign, and a leading zero is a typo magnet.
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  digits == "0" || !digits.hasPrefix("0"), let value = Int(digits), value <= width
            else { return nil }
            prefix = value
        }
        let network = Self.masked(address, prefixLength: prefix)
        self.bytes = network
        self.prefixLength = prefix
        let text = Self.text(of: network)
        self.description = prefix == width ? text : "\(text)/\(prefix)"
    }

    /// Whether `address` (an IP in text form) lies in this range. An IPv4-mapped IPv6 address
    /// (`::ffff:192.0.2.1`) counts as the IPv4 address it carries.
    public func contains(_ address: String) -> Bool {
        guard var candidate = Self.addressBytes(address) else { return false }
        if candidate.count == 16, bytes.count == 4, let embedded = Self.unmappedIPv4(candidate) {
            candidate = embedded
        }
        guard candidate.count == bytes.count else { return false }
        return Self.masked(candidate, prefixLength: prefixLength) == bytes
    }

    /// For a single address: that address; for a CIDR: nil (a block cannot be probed as a whole).
    public var singleAddress: String? {
        prefixLength == bytes.count * 8 ? description : nil
    }

    /// Whether this is an IPv6 address or block.
    public var isIPv6: Bool { bytes.count == 16 }

    /// The canonical text of a plain IP address (no prefix), e.g. `2001:db8::1` for
    /// `2001:DB8:0:0::1`; nil when `text` is not an IP address.
    public static func normalizedAddress(_ text: String) -> String? {
        addressBytes(text).map(text(of:))
    }
}

// MARK: - Conversions through the C library

extension AddressRange {
    /// The address's bytes (4 or 16), trying IPv4 first; nil when `inet_pton` accepts neither.
    static func addressBytes(_ text: String) -> [UInt8]? {
        // inet_pton stops at a NUL, so a string with one inside would be read only in part.
        guard !text.isEmpty, !text.utf8.contains(0) else { return nil }
        for (family, size) in [(AF_INET, 4), (AF_INET6, 16)] {
            var buffer = [UInt8](repeating: 0, count: size)
            let status = buffer.withUnsafeMutableBytes { inet_pton(family, text, $0.baseAddress) }
            if status == 1 { return buffer }
        }
        return nil
    }

    private static func text(of bytes: [UInt8]) -> String {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var output = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let length = socklen_t(output.count)
        let written = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { inet_ntop(family, input.baseAddress, $0.baseAddress, length) }
        }
        // inet_ntop fails only for a too-small buffer or unknown family, neither possible here.
        precondition(written != nil, "inet_ntop failed for a parsed address")
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        var result = bytes
        for index in result.indices {
            let bitsKept = min(max(prefixLength - index * 8, 0), 8)
            let mask: UInt8 = bitsKept == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsKept))
            result[index] &= mask
        }
        return result
    }

    /// The IPv4 address inside `::ffff:a.b.c.d`, or nil.
    private static func unmappedIPv4(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return nil }
        return Array(bytes[12..<16])
    }
}
