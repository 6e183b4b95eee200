import Foundation

/// Verifies a served chain with OpenSSL against the system store plus extra anchors.
public struct CertificateVerifier: Sendable {
    /// Extra trust anchors (PEM file), added to the system store.
    public var caFile: String?
    /// When set, a matching leaf SPKI replaces chain trust (self-signed internal hops).
    public var pinSHA256: String?

    public init(caFile: String? = nil, pinSHA256: String? = nil) {
        self.caFile = caFile
        self.pinSHA256 = pinSHA256
    }

    /// Verifies `chain` (leaf first, as served) for `host` at `now`.
    public func verify(chain: [Certificate], host: String, at now: Date = Date()) -> CertificateVerdict {
        fatalError("CertificateVerifier.verify: implemented by the network work")
    }
}
