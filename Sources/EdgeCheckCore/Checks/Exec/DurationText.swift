import Foundation

/// Durations as numbers and words, for messages and plugin environments.
enum DurationText {
    /// The duration in milliseconds, fractions kept.
    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// `60s`, `1.5s`, `250ms`: a duration as a person would write it in a suite.
    static func spoken(_ duration: Duration) -> String {
        let ms = milliseconds(duration)
        if ms < 1000 { return "\(Int(ms.rounded()))ms" }
        let seconds = ms / 1000
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return String(format: "%.1fs", seconds)
    }
}
