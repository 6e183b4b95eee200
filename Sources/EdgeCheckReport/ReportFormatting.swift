import Foundation
import EdgeCheckModel

/// Durations, numbers and times written the same way by every reporter.
public enum ReportFormatting {
    /// A duration for people: `850ms`, `3.2s`, `2m05s`.
    static func humanDuration(ms: Double) -> String {
        let ms = ms.isFinite ? max(0, ms) : 0
        if ms < 1000 { return "\(Int(ms.rounded()))ms" }
        let tenths = (ms / 100).rounded()
        if tenths < 600 { return "\(Int(tenths) / 10).\(Int(tenths) % 10)s" }
        let seconds = Int((ms / 1000).rounded())
        let remainder = seconds % 60
        return "\(seconds / 60)m\(remainder < 10 ? "0" : "")\(remainder)s"
    }

    /// Seconds with exactly three decimals and no sign or exponent: JUnit's `SUREFIRE_TIME`.
    static func junitSeconds(ms: Double) -> String {
        let millis = ms.isFinite ? Int64(max(0, ms).rounded()) : 0
        let fraction = millis % 1000
        let padding = fraction < 10 ? "00" : fraction < 100 ? "0" : ""
        return "\(millis / 1000).\(padding)\(fraction)"
    }

    /// Milliseconds as a JSON number rounded to the microsecond; `null` when not finite.
    static func jsonMilliseconds(_ ms: Double) -> String {
        guard ms.isFinite else { return "null" }
        return "\((ms * 1000).rounded() / 1000)"
    }

    /// Any measured value as a JSON number; `null` when not finite (JSON has no NaN or infinity).
    static func jsonNumber(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    /// A measured value for people: no trailing `.0` on whole numbers.
    static func humanNumber(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return "\(Int64(value))" }
        return "\(value)"
    }

    /// RFC 3339 in UTC with milliseconds: `2026-11-26T15:13:14.123Z`.
    public static func rfc3339(_ date: Date) -> String {
        let (parts, millis) = utcParts(date)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts).\(fraction)Z"
    }

    /// JUnit's timestamp: ISO 8601 without a zone (as Ant and the Jenkins tools write it),
    /// always in UTC so that a report reads the same wherever it ran.
    static func junitTimestamp(_ date: Date) -> String {
        utcParts(date).seconds
    }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC and the milliseconds past that second.
    private static func utcParts(_ date: Date) -> (seconds: String, millis: Int) {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var wholeSeconds = totalMillis / 1000
        var millis = totalMillis % 1000
        if millis < 0 {
            millis += 1000
            wholeSeconds -= 1
        }
        // gmtime_r, not Calendar: a Gregorian Calendar sets up ICU and reads the zone database,
        // which cost a reporter most of its time on a small run.
        var seconds = time_t(wholeSeconds)
        var broken = tm()
        gmtime_r(&seconds, &broken)
        let parts = (year: Int(broken.tm_year) + 1900, month: Int(broken.tm_mon) + 1, day: Int(broken.tm_mday),
                     hour: Int(broken.tm_hour), minute: Int(broken.tm_min), second: Int(broken.tm_sec))
        func two(_ value: Int) -> String {
            value < 10 ? "0\(value)" : "\(value)"
        }
        let year = parts.year
        let yearText = year < 1000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
        let text = "\(yearText)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
        return (text, Int(millis))
    }
}
