import COpenSSL
import Foundation

/// What a TLS session negotiated, read from OpenSSL while the connection is open.
struct ProbeTLSInfo: Sendable {
    var captured = false
    var version: String?
    var cipher: String?
    var alpn: String?
    /// The chain as the server sent it, leaf first, DER.
    var chain: [Data] = []
    /// The OCSP response the server stapled (DER), when it stapled one.
    var stapledOCSP: Data?

    init() {}

    init(ssl: OpaquePointer, withChain: Bool) {
        captured = true
        version = SSL_get_version(ssl).map { String(cString: $0) }
        cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
        var protocolName: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &protocolName, &length)
        if let protocolName, length > 0 {
            alpn = String(decoding: UnsafeBufferPointer(start: protocolName, count: Int(length)), as: UTF8.self)
        }
        guard withChain else { return }
        var response: UnsafePointer<UInt8>?
        let stapled = ec_SSL_get_ocsp_response(ssl, &response)
        if stapled > 0, let response { stapledOCSP = Data(bytes: response, count: stapled) }
        guard let stack = SSL_get_peer_cert_chain(ssl) else { return }
        chain = Self.der(of: stack)
    }

    /// Each certificate of an OpenSSL stack as DER, in stack order.
    static func der(of stack: OpaquePointer) -> [Data] {
        var result: [Data] = []
        for index in 0..<ec_sk_X509_num(stack) {
            guard let certificate = ec_sk_X509_value(stack, index) else { continue }
            var out: UnsafeMutablePointer<UInt8>?
            let length = i2d_X509(certificate, &out)
            if length > 0, let out {
                result.append(Data(bytes: out, count: Int(length)))
                ec_OPENSSL_free(out)
            }
        }
        return result
    }
}
