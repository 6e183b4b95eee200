import Foundation
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// How a run is carried out: how many checks at once, which ones, and the safety net around each.
public struct RunOptions: Sendable {
    /// Checks running at the same time (`--jobs`); at least 1.
    public var jobs: Int
    /// `--only` and `--skip`.
    public var selection: CheckSelection
    /// `--strict`: a warning counts as a failure for the exit code.
    public var strict: Bool
    /// The overall bound on one check, given its per-operation timeout. A check that has not
    /// returned by then is cancelled and reported `error`.
    public var deadline: @Sendable (Duration) -> Duration
    /// The wall clock, for the `started` times in reports.
    public var now: @Sendable () -> Date
    /// The machine's name, for the JUnit `hostname`.
    public var hostname: String

    public init(jobs: Int = 8, selection: CheckSelection = CheckSelection(), strict: Bool = false,
                deadline: @escaping @Sendable (Duration) -> Duration = RunOptions.defaultDeadline,
                now: @escaping @Sendable () -> Date = { Date() },
                hostname: String = RunOptions.localHostname()) {
        self.jobs = max(1, jobs)
        self.selection = selection
        self.strict = strict
        self.deadline = deadline
        self.now = now
        self.hostname = hostname
    }

    /// This machine's name as the kernel knows it (no DNS lookup, unlike `ProcessInfo.hostName`).
    public static func localHostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The rule for the overall bound on one check: 30 times its per-operation timeout, and never
    /// less than a minute. A check honours its timeout on every operation it makes, and the
    /// busiest kinds make a few dozen of them (lookups, samples, hops); this bound only catches a
    /// check that stopped making progress altogether.
    public static let defaultDeadline: @Sendable (Duration) -> Duration = { timeout in
        max(.seconds(60), timeout * 30)
    }
}
