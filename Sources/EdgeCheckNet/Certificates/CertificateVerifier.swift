import COpenSSL
import Foundation

/// Verifies a served chain with OpenSSL against the system store plus extra anchors.
///
/// Chain trust, hostname, dates and pin are judged separately, so one verdict can list every
/// problem: the leaf is verified with the rest of the served chain as untrusted intermediates
/// (an expired leaf is still judged for trust, ignoring time); the host is matched against the
/// subjectAltNames only (never the CN); a matching pin makes the chain trusted. Keys and
/// signatures are judged at the system's OpenSSL security level, as curl's own verification
/// judges them, and every weak one is listed (a pin does not make a weak key strong).
public struct CertificateVerifier: Sendable {
    /// Extra trust anchors (PEM file), added to the system store.
    public var caFile: String?
    /// When set, a matching leaf SPKI replaces chain trust (self-signed internal hops).
    public var pinSHA256: String?
    /// The system store as a hashed directory; nil: OpenSSL's default (tests set their own).
    public var systemTrustDirectory: String?
    /// The OpenSSL security level keys and signatures are judged at.
    public var securityLevel: Int = SystemSecurityLevel.current

    public init(caFile: String? = nil, pinSHA256: String? = nil) {
        self.caFile = caFile
        self.pinSHA256 = pinSHA256
    }

    /// Verifies `chain` (leaf first, as served) for `host` at `now`.
    public func verify(chain: [Certificate], host: String, at now: Date = Date()) -> CertificateVerdict {
        guard let leaf = chain.first else {
            return CertificateVerdict(chainOK: false, chainError: "no certificate was served", hostnameOK: false,
                                      datesOK: false, pinOK: pinSHA256 == nil ? nil : false, host: host, checkedAt: now)
        }
        let datesOK = leaf.notBefore <= now && now <= leaf.notAfter
        let pinOK = pinSHA256.map { $0 == leaf.spkiSHA256 }
        var (chainOK, chainError, weaknesses) = verifyChain(chain, at: now)
        if pinOK == true {
            chainOK = true
            chainError = nil
        }
        let hostnameOK = Self.matches(leaf, host: host)
        return CertificateVerdict(chainOK: chainOK, chainError: chainError, hostnameOK: hostnameOK,
                                  missingSAN: leaf.subjectAltNames.isEmpty, datesOK: datesOK, pinOK: pinOK,
                                  host: host, leafNames: leaf.subjectAltNames, notBefore: leaf.notBefore,
                                  notAfter: leaf.notAfter, leafPin: pinSHA256 == nil ? nil : leaf.spkiSHA256,
                                  checkedAt: now, weaknesses: weaknesses)
    }

    private func verifyChain(_ chain: [Certificate], at now: Date) -> (Bool, String?, [CertificateWeakness]) {
        guard let store = X509_STORE_new() else { return (false, "out of memory", []) }
        defer { X509_STORE_free(store) }
        // The hashed directory is consulted per issuer; loading the whole bundle file would parse
        // every system CA on every verification.
        let directory = systemTrustDirectory ?? TrustStore.systemDirectory
        if X509_STORE_load_path(store, directory) != 1 {
            X509_STORE_set_default_paths(store)
        }
        if let caFile, X509_STORE_load_file(store, caFile) != 1 {
            ERR_clear_error()
            return (false, "cannot read the CA file \(caFile)", [])
        }
        ERR_clear_error()

        let x509s = chain.compactMap { $0.makeX509() }
        defer { x509s.forEach { X509_free($0) } }
        guard x509s.count == chain.count, let leaf = x509s.first, let untrusted = ec_sk_X509_new_null() else {
            return (false, "the chain holds a certificate OpenSSL cannot read", [])
        }
        defer { ec_sk_X509_free(untrusted) }
        for intermediate in x509s.dropFirst() { _ = ec_sk_X509_push(untrusted, intermediate) }

        let level = securityLevel
        func attempt(ignoringTime: Bool) -> (Bool, Int32, Int32, [CertificateWeakness]) {
            guard let context = X509_STORE_CTX_new() else { return (false, X509_V_ERR_OUT_OF_MEM, 0, []) }
            defer { X509_STORE_CTX_free(context) }
            guard X509_STORE_CTX_init(context, store, leaf, untrusted) == 1 else { return (false, X509_V_ERR_UNSPECIFIED, 0, []) }
            _ = X509_STORE_CTX_set_purpose(context, X509_PURPOSE_SSL_SERVER)
            // As libssl does for a client at this level; without it X509_verify_cert checks no key sizes.
            X509_VERIFY_PARAM_set_auth_level(X509_STORE_CTX_get0_param(context), Int32(level))
            // A weak key or digest is noted and verification goes on, so trust, dates and every other
            // weak certificate are still judged; any other error ends it as usual.
            let collector = WeaknessCollector(securityLevel: level)
            let box = Unmanaged.passRetained(collector)
            defer { box.release() }
            _ = X509_STORE_CTX_set_ex_data(context, 0, box.toOpaque())
            X509_STORE_CTX_set_verify_cb(context) { ok, context in
                guard ok == 0, let context, let raw = X509_STORE_CTX_get_ex_data(context, 0) else { return ok }
                let code = X509_STORE_CTX_get_error(context)
                guard CertificateWeakness.isWeakness(code) else { return ok }
                Unmanaged<WeaknessCollector>.fromOpaque(raw).takeUnretainedValue()
                    .add(code, X509_STORE_CTX_get_current_cert(context), depth: X509_STORE_CTX_get_error_depth(context))
                return 1
            }
            if ignoringTime {
                X509_STORE_CTX_set_flags(context, UInt(X509_V_FLAG_NO_CHECK_TIME))
            } else {
                X509_STORE_CTX_set_time(context, 0, time_t(now.timeIntervalSince1970))
            }
            let ok = X509_verify_cert(context) == 1
            return (ok, X509_STORE_CTX_get_error(context), X509_STORE_CTX_get_error_depth(context), collector.found)
        }
        var (ok, error, depth, weaknesses) = attempt(ignoringTime: false)
        if !ok && depth == 0 && (error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID) {
            // The leaf's dates are judged on their own; here only trust counts.
            (ok, error, depth, weaknesses) = attempt(ignoringTime: true)
        }
        ERR_clear_error()
        if ok { return (true, nil, weaknesses) }
        let reason = String(cString: X509_verify_cert_error_string(Int(error)))
        return (false, depth > 0 ? "\(reason) (at depth \(depth))" : reason, weaknesses)
    }

    private static func matches(_ leaf: Certificate, host: String) -> Bool {
        guard !leaf.subjectAltNames.isEmpty, let x509 = leaf.makeX509() else { return false }
        defer { X509_free(x509) }
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1 {
            return X509_check_ip_asc(x509, host, 0) == 1
        }
        return X509_check_host(x509, host, host.utf8.count, UInt32(X509_CHECK_FLAG_NEVER_CHECK_SUBJECT), nil) == 1
    }
}

/// Gathers the weak certificates one verification meets, from inside OpenSSL's callback.
private final class WeaknessCollector {
    let securityLevel: Int
    private(set) var found: [CertificateWeakness] = []

    init(securityLevel: Int) { self.securityLevel = securityLevel }

    func add(_ code: Int32, _ x509: OpaquePointer?, depth: Int32) {
        guard let x509, let certificate = try? Certificate(x509: x509, der: Certificate.der(of: x509)),
              let weakness = CertificateWeakness(code: code, certificate: certificate, depth: Int(depth),
                                                 securityLevel: securityLevel),
              !found.contains(weakness) else { return }
        found.append(weakness)
    }
}
