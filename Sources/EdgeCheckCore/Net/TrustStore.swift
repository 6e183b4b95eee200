import COpenSSL
import Foundation

/// Where the machine keeps its trust anchors, as OpenSSL sees it (honouring `SSL_CERT_DIR`).
enum TrustStore {
    static var systemDirectory: String {
        if let variable = X509_get_default_cert_dir_env(),
           let value = ProcessInfo.processInfo.environment[String(cString: variable)], !value.isEmpty {
            return value
        }
        return String(cString: X509_get_default_cert_dir())
    }
}
