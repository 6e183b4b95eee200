import EdgeCheckModel
import EdgeCheckNet

/// A finding carried through `Result` by the steps of `xff-echo` that end the check early.
struct EchoStepFailure: Error, Sendable {
    var finding: Finding

    init(_ finding: Finding) {
        self.finding = finding
    }

    var message: String { finding.message }

    /// The same finding with another status and a prefix to its message.
    func withStatus(_ status: CheckStatus, prefix: String) -> EchoStepFailure {
        var finding = finding
        finding.status = status
        finding.message = prefix + finding.message
        return EchoStepFailure(finding)
    }
}
