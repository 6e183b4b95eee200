import EdgeCheckModel
import EdgeCheckNet

/// The `data` of an `exec` result. The environment's values are never included: they may be
/// secrets. The arguments are, which is why secrets belong in `env`, not `args`.
public struct ExecData: CheckData, Equatable {
    /// The program run, as an absolute path.
    public var command: String
    public var args: [String]
    /// The names of the variables `env` added (never their values).
    public var envNames: [String]
    /// The exit status, when the plugin exited by itself.
    public var exitCode: Int32?
    /// The signal that ended it, when one did (`SIGSEGV`, or `SIGTERM`/`SIGKILL` after a timeout).
    public var signal: String?
    public var timedOut: Bool
    /// Standard output, at most 64 KiB; invalid UTF-8 is shown as U+FFFD.
    public var output: String
    public var stderr: String
    public var outputTruncated: Bool
    public var stderrTruncated: Bool
    /// Performance data items that were skipped, each with the reason.
    public var perfdataIgnored: [String]

    enum CodingKeys: String, CodingKey {
        case command, args, signal, output, stderr
        case envNames = "env_names"
        case exitCode = "exit_code"
        case timedOut = "timed_out"
        case outputTruncated = "output_truncated"
        case stderrTruncated = "stderr_truncated"
        case perfdataIgnored = "perfdata_ignored"
    }

    public func encode(to encoder: any Encoder) throws {
        // Written out so that absent values appear as null rather than disappearing.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(command, forKey: .command)
        try container.encode(args, forKey: .args)
        try container.encode(envNames, forKey: .envNames)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(signal, forKey: .signal)
        try container.encode(timedOut, forKey: .timedOut)
        try container.encode(output, forKey: .output)
        try container.encode(stderr, forKey: .stderr)
        try container.encode(outputTruncated, forKey: .outputTruncated)
        try container.encode(stderrTruncated, forKey: .stderrTruncated)
        try container.encode(perfdataIgnored, forKey: .perfdataIgnored)
    }
}
