import EdgeCheckNet

/// A check kind. One type per kind, in `Sources/EdgeCheckChecks/<Kind>/`, listed once in `CheckRegistry`.
///
/// An instance is one configured check: `init(settings:)` reads and validates the kind-specific
/// keys (throwing a `SuiteError` that names file, line and key), and `run(in:)` produces the
/// verdict. A check never prints and never formats a report.
public protocol Check: Sendable {
    /// The kind's name, keys and meaning.
    static var description: CheckDescription { get }
    /// Reads the kind-specific keys; unknown keys were already rejected by the loader.
    init(settings: CheckSettings) throws(SuiteError)
    /// Runs the check. It must honour `context.timeout` per operation and return promptly when
    /// the task is cancelled.
    func run(in context: CheckContext) async -> CheckOutcome
    /// The likely misconfiguration behind each failure class this kind reports, in one line,
    /// where one is known. A finding that carries a hint of its own keeps it.
    static var hints: [FailureClass: String] { get }
}

extension Check {
    /// No kind-specific hints.
    public static var hints: [FailureClass: String] { [:] }
}
