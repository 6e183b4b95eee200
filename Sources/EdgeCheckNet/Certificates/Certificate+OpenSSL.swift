import COpenSSL
import Foundation

extension Certificate {
    /// Reads every field from an OpenSSL certificate object.
    init(x509: OpaquePointer, der: Data) throws(NetFailure) {
        self.der = der
        subject = Certificate.text(of: X509_get_subject_name(x509))
        issuer = Certificate.text(of: X509_get_issuer_name(x509))
        subjectAltNames = Certificate.alternativeNames(of: x509)
        guard let start = Certificate.date(X509_get0_notBefore(x509)),
              let end = Certificate.date(X509_get0_notAfter(x509)) else {
            throw NetFailure(.certUntrusted, "the certificate \(subject) has unreadable validity dates")
        }
        notBefore = start
        notAfter = end
        if let key = X509_get0_pubkey(x509) {
            keyType = Certificate.keyTypeName(EVP_PKEY_get_base_id(key))
            keyBits = Int(EVP_PKEY_get_bits(key))
        } else {
            keyType = "unknown"
            keyBits = 0
        }
        signatureAlgorithm = OBJ_nid2ln(X509_get_signature_nid(x509)).map { String(cString: $0) } ?? "unknown"
        sha256 = Certificate.hex(Certificate.sha256(der))
        var spki: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x509), &spki)
        if length > 0, let spki {
            spkiSHA256 = Data(Certificate.sha256(Data(bytes: spki, count: Int(length)))).base64EncodedString()
            ec_OPENSSL_free(spki)
        } else {
            spkiSHA256 = ""
        }
        isCA = ec_X509_is_CA(x509) != 0
    }

    /// The DER bytes of an OpenSSL certificate object (empty if it cannot be encoded).
    static func der(of x509: OpaquePointer) -> Data {
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(x509, &out)
        guard length > 0, let out else { return Data() }
        defer { ec_OPENSSL_free(out) }
        return Data(bytes: out, count: Int(length))
    }

    /// A fresh OpenSSL object for this certificate; the caller frees it with `X509_free`.
    func makeX509() -> OpaquePointer? {
        der.withUnsafeBytes { bytes -> OpaquePointer? in
            var cursor = bytes.bindMemory(to: UInt8.self).baseAddress
            return d2i_X509(nil, &cursor, bytes.count)
        }
    }

    /// Lower-case hex, two digits a byte. By hand: String(format:) per byte cost a thousand-address
    /// `certificate` check tens of milliseconds.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func sha256(_ data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var size: UInt32 = 0
        _ = data.withUnsafeBytes { bytes in
            EVP_Digest(bytes.baseAddress, bytes.count, &digest, &size, EVP_sha256(), nil)
        }
        return Array(digest.prefix(Int(size)))
    }

    private static func text(of name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, ec_XN_FLAG_RFC4514()) >= 0 else { return "" }
        var bytes: UnsafeMutablePointer<CChar>?
        let length = ec_BIO_get_mem_data(bio, &bytes)
        guard length > 0, let bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    private static func alternativeNames(of x509: OpaquePointer) -> [String] {
        guard let names = ec_X509_get_subject_alt_names(x509) else { return [] }
        let stack = OpaquePointer(names)
        defer { ec_GENERAL_NAMES_free(stack) }
        var result: [String] = []
        for index in 0..<ec_sk_GENERAL_NAME_num(stack) {
            guard let name = ec_sk_GENERAL_NAME_value(stack, index), let string = ec_GENERAL_NAME_string(name),
                  let data = ASN1_STRING_get0_data(string) else { continue }
            let bytes = UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string)))
            switch ec_GENERAL_NAME_type(name) {
            case GEN_DNS:
                result.append(String(decoding: bytes, as: UTF8.self))
            case GEN_IPADD where bytes.count == 4 || bytes.count == 16:
                let family = bytes.count == 4 ? AF_INET : AF_INET6
                var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
                let ok = text.withUnsafeMutableBufferPointer { out in
                    inet_ntop(family, bytes.baseAddress, out.baseAddress, socklen_t(INET6_ADDRSTRLEN)) != nil
                }
                if ok { result.append(text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }) }
            default:
                continue
            }
        }
        return result
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func keyTypeName(_ id: Int32) -> String {
        switch id {
        case EVP_PKEY_RSA: return "RSA"
        case EVP_PKEY_RSA_PSS: return "RSA-PSS"
        case EVP_PKEY_EC: return "EC"
        case EVP_PKEY_ED25519: return "ED25519"
        case EVP_PKEY_ED448: return "ED448"
        case EVP_PKEY_DSA: return "DSA"
        default: return OBJ_nid2sn(id).map { String(cString: $0) } ?? "unknown"
        }
    }
}
