import EdgeCheckNet

/// The result of one check as every reporter sees it.
public struct CheckResult: Sendable {
    public var id: String
    public var kind: String
    /// Final status, after `severity: warn` has turned a failure into a warning.
    public var status: CheckStatus
    public var summary: String
    public var durationMs: Double
    public var findings: [Finding]
    public var subjects: [String]
    public var measurements: [Measurement]
    public var data: any CheckData
    public var insecure: Bool
    /// The check's `description` from the suite, if any.
    public var description: String?
    /// The proxies the check's connections went through (URLs without credentials); empty when
    /// it connected directly.
    public var proxies: [String] = []

    public init(id: String, kind: String, status: CheckStatus, summary: String, durationMs: Double,
                findings: [Finding] = [], subjects: [String] = [], measurements: [Measurement] = [],
                data: any CheckData = NoCheckData(), insecure: Bool = false, description: String? = nil) {
        self.id = id
        self.kind = kind
        self.status = status
        self.summary = summary
        self.durationMs = durationMs
        self.findings = findings
        self.subjects = subjects
        self.measurements = measurements
        self.data = data
        self.insecure = insecure
        self.description = description
    }
}
