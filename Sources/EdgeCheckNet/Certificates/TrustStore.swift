import COpenSSL
import Foundation

/// Where the machine keeps its trust anchors, as OpenSSL sees it (honouring `SSL_CERT_DIR`).
enum TrustStore {
    /// Read once: the environment does not change under a run, and every probe asks.
    static let systemDirectory: String = {
        if let variable = X509_get_default_cert_dir_env(), let value = getenv(variable), value.pointee != 0 {
            return String(cString: value)
        }
        return String(cString: X509_get_default_cert_dir())
    }()
}
