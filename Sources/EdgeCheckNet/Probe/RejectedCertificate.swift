import Foundation

/// A certificate OpenSSL's verification refused during a handshake, with its verify error and
/// depth: enough to say which certificate and why once the transfer has ended.
struct RejectedCertificate: Sendable {
    var der: Data
    var code: Int32
    var depth: Int

    /// What is weak about it, when the error is a weak key or digest.
    var weakness: CertificateWeakness? {
        guard let certificate = try? Certificate(der: der) else { return nil }
        return CertificateWeakness(code: code, certificate: certificate, depth: depth,
                                   securityLevel: SystemSecurityLevel.current)
    }
}
