import Foundation

/// One X.509 certificate as served, parsed with OpenSSL.
public struct Certificate: Sendable, Equatable {
    /// DER bytes.
    public var der: Data
    /// Subject DN in RFC 4514 form, e.g. `CN=www.lab.test,O=Edge Lab`.
    public var subject: String
    /// Issuer DN in RFC 4514 form.
    public var issuer: String
    /// DNS names and IP addresses from subjectAltName (empty when the extension is absent).
    public var subjectAltNames: [String]
    public var notBefore: Date
    public var notAfter: Date
    /// E.g. `RSA`, `EC`, `ED25519`.
    public var keyType: String
    public var keyBits: Int
    /// E.g. `ecdsa-with-SHA256`.
    public var signatureAlgorithm: String
    /// SHA-256 of the DER certificate, lowercase hex.
    public var sha256: String
    /// SHA-256 of the SubjectPublicKeyInfo, base64 (as in `curl --pinnedpubkey sha256//...`).
    public var spkiSHA256: String
    /// Whether it is a CA certificate (basicConstraints CA:TRUE).
    public var isCA: Bool

    /// Parses one DER certificate.
    public init(der: Data) throws(NetFailure) {
        fatalError("Certificate.init(der:): implemented by the network work")
    }

    /// Parses every certificate in a PEM text, in order.
    public static func parsePEM(_ pem: String) throws(NetFailure) -> [Certificate] {
        fatalError("Certificate.parsePEM: implemented by the network work")
    }

    /// Whole days until `notAfter` from `now` (negative once expired).
    public func daysLeft(at now: Date = Date()) -> Int {
        Int((notAfter.timeIntervalSince(now) / 86_400).rounded(.down))
    }
}
