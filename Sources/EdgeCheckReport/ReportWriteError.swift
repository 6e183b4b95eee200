import EdgeCheckModel

/// A report file that could not be written; the old file, if any, is left as it was.
public struct ReportWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The report file asked for.
    public var path: String
    /// What went wrong, from the system (for example "No such file or directory").
    public var reason: String

    /// An error about `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// "cannot write report PATH: REASON", for the command line to print as it is.
    public var description: String { "cannot write report \(path): \(reason)" }
}
