import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The `data` of a `certificate` result: what each address served and what we made of it.
public struct CertificateData: CheckData, Equatable {
    /// One address: its leaf and the verdicts on it, or why no handshake happened.
    public struct Endpoint: Sendable, Encodable, Equatable {
        public var address: String
        /// Leaf subject DN (RFC 4514), nil when no certificate was served.
        public var subject: String?
        /// Leaf issuer DN (RFC 4514).
        public var issuer: String?
        public var subjectAltNames: [String]
        public var notBefore: Date?
        public var notAfter: Date?
        /// Whole days until `notAfter` (negative once expired).
        public var daysLeft: Int?
        /// SHA-256 of the leaf, lowercase hex.
        public var sha256: String?
        /// SHA-256 of the leaf's SubjectPublicKeyInfo, base64.
        public var spkiSHA256: String?
        /// Subjects of the certificates served after the leaf, in order.
        public var chain: [String]
        public var chainOK: Bool?
        /// OpenSSL's reason when the chain does not verify.
        public var chainError: String?
        public var hostnameOK: Bool?
        /// The leaf has no subjectAltName at all.
        public var missingSAN: Bool
        /// `now` lies within notBefore...notAfter.
        public var datesOK: Bool?
        /// Nil without `pin-sha256`.
        public var pinOK: Bool?
        /// Keys and signatures in the chain the system's OpenSSL security level refuses, one
        /// sentence each naming the certificate and the reason.
        public var weak: [String]
        /// What the OCSP response the server stapled says (`absent` when it stapled none); nil
        /// when no certificate was read.
        public var ocsp: StapledOCSP?
        public var tlsVersion: String?
        /// The connection's failure class when no certificate could be read.
        public var failureClass: FailureClass?
        public var error: String?
        /// Wall-clock time of the connection.
        public var ms: Double

        public init(address: String, subject: String? = nil, issuer: String? = nil, subjectAltNames: [String] = [],
                    notBefore: Date? = nil, notAfter: Date? = nil, daysLeft: Int? = nil, sha256: String? = nil,
                    spkiSHA256: String? = nil, chain: [String] = [], chainOK: Bool? = nil, chainError: String? = nil,
                    hostnameOK: Bool? = nil, missingSAN: Bool = false, datesOK: Bool? = nil, pinOK: Bool? = nil,
                    weak: [String] = [], ocsp: StapledOCSP? = nil, tlsVersion: String? = nil, failureClass: FailureClass? = nil, error: String? = nil, ms: Double = 0) {
            self.address = address
            self.subject = subject
            self.issuer = issuer
            self.subjectAltNames = subjectAltNames
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.daysLeft = daysLeft
            self.sha256 = sha256
            self.spkiSHA256 = spkiSHA256
            self.chain = chain
            self.chainOK = chainOK
            self.chainError = chainError
            self.hostnameOK = hostnameOK
            self.missingSAN = missingSAN
            self.datesOK = datesOK
            self.pinOK = pinOK
            self.weak = weak
            self.ocsp = ocsp
            self.tlsVersion = tlsVersion
            self.failureClass = failureClass
            self.error = error
            self.ms = ms
        }

        /// Whether a certificate was read (the handshake got far enough).
        public var served: Bool { sha256 != nil }

        enum CodingKeys: String, CodingKey {
            case address, subject, issuer, chain, error, ms, weak, ocsp
            case subjectAltNames = "san"
            case notBefore = "not_before"
            case notAfter = "not_after"
            case daysLeft = "days_left"
            case sha256
            case spkiSHA256 = "spki_sha256"
            case chainOK = "chain_ok"
            case chainError = "chain_error"
            case hostnameOK = "hostname_ok"
            case missingSAN = "missing_san"
            case datesOK = "dates_ok"
            case pinOK = "pin_ok"
            case tlsVersion = "tls_version"
            case failureClass = "class"
        }

        /// Every key is written, null when unknown, so a consumer can rely on the contract's keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(address, forKey: .address)
            try container.encode(subject, forKey: .subject)
            try container.encode(issuer, forKey: .issuer)
            try container.encode(subjectAltNames, forKey: .subjectAltNames)
            try container.encode(notBefore.map(Self.rfc3339), forKey: .notBefore)
            try container.encode(notAfter.map(Self.rfc3339), forKey: .notAfter)
            try container.encode(daysLeft, forKey: .daysLeft)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(spkiSHA256, forKey: .spkiSHA256)
            try container.encode(chain, forKey: .chain)
            try container.encode(chainOK, forKey: .chainOK)
            try container.encode(chainError, forKey: .chainError)
            try container.encode(hostnameOK, forKey: .hostnameOK)
            try container.encode(missingSAN, forKey: .missingSAN)
            try container.encode(datesOK, forKey: .datesOK)
            try container.encode(pinOK, forKey: .pinOK)
            try container.encode(weak, forKey: .weak)
            try container.encode(ocsp, forKey: .ocsp)
            try container.encode(tlsVersion, forKey: .tlsVersion)
            try container.encode(failureClass, forKey: .failureClass)
            try container.encode(error, forKey: .error)
            try container.encode(ms, forKey: .ms)
        }

        /// `2026-11-26T15:00:00Z`.
        static func rfc3339(_ date: Date) -> String {
            date.formatted(.iso8601)
        }
    }

    /// The host name the certificates must be valid for.
    public var host: String
    public var port: Int
    /// The resolver whose answer gave the addresses, nil when the host is an IP literal.
    public var resolver: String?
    /// Every resolved address, in the resolver's order (even those not checked with `all-ips: false`).
    public var addresses: [String]
    /// One per checked address, in numeric order.
    public var endpoints: [Endpoint]

    public init(host: String, port: Int, resolver: String?, addresses: [String], endpoints: [Endpoint]) {
        self.host = host
        self.port = port
        self.resolver = resolver
        self.addresses = addresses
        self.endpoints = endpoints
    }
}
