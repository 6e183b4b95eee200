import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// What the runner tells its caller while it works, so the command line can show progress.
/// The runner itself never prints.
public enum RunProgress: Sendable {
    /// A check began.
    case started(id: String, suite: String)
    /// A check ended (or was skipped); `completed` of `total` are done.
    case finished(CheckResult, suite: String, completed: Int, total: Int)
}
