import COpenSSL
import Foundation

/// A key or signature in a chain that the system's OpenSSL security level refuses, as curl (and
/// so every client linked against the same OpenSSL) refuses it: the certificate, and why.
public struct CertificateWeakness: Sendable, Equatable, CustomStringConvertible {
    /// What is too weak.
    public enum Reason: Sendable, Equatable {
        /// The certificate's own key, e.g. `RSA` of 1024 bits.
        case keyTooSmall(keyType: String, bits: Int)
        /// The signature on the certificate, e.g. `sha1WithRSAEncryption`.
        case digestTooWeak(signatureAlgorithm: String)
    }

    /// Subject DN (RFC 4514) of the certificate at fault.
    public var subject: String
    /// Its place in the chain: 0 for the leaf.
    public var depth: Int
    public var reason: Reason
    /// The security level that refused it.
    public var securityLevel: Int

    public init(subject: String, depth: Int, reason: Reason, securityLevel: Int) {
        self.subject = subject
        self.depth = depth
        self.reason = reason
        self.securityLevel = securityLevel
    }

    /// The weakness OpenSSL's verify error `code` names for `certificate`, nil for any other error.
    init?(code: Int32, certificate: Certificate, depth: Int, securityLevel: Int) {
        switch code {
        case X509_V_ERR_EE_KEY_TOO_SMALL, X509_V_ERR_CA_KEY_TOO_SMALL:
            reason = .keyTooSmall(keyType: certificate.keyType, bits: certificate.keyBits)
        case X509_V_ERR_CA_MD_TOO_WEAK:
            reason = .digestTooWeak(signatureAlgorithm: certificate.signatureAlgorithm)
        default:
            return nil
        }
        subject = certificate.subject
        self.depth = depth
        self.securityLevel = securityLevel
    }

    /// Whether OpenSSL's verify error `code` is about a weak key or digest.
    static func isWeakness(_ code: Int32) -> Bool {
        code == X509_V_ERR_EE_KEY_TOO_SMALL || code == X509_V_ERR_CA_KEY_TOO_SMALL || code == X509_V_ERR_CA_MD_TOO_WEAK
    }

    /// `the leaf CN=www.example.test has a 1024-bit RSA key; OpenSSL security level 2 needs at least 2048 bits`.
    public var description: String {
        let which = depth == 0 ? "the leaf \(subject)" : "the certificate \(subject) (depth \(depth))"
        switch reason {
        case .keyTooSmall(let keyType, let bits):
            let minimum = Self.minimumBits(keyType: keyType, level: securityLevel).map { " needs at least \($0) bits" }
                ?? " refuses it"
            return "\(which) has a \(bits)-bit \(keyType) key; the system's OpenSSL security level \(securityLevel)\(minimum)"
        case .digestTooWeak(let algorithm):
            return "\(which) is signed with \(algorithm), a digest the system's OpenSSL security level "
                + "\(securityLevel) refuses"
        }
    }

    /// The smallest key OpenSSL accepts at `level` (its documented bits of security per level).
    static func minimumBits(keyType: String, level: Int) -> Int? {
        let level = min(max(level, 0), 5)
        switch keyType {
        case "RSA", "RSA-PSS", "DSA", "DH":
            return [0, 1024, 2048, 3072, 7680, 15360][level]
        case "EC":
            return [0, 160, 224, 256, 384, 512][level]
        default:
            return nil
        }
    }
}

/// The security level clients on this machine verify at: what a fresh client context gets from the
/// system's OpenSSL configuration (Debian: 2), which is what curl applies unless told otherwise.
public enum SystemSecurityLevel {
    public static let current: Int = {
        guard let context = SSL_CTX_new(TLS_client_method()) else { return 1 }
        defer { SSL_CTX_free(context) }
        return Int(SSL_CTX_get_security_level(context))
    }()
}
