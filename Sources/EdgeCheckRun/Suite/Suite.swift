import Foundation
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// A parsed, validated suite file: ready to run.
public struct Suite: Sendable {
    /// The JUnit testsuite name: `name:` or the file name.
    public var name: String
    /// The file as the user named it (empty for the built-in `--target` suite).
    public var file: String
    public var directory: URL
    public var target: URL?
    public var checks: [ConfiguredCheck]
    /// The secret values substituted into the suite, redacted from every result it produces.
    public var secrets = SecretRedactor()

    public init(name: String, file: String, directory: URL, target: URL?, checks: [ConfiguredCheck]) {
        self.name = name
        self.file = file
        self.directory = directory
        self.target = target
        self.checks = checks
    }
}

/// One entry of `checks:`, with its kind instantiated and its common settings resolved.
public struct ConfiguredCheck: Sendable {
    public var common: CommonSettings
    public var check: any Check

    public init(common: CommonSettings, check: any Check) {
        self.common = common
        self.check = check
    }

    public var id: String { common.id }
    public var kind: String { common.kind }
}
