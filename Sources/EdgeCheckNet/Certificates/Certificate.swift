import COpenSSL
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
        let parsed = der.withUnsafeBytes { bytes -> OpaquePointer? in
            var cursor = bytes.bindMemory(to: UInt8.self).baseAddress
            return d2i_X509(nil, &cursor, bytes.count)
        }
        guard let parsed else {
            ERR_clear_error()
            throw NetFailure(.certUntrusted, "the server sent something that is not an X.509 certificate")
        }
        defer { X509_free(parsed) }
        try self.init(x509: parsed, der: der)
    }

    /// Parses every certificate in a PEM text, in order.
    public static func parsePEM(_ pem: String) throws(NetFailure) -> [Certificate] {
        let bytes = Array(pem.utf8)
        guard let bio = bytes.withUnsafeBytes({ BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }) else {
            throw NetFailure(.local, "out of memory reading PEM")
        }
        defer { BIO_free(bio) }
        var result: [Certificate] = []
        while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
            defer { X509_free(x509) }
            var out: UnsafeMutablePointer<UInt8>?
            let length = i2d_X509(x509, &out)
            guard length > 0, let out else { continue }
            let der = Data(bytes: out, count: Int(length))
            ec_OPENSSL_free(out)
            result.append(try Certificate(x509: x509, der: der))
        }
        // The loop ends on "no start line"; that is the normal end, not an error to keep.
        ERR_clear_error()
        if result.isEmpty && pem.contains("-----BEGIN CERTIFICATE-----") {
            throw NetFailure(.certUntrusted, "the PEM text holds a certificate OpenSSL cannot read")
        }
        return result
    }

    /// Whole days until `notAfter` from `now` (negative once expired).
    public func daysLeft(at now: Date = Date()) -> Int {
        Int((notAfter.timeIntervalSince(now) / 86_400).rounded(.down))
    }
}
