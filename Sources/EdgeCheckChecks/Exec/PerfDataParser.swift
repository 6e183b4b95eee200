import EdgeCheckModel
import EdgeCheckNet

/// Reads monitoring-plugins performance data: space-separated
/// `'label'=value[UOM];[warn];[crit];[min];[max]` items, labels quoted when they hold spaces
/// (`''` inside quotes is a quote). Malformed items are skipped and described, never fatal.
public enum PerfDataParser {
    /// The units the plugin guidelines define, plus `GB`, which plugins commonly print.
    public static let units: Set<String> = ["", "s", "ms", "us", "%", "B", "KB", "MB", "GB", "TB", "c"]

    /// What was read from one perfdata text.
    public struct Parsed: Sendable, Equatable {
        public var measurements: [EdgeCheckModel.Measurement]
        /// One line per skipped item: what it was and why it was skipped.
        public var ignored: [String]
    }

    /// Parses `text` (everything after the `|`s of a plugin's output, lines joined by spaces).
    public static func parse(_ text: String) -> Parsed {
        var parsed = Parsed(measurements: [], ignored: [])
        for item in split(text) {
            switch parseItem(item) {
            case .success(let measurement): parsed.measurements.append(measurement)
            case .failure(let problem): parsed.ignored.append("'\(item)': \(problem.reason)")
            }
        }
        return parsed
    }

    private struct Problem: Error {
        var reason: String
    }

    /// Splits on runs of whitespace outside single quotes.
    private static func split(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "'" {
                quoted.toggle()
                current.append(character)
            } else if character.isWhitespace && !quoted {
                if !current.isEmpty { items.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { items.append(current) }
        return items
    }

    private static func parseItem(_ item: String) -> Result<EdgeCheckModel.Measurement, Problem> {
        let label: String
        let rest: Substring
        if item.hasPrefix("'") {
            // A quoted label ends at the first quote that is not doubled.
            var name = ""
            var index = item.index(after: item.startIndex)
            var closed = false
            while index < item.endIndex {
                let character = item[index]
                let after = item.index(after: index)
                if character == "'" {
                    if after < item.endIndex && item[after] == "'" {
                        name.append("'")
                        index = item.index(after: after)
                        continue
                    }
                    index = after
                    closed = true
                    break
                }
                name.append(character)
                index = after
            }
            guard closed else { return .failure(Problem(reason: "the label's quote is not closed")) }
            guard index < item.endIndex, item[index] == "=" else {
                return .failure(Problem(reason: "expected '=' after the label"))
            }
            label = name
            rest = item[item.index(after: index)...]
        } else {
            guard let equals = item.firstIndex(of: "=") else {
                return .failure(Problem(reason: "expected label=value"))
            }
            label = String(item[..<equals])
            rest = item[item.index(after: equals)...]
        }
        guard !label.isEmpty else { return .failure(Problem(reason: "the label is empty")) }

        let fields = rest.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard fields.count <= 5 else { return .failure(Problem(reason: "more than five ';' fields")) }
        let valueField = fields[0]
        guard valueField != "U" else { return .failure(Problem(reason: "the value is undetermined (U)")) }
        guard let (value, unit) = splitValue(valueField) else {
            return .failure(Problem(reason: "'\(valueField)' is not a number with an optional unit"))
        }
        guard units.contains(unit) else {
            return .failure(Problem(reason: "unknown unit '\(unit)' (known: s, ms, us, %, B, KB, MB, GB, TB, c)"))
        }
        func field(_ index: Int) -> String? {
            index < fields.count && !fields[index].isEmpty ? fields[index] : nil
        }
        for (index, name) in [(1, "warn"), (2, "crit")] {
            if let range = field(index), !isRange(range) {
                return .failure(Problem(reason: "the \(name) range '\(range)' is not a threshold range"))
            }
        }
        var limits: [Double?] = []
        for (index, name) in [(3, "min"), (4, "max")] {
            guard let text = field(index) else { limits.append(nil); continue }
            guard let number = number(text) else {
                return .failure(Problem(reason: "the \(name) '\(text)' is not a number"))
            }
            limits.append(number)
        }
        return .success(EdgeCheckModel.Measurement(name: label, value: value, unit: unit, warn: field(1), critical: field(2),
                                    min: limits[0], max: limits[1]))
    }

    /// `12.5ms` → (12.5, "ms"): the longest leading number, then the unit.
    private static func splitValue(_ text: String) -> (Double, String)? {
        let numberPart = text.prefix { "0123456789.-+eE".contains($0) }
        // `e` may begin a unit only in theory; no defined unit starts with e, so read it as an exponent.
        guard let value = number(String(numberPart)) else { return nil }
        return (value, String(text.dropFirst(numberPart.count)))
    }

    /// A plain decimal number (optionally with an exponent); not `inf`, `nan` or hexadecimal.
    static func number(_ text: String) -> Double? {
        var digits = 0
        var seenDot = false
        var seenExponent = false
        var previous: Character?
        for (offset, character) in text.enumerated() {
            switch character {
            case "0"..."9": digits += 1
            case "+", "-":
                guard offset == 0 || previous == "e" || previous == "E" else { return nil }
            case ".":
                guard !seenDot && !seenExponent else { return nil }
                seenDot = true
            case "e", "E":
                guard digits > 0 && !seenExponent else { return nil }
                seenExponent = true
            default: return nil
            }
            previous = character
        }
        guard digits > 0, let last = text.last, last.isNumber || last == "." else { return nil }
        return Double(text)
    }

    /// A threshold range as the guidelines write it: `10`, `10:`, `~:10`, `10:20`, `@10:20`.
    private static func isRange(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasPrefix("@") { body = body.dropFirst() }
        let parts = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 1 { return number(String(parts[0])) != nil }
        let low = String(parts[0]), high = String(parts[1])
        let lowOK = low.isEmpty || low == "~" || number(low) != nil
        let highOK = high.isEmpty || number(high) != nil
        return lowOK && highOK && !(low.isEmpty && high.isEmpty)
    }
}
