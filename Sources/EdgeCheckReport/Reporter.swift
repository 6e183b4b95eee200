import EdgeCheckModel

/// Renders a finished run in one format. A reporter never probes and never decides a verdict.
public protocol Reporter: Sendable {
    /// The `--format` value, e.g. `junit`.
    static var identifier: String { get }
    /// The whole report as text (UTF-8 when written).
    func render(_ report: RunReport) -> String
}
