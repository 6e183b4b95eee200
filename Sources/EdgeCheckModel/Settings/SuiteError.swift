import EdgeCheckNet

/// A problem with a suite file or the command line, reported before anything runs (exit 2).
public struct SuiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The suite file, as the user named it; empty for command-line problems.
    public var file: String
    /// 1-based line, or nil when the problem has no place (a missing file).
    public var line: Int?
    /// The key at fault, e.g. `checks[2].lookups`, or empty.
    public var key: String
    public var message: String

    public init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: key: message`, the form compilers use so editors can jump to it.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        var text = place.isEmpty ? "" : place + ": "
        if !key.isEmpty { text += "\(key): " }
        return text + message
    }
}
