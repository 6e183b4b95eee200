import Dispatch
import Foundation

/// A wait that, when cancelled, leaves nothing behind.
///
/// `Task.sleep` on Linux hands its wake-up to the global executor with a deadline, and a
/// cancelled sleep returns at once but its wake-up stays scheduled, holding the sleeping task's
/// memory, until the deadline passes. A timeout raced against work that nearly always wins (a
/// probe against its 60 s scrape timeout, a request head against 10 s) then leaves one such
/// wake-up per request: under a scraper `serve` grew by some 1.4 KB a probe for as long as its
/// longest timeout, and went on waking up 130 times a second for a minute after the scrapers
/// stopped. This timer is a dispatch source, removed from the timer list when cancelled.
enum CancellableTimer {
    /// Waits for `duration`; returns false at once, the timer gone, when the task is cancelled.
    @discardableResult
    static func wait(_ duration: Duration) async -> Bool {
        let wait = Wait()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                wait.arm(continuation, after: duration)
            }
        } onCancel: {
            wait.end(elapsed: false)
        }
    }

    /// One wait: armed once, ended once, by the timer or the cancellation, whichever is first.
    /// (Unchecked: every field is read and written under `lock`.)
    private final class Wait: @unchecked Sendable {
        private let lock = NSLock()
        private var source: DispatchSourceTimer?
        private var continuation: CheckedContinuation<Bool, Never>?
        private var ended = false

        func arm(_ continuation: CheckedContinuation<Bool, Never>, after duration: Duration) {
            lock.lock()
            guard !ended else {
                // Cancelled before it was armed.
                lock.unlock()
                continuation.resume(returning: false)
                return
            }
            let source = DispatchSource.makeTimerSource(queue: .global())
            self.source = source
            self.continuation = continuation
            lock.unlock()
            source.setEventHandler { [self] in end(elapsed: true) }
            source.schedule(deadline: .now() + duration.timeInterval, leeway: .milliseconds(1))
            source.resume()
        }

        func end(elapsed: Bool) {
            lock.lock()
            ended = true
            let source = self.source, continuation = self.continuation
            self.source = nil
            self.continuation = nil
            lock.unlock()
            source?.cancel()
            continuation?.resume(returning: elapsed)
        }
    }
}

extension Duration {
    /// The duration as a `DispatchTimeInterval`, to the nanosecond.
    var timeInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
