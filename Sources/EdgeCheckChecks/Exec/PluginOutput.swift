import EdgeCheckModel
import EdgeCheckNet

/// A plugin's standard output split the way the monitoring-plugins guidelines lay it out:
///
/// ```
/// SUMMARY | PERFDATA
/// LONG TEXT LINE 1
/// LONG TEXT LINE 2 | PERFDATA LINE 2
/// PERFDATA LINE 3
/// ```
///
/// The first line's text before `|` is the summary. Later lines are long text until one holds a
/// `|`; what follows that `|`, and every line after it, is more performance data.
public struct PluginOutput: Sendable, Equatable {
    /// The first line's text, trimmed, with control characters made spaces.
    public var summary: String
    /// The lines after the first that are not performance data.
    public var longText: [String]
    /// Every piece of performance data, in order, joined by spaces.
    public var perfData: String

    public init(_ text: String) {
        // "\r\n" is one Character in Swift, so it is named as a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if lines.last?.isEmpty == true { lines.removeLast() }
        var perf: [Substring] = []
        let first = lines.first ?? ""
        if let bar = first.firstIndex(of: "|") {
            summary = Self.oneLine(first[..<bar])
            perf.append(first[first.index(after: bar)...])
        } else {
            summary = Self.oneLine(first)
        }
        var long: [String] = []
        var inPerf = false
        for line in lines.dropFirst() {
            if inPerf {
                perf.append(line)
            } else if let bar = line.firstIndex(of: "|") {
                let before = line[..<bar]
                if !before.allSatisfy(\.isWhitespace) { long.append(String(before)) }
                perf.append(line[line.index(after: bar)...])
                inPerf = true
            } else {
                long.append(String(line))
            }
        }
        longText = long
        perfData = perf.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Trimmed, with every control character (escape sequences, backspaces, NUL) turned into a
    /// space, so a summary can neither move a terminal's cursor nor break a report line.
    static func oneLine(_ text: Substring) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? " " : scalar
        }))
        return Substring(cleaned).trimmingWhitespace()
    }
}

extension Substring {
    /// The text without leading and trailing white space.
    fileprivate func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}
