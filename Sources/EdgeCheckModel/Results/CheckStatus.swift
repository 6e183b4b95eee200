import EdgeCheckNet

/// The verdict of a check, of one of its findings, or of one subject it fanned out over.
public enum CheckStatus: String, Sendable, Codable, CaseIterable {
    /// The deployment conforms.
    case pass
    /// Something is off but not failing (or a failing check whose `severity` is `warn`).
    case warn
    /// The deployment does not conform: wrong answer, unreachable, timeout, bad certificate.
    case fail
    /// No verdict could be reached: unparseable reply, plugin crash, internal error.
    case error
    /// Not run.
    case skip

    /// How bad a status is, for picking the worst of several. `skip` ranks below `pass` so that a
    /// skipped part never hides a passing one.
    public var severityRank: Int {
        switch self {
        case .skip: 0
        case .pass: 1
        case .warn: 2
        case .fail: 3
        case .error: 4
        }
    }

    /// The worst of a list of statuses, or `pass` for an empty list.
    public static func worst<S: Sequence>(_ statuses: S) -> CheckStatus where S.Element == CheckStatus {
        statuses.max(by: { $0.severityRank < $1.severityRank }) ?? .pass
    }
}
