/// Why something failed, in one word a script can match on.
///
/// The network classes are fixed by the contract; checks may add their own (for example
/// `unexpected-address` or `budget`), which is why this is a struct over a string, not an enum.
public struct FailureClass: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // The network classes of the contract.
    public static let nxdomain = FailureClass("nxdomain")
    public static let servfail = FailureClass("servfail")
    public static let dnsTimeout = FailureClass("dns-timeout")
    public static let refused = FailureClass("refused")
    public static let timeout = FailureClass("timeout")
    public static let reset = FailureClass("reset")
    public static let tlsAlert = FailureClass("tls-alert")
    public static let certUntrusted = FailureClass("cert-untrusted")
    public static let certHostname = FailureClass("cert-hostname")
    public static let certExpired = FailureClass("cert-expired")
    /// The chain holds a key or signature the system's OpenSSL security level refuses.
    public static let certWeak = FailureClass("cert-weak")
    public static let httpStatus = FailureClass("http-status")
}
