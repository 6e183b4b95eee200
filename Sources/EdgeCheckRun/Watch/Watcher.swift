import Foundation
import EdgeCheckChecks
import EdgeCheckModel

/// `edgecheck watch`: runs the suites again and again, a run starting every `every` (at once
/// when the one before took longer), for `window` or until the task is cancelled, and hands
/// over each change as the run that saw it ends. It never prints.
public struct Watcher: Sendable {
    public var runner: Runner
    public var every: Duration
    /// How long to watch; nil: until cancelled.
    public var window: Duration?

    public init(runner: Runner, every: Duration, window: Duration?) {
        self.runner = runner
        self.every = every
        self.window = window
    }

    /// Watches `suites`; `changed` gets each change line, `ran` each finished run.
    public func watch(_ suites: [Suite], changed: @Sendable (WatchChange) -> Void,
                      ran: @Sendable (RunReport) -> Void = { _ in }) async -> WatchWindow {
        let clock = ContinuousClock()
        let start = clock.now
        let end = window.map { start + $0 }
        var runs: [RunReport] = []
        var previous: WatchSnapshot?
        var interrupted = false
        while true {
            let runStart = clock.now
            let report = await runner.run(suites)
            if report.interrupted || Task.isCancelled {
                interrupted = true
                if runs.isEmpty { runs.append(report) }
                break
            }
            let snapshot = WatchSnapshot(report)
            snapshot.changes(since: previous, at: report.started).forEach(changed)
            previous = snapshot
            runs.append(report)
            ran(report)
            let next = runStart + every
            if let end, next >= end { break }
            do {
                try await Task.sleep(until: next, clock: clock)
            } catch {
                interrupted = true
                break
            }
        }
        return WatchWindow(runs: runs, interrupted: interrupted)
    }
}
