import EdgeCheckNet

/// What a check's `run` returns: the verdict before the runner adds identity, timing and severity.
public struct CheckOutcome: Sendable {
    public var status: CheckStatus
    /// One line for the table and the JUnit message.
    public var summary: String
    public var findings: [Finding]
    /// The subjects the check fanned out over (addresses, hops), in report order. Each becomes a
    /// JUnit testcase `ID [SUBJECT]`, passing unless a finding names it. Empty: one testcase.
    public var subjects: [String]
    public var measurements: [Measurement]
    public var data: any CheckData
    /// True when any connection ran with TLS verification off (`insecure: true`); every report shows it.
    public var insecure: Bool

    /// An outcome whose status is the worst of its findings (`pass` when there are none).
    public init(summary: String, findings: [Finding] = [], subjects: [String] = [],
                measurements: [Measurement] = [], data: any CheckData = NoCheckData(), insecure: Bool = false) {
        self.init(status: CheckStatus.worst(findings.map(\.status)), summary: summary, findings: findings,
                  subjects: subjects, measurements: measurements, data: data, insecure: insecure)
    }

    /// An outcome with an explicit status (for example a plugin's exit code).
    public init(status: CheckStatus, summary: String, findings: [Finding] = [], subjects: [String] = [],
                measurements: [Measurement] = [], data: any CheckData = NoCheckData(), insecure: Bool = false) {
        self.status = status
        self.summary = summary
        self.findings = findings
        self.subjects = subjects
        self.measurements = measurements
        self.data = data
        self.insecure = insecure
    }

    /// No verdict could be reached.
    public static func error(_ message: String, subject: String = "") -> CheckOutcome {
        CheckOutcome(status: .error, summary: message,
                     findings: [Finding(status: .error, subject: subject, message: message)])
    }
}
