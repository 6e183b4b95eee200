/// What one address served, as a kind hands it to reporters: the leaf and the certificates after
/// it, with the verdicts on them. Values only; each reporter lays it out (the HTML report as a
/// row per address with the chain under it).
public struct CertificateChain: Sendable, Equatable {
    /// The address connected to.
    public var address: String
    /// The subjects served, the leaf first; empty when no certificate was read.
    public var subjects: [String]
    /// The leaf's issuer.
    public var issuer: String?
    /// The leaf's expiry, RFC 3339.
    public var notAfter: String?
    /// Whole days until expiry, negative once expired.
    public var daysLeft: Int?
    /// SHA-256 of the leaf, hex.
    public var fingerprint: String?
    /// Labelled verdicts in display order, e.g. `chain` → true, `hostname` → false; nil is unknown.
    public var verdicts: [(name: String, ok: Bool?)]
    /// Why no certificate was read, or why the chain did not verify.
    public var problem: String?

    public init(address: String, subjects: [String], issuer: String? = nil, notAfter: String? = nil,
                daysLeft: Int? = nil, fingerprint: String? = nil, verdicts: [(name: String, ok: Bool?)] = [],
                problem: String? = nil) {
        self.address = address
        self.subjects = subjects
        self.issuer = issuer
        self.notAfter = notAfter
        self.daysLeft = daysLeft
        self.fingerprint = fingerprint
        self.verdicts = verdicts
        self.problem = problem
    }

    public static func == (lhs: CertificateChain, rhs: CertificateChain) -> Bool {
        lhs.address == rhs.address && lhs.subjects == rhs.subjects && lhs.issuer == rhs.issuer
            && lhs.notAfter == rhs.notAfter && lhs.daysLeft == rhs.daysLeft && lhs.fingerprint == rhs.fingerprint
            && lhs.verdicts.map(\.name) == rhs.verdicts.map(\.name) && lhs.verdicts.map(\.ok) == rhs.verdicts.map(\.ok)
            && lhs.problem == rhs.problem
    }
}

extension CheckPresentation {
    /// No certificate chains, for a kind that only offers a chart.
    public var certificateChains: [CertificateChain]? { nil }
}
