#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One IPv4 or IPv6 address: parsed once, spelt one canonical way, ordered numerically.
///
/// Text is read with the C library's `inet_pton`, so every form it accepts (compressed IPv6,
/// embedded IPv4 in IPv6) is accepted and nothing else is; zone ids (`fe80::1%eth0`), ports and
/// prefixes are not. `2001:DB8::1` and `2001:db8:0::1` are the same address, spelt
/// `2001:db8::1` (`inet_ntop`). Every IPv4 address sorts before any IPv6 address.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Parses an address; nil when `text` is not one (brackets, ports and zones included).
    public init?(_ text: some StringProtocol) {
        guard let bytes = Self.parse(String(text)) else { return nil }
        self.bytes = bytes
    }

    /// Parses a URL's host: an address, with brackets around it when it is IPv6 (`[::1]`).
    public init?(urlHost text: some StringProtocol) {
        var candidate = Substring(text)
        if candidate.hasPrefix("["), candidate.hasSuffix("]") {
            candidate = candidate.dropFirst().dropLast()
        }
        self.init(candidate)
    }

    /// An address from its 4 or 16 bytes in network order.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Whether this is an IPv6 address.
    public var isIPv6: Bool { bytes.count == 16 }

    /// The IPv4 address inside `::ffff:a.b.c.d`, or nil.
    public var unmappedIPv4: IPAddress? {
        guard isIPv6, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return nil }
        return IPAddress(bytes: Array(bytes[12..<16]))
    }

    /// The canonical spelling, e.g. `127.0.10.2` or `2001:db8::1`.
    public var description: String {
        let family = isIPv6 ? AF_INET6 : AF_INET
        var output = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let length = socklen_t(output.count)
        let written = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { inet_ntop(family, input.baseAddress, $0.baseAddress, length) }
        }
        // inet_ntop fails only for a too-small buffer or unknown family, neither possible here.
        precondition(written != nil, "inet_ntop failed for a parsed address")
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The address as it is written in a URL or `IP:PORT`: with brackets when it is IPv6.
    public var bracketed: String { isIPv6 ? "[\(description)]" : description }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.bytes.count != rhs.bytes.count { return lhs.bytes.count < rhs.bytes.count }
        return lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    private static func parse(_ text: String) -> [UInt8]? {
        // inet_pton stops at a NUL, so a string with one inside would be read only in part.
        guard !text.isEmpty, !text.utf8.contains(0) else { return nil }
        for (family, size) in [(AF_INET, 4), (AF_INET6, 16)] {
            var buffer = [UInt8](repeating: 0, count: size)
            let status = buffer.withUnsafeMutableBytes { inet_pton(family, text, $0.baseAddress) }
            if status == 1 { return buffer }
        }
        return nil
    }
}

// MARK: - Addresses as text

extension IPAddress {
    /// The canonical spelling of `text` when it is an address (brackets allowed), else nil.
    public static func canonical(_ text: some StringProtocol) -> String? {
        IPAddress(urlHost: text)?.description
    }

    /// Whether `text` is an IPv4 or IPv6 literal (no brackets).
    public static func isLiteral(_ text: some StringProtocol) -> Bool {
        IPAddress(text) != nil
    }

    /// `address` with brackets when it is IPv6 text, as written in a URL or `IP:PORT`.
    public static func bracketed(_ address: String) -> String {
        address.contains(":") ? "[\(address)]" : address
    }

    /// Whether `lhs` sorts before `rhs` in a report: numerically for addresses, text after every
    /// address (a resolver named `system`, an `IP:PORT`).
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch (IPAddress(lhs), IPAddress(rhs)) {
        case let (left?, right?): return left < right
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs < rhs
        }
    }

    /// The distinct texts, addresses in numeric order first.
    public static func sorted<S: Sequence>(_ texts: S) -> [String] where S.Element == String {
        Set(texts).sorted(by: precedes)
    }
}
