import EdgeCheckNet

/// Parses suite durations: `250ms`, `5s`, `1.5s`, `2m`, `1h`. A bare number has no unit and is
/// rejected.
///
/// The form is digits, an optional fraction, and one unit (`ms`, `s`, `m` or `h`) with nothing
/// between them: no sign, no spaces, no exponent, no compound forms like `1m30s`. Zero (`0s`) is
/// a valid duration here; whether a key accepts it is the key's decision. The value is exact to
/// the nanosecond; finer fractions are rejected rather than rounded.
public enum DurationParser {
    private static let units: [(suffix: String, nanoseconds: Int64)] = [
        // `ms` before `m` and `s`, so the longest suffix wins.
        ("ms", 1_000_000),
        ("s", 1_000_000_000),
        ("m", 60_000_000_000),
        ("h", 3_600_000_000_000),
    ]

    /// The duration `text` names, or nil when it is not one.
    public static func parse(_ text: String) -> Duration? {
        guard let unit = units.first(where: { text.hasSuffix($0.suffix) }) else { return nil }
        let number = text.dropLast(unit.suffix.count)
        let pieces = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = pieces[0]
        let fraction = pieces.count == 2 ? pieces[1] : ""
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              pieces.count == 1 || !fraction.isEmpty,
              let wholeValue = Int64(whole)
        else { return nil }

        var total = wholeValue.multipliedReportingOverflow(by: unit.nanoseconds)
        guard !total.overflow else { return nil }
        if !fraction.isEmpty {
            // fraction × unit / 10^digits, which must come out in whole nanoseconds.
            guard fraction.count <= 18, let fractionValue = Int64(fraction) else { return nil }
            let scale = (0..<fraction.count).reduce(Int64(1)) { product, _ in product * 10 }
            let product = fractionValue.multipliedFullWidth(by: unit.nanoseconds)
            let (quotient, remainder) = scale.dividingFullWidth(product)
            guard remainder == 0 else { return nil }
            total = total.partialValue.addingReportingOverflow(quotient)
            guard !total.overflow else { return nil }
        }
        return .nanoseconds(total.partialValue)
    }

    /// The shortest exact form, e.g. `1.5s`, `250ms`, `2m`; what `parse` reads back. A value
    /// under a second is written in milliseconds (`250ms`, not `0.25s`); among forms of equal
    /// length the larger unit wins. Finer than a nanosecond is dropped.
    public static func format(_ duration: Duration) -> String {
        if duration < .zero { return "-" + format(.zero - duration) }
        let (seconds, attoseconds) = duration.components
        // Suite durations are far below the ~292 years an Int64 of nanoseconds holds; clamp beyond.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let nanoseconds = overflow ? Int64.max : scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
        if nanoseconds == 0 { return "0s" }
        var best: String?
        for unit in units.reversed() {
            // "0.25s" reads worse than "250ms"; milliseconds, the smallest unit, always qualify.
            guard nanoseconds >= unit.nanoseconds || unit.suffix == "ms",
                  let number = decimal(nanoseconds, per: unit.nanoseconds) else { continue }
            let candidate = number + unit.suffix
            if best == nil || candidate.count < best!.count { best = candidate }
        }
        return best ?? "\(nanoseconds)ns"
    }

    /// `value / unit` written exactly in at most nine decimals without trailing zeros; nil when
    /// it needs more.
    private static func decimal(_ value: Int64, per unit: Int64) -> String? {
        var text = String(value / unit)
        var remainder = value % unit
        if remainder == 0 { return text }
        text += "."
        for _ in 0..<9 where remainder != 0 {
            remainder *= 10
            text += String(remainder / unit)
            remainder %= unit
        }
        return remainder == 0 ? text : nil
    }
}

extension Character {
    /// `0`...`9` only, unlike `isNumber`, which also accepts other scripts' digits and fractions.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
