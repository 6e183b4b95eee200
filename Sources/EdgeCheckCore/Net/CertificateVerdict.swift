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

    public init(chainOK: Bool, chainError: String? = nil, hostnameOK: Bool, missingSAN: Bool = false,
                datesOK: Bool, pinOK: Bool? = nil) {
        self.chainOK = chainOK
        self.chainError = chainError
        self.hostnameOK = hostnameOK
        self.missingSAN = missingSAN
        self.datesOK = datesOK
        self.pinOK = pinOK
    }

    /// Every problem as a classified failure, most fundamental first (expired, untrusted, hostname, pin).
    public var failures: [NetFailure] {
        fatalError("CertificateVerdict.failures: implemented by the network work")
    }
}
