import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a call, so that a run can stop in order: the signals are ignored
/// at the process level (no default death) and delivered through dispatch sources instead.
/// Plugins get the default dispositions back when they start.
// Unchecked: `sources` is never changed after init, and cancelling a dispatch source is safe from
// any thread.
final class InterruptHandler: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    /// Counts deliveries; only touched on the serial queue the handlers run on.
    private final class Deliveries: @unchecked Sendable {
        var count = 0
    }

    /// Starts listening; `handler` gets the signal's name (`SIGINT` or `SIGTERM`) and how many
    /// signals have come so far, on every delivery, one at a time.
    init(_ handler: @escaping @Sendable (_ signal: String, _ count: Int) -> Void) {
        let queue = DispatchQueue(label: "edgecheck.signals")
        let deliveries = Deliveries()
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                deliveries.count += 1
                handler(name, deliveries.count)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Stops listening. The signals stay ignored: the run is over and only writing the reports
    /// remains, which must not be cut short.
    func stop() {
        sources.forEach { $0.cancel() }
    }
}
