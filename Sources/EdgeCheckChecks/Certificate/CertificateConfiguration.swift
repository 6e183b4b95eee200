import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The `certificate` keys of one suite entry, validated, with the contract's defaults applied.
public struct CertificateConfiguration: Sendable, Equatable {
    /// The https URL whose host is resolved and whose port is connected to.
    public var url: URL
    public var issuer: IssuerPattern?
    /// Fewer whole days to expiry than this fails.
    public var minDays: Int
    /// Fewer whole days to expiry than this (but at least `minDays`) warns.
    public var warnDays: Int
    /// Base64 SHA-256 of the leaf's SubjectPublicKeyInfo, without the `sha256//` prefix.
    public var pinSHA256: String?
    /// Every resolved address (true) or only the first.
    public var allIPs: Bool

    public init(url: URL, issuer: IssuerPattern? = nil, minDays: Int = 14, warnDays: Int = 30,
                pinSHA256: String? = nil, allIPs: Bool = true) {
        self.url = url
        self.issuer = issuer
        self.minDays = minDays
        self.warnDays = warnDays
        self.pinSHA256 = pinSHA256
        self.allIPs = allIPs
    }

    /// Reads the keys of `settings`, defaulting `url` to the suite's target.
    public init(settings: CheckSettings) throws(SuiteError) {
        guard let url = try settings.url("url") ?? settings.target else {
            throw settings.error("url", "missing required key (the suite has no target to take it from)")
        }
        guard url.scheme?.lowercased() == "https" else {
            throw settings.error("url", "'\(url.absoluteString)' is not an https URL: a certificate needs TLS")
        }
        self.url = url
        if let text = try settings.string("issuer") {
            guard let pattern = IssuerPattern(parsing: text) else {
                throw settings.error("issuer", "'\(text)' is neither a non-empty text nor a valid /regular expression/")
            }
            issuer = pattern
        }
        minDays = try settings.int("min-days", in: 0...100_000) ?? 14
        warnDays = try settings.int("warn-days", in: 0...100_000) ?? 30
        if let text = try settings.string("pin-sha256") {
            guard let pin = CertificateConfiguration.normalisedPin(text) else {
                throw settings.error("pin-sha256", "'\(text)' is not a base64 SHA-256 (44 characters, as in "
                                        + "curl --pinnedpubkey sha256//...)")
            }
            pinSHA256 = pin
        }
        allIPs = try settings.bool("all-ips") ?? true
    }

    /// The host name the certificate must be valid for (an IPv6 literal without its brackets).
    public var host: String {
        let host = url.host ?? ""
        return host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// The pin without a `sha256//` prefix, when it decodes to 32 bytes.
    static func normalisedPin(_ text: String) -> String? {
        var pin = text.trimmingCharacters(in: .whitespaces)
        if pin.hasPrefix("sha256//") { pin.removeFirst("sha256//".count) }
        guard let bytes = Data(base64Encoded: pin), bytes.count == 32 else { return nil }
        return pin
    }

    /// The keys as `edgecheck list` shows them.
    static let keys: [KeyDescription] = [
        KeyDescription("url", type: "url", default: "the target",
                       meaning: "https URL: its host is resolved, every address is connected to on its port, "
                           + "and the certificate must be valid for the host."),
        KeyDescription("issuer", type: "text or /regex/",
                       meaning: "Case-insensitive substring of the leaf's issuer DN (RFC 4514, e.g. "
                           + "CN=Edge Lab Issuing CA,O=edgecheck lab), or a /regular expression/ searched in it."),
        KeyDescription("min-days", type: "int", default: "14",
                       meaning: "Fewer whole days left before the leaf expires fails (cert-expiring)."),
        KeyDescription("warn-days", type: "int", default: "30",
                       meaning: "Fewer whole days left than this warns (cert-expiring)."),
        KeyDescription("pin-sha256", type: "base64", meaning:
                        "SHA-256 of the leaf's SubjectPublicKeyInfo (as in curl --pinnedpubkey sha256//...); "
                        + "a match replaces chain trust, a mismatch fails (cert-pin)."),
        KeyDescription("all-ips", type: "bool", default: "true",
                       meaning: "Check every resolved address, and fail unless all serve the same leaf; "
                           + "false: only the first address."),
    ]
}
