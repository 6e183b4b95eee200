import Foundation

/// Our own verdict on a served chain: what is wrong, each with its class.
public struct CertificateVerdict: Sendable, Equatable {
    /// Chains to a trust anchor (system store + `ca-file`).
    public var chainOK: Bool
    /// OpenSSL's reason when it does not, e.g. "unable to get local issuer certificate".
    public var chainError: String?
    /// The leaf is valid for the host name (SANs only).
    public var hostnameOK: Bool
    /// True when the leaf has no subjectAltName at all (OpenSSL would fall back to the CN; we do not).
    public var missingSAN: Bool
    /// `now` is within notBefore...notAfter of the leaf.
    public var datesOK: Bool
    /// Nil when no pin was given.
    public var pinOK: Bool?
    /// The host name checked, the leaf's subjectAltNames, validity and key pin, for messages.
    public var host: String?
    public var leafNames: [String]
    public var notBefore: Date?
    public var notAfter: Date?
    /// The leaf's SPKI SHA-256 (base64), when a pin was checked.
    public var leafPin: String?
    /// The moment the dates were judged at.
    public var checkedAt: Date?
    /// Keys and signatures in the chain that the system's OpenSSL security level refuses.
    public var weaknesses: [CertificateWeakness]

    public init(chainOK: Bool, chainError: String? = nil, hostnameOK: Bool, missingSAN: Bool = false,
                datesOK: Bool, pinOK: Bool? = nil, host: String? = nil, leafNames: [String] = [],
                notBefore: Date? = nil, notAfter: Date? = nil, leafPin: String? = nil, checkedAt: Date? = nil,
                weaknesses: [CertificateWeakness] = []) {
        self.chainOK = chainOK
        self.chainError = chainError
        self.hostnameOK = hostnameOK
        self.missingSAN = missingSAN
        self.datesOK = datesOK
        self.pinOK = pinOK
        self.host = host
        self.leafNames = leafNames
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.leafPin = leafPin
        self.checkedAt = checkedAt
        self.weaknesses = weaknesses
    }

    /// Every problem as a classified failure, most fundamental first (expired, untrusted, weak,
    /// hostname, pin).
    /// Messages describe the certificate ("the certificate expired on 2026-01-01"); a check
    /// prefixes the address it came from.
    public var failures: [NetFailure] {
        var result: [NetFailure] = []
        if !datesOK {
            let at = checkedAt ?? Date()
            if let notAfter, at > notAfter {
                result.append(NetFailure(.certExpired, "the certificate expired on \(Self.day(notAfter))"))
            } else if let notBefore, at < notBefore {
                result.append(NetFailure(.certExpired, "the certificate is not valid before \(Self.day(notBefore))"))
            } else {
                result.append(NetFailure(.certExpired, "the certificate is outside its validity period"))
            }
        }
        if !chainOK {
            let reason = chainError.map { ": \($0)" } ?? ""
            result.append(NetFailure(.certUntrusted, "the certificate does not chain to a trusted CA\(reason)"))
        }
        for weakness in weaknesses {
            result.append(NetFailure(.certWeak, "clients refuse the chain: \(weakness)"))
        }
        if !hostnameOK {
            let name = host ?? "the host"
            if missingSAN {
                result.append(NetFailure(.certHostname,
                                         "the certificate has no subjectAltName, so it is valid for no name "
                                            + "(a name only in the CN does not count); expected \(name)"))
            } else {
                result.append(NetFailure(.certHostname, "the certificate is not valid for \(name) "
                                            + "(it names \(leafNames.joined(separator: ", ")))"))
            }
        }
        if pinOK == false {
            let served = leafPin.map { " (it is sha256//\($0))" } ?? ""
            result.append(NetFailure(.certPin, "the certificate's key does not match the pinned SHA-256\(served)"))
        }
        return result
    }

    private static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
