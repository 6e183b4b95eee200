import Foundation

/// What a running check may use: its effective common settings and the network.
public struct CheckContext: Sendable {
    /// Effective common settings after suite defaults and command-line overrides.
    public let common: CommonSettings
    /// The suite's `target`, when it has one.
    public let target: URL?
    /// The folder of the suite file, for relative paths.
    public let suiteDirectory: URL

    public init(common: CommonSettings, target: URL?, suiteDirectory: URL) {
        self.common = common
        self.target = target
        self.suiteDirectory = suiteDirectory
    }

    /// Per-operation timeout.
    public var timeout: Duration { common.timeout }
}
