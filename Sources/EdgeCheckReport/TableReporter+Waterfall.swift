import EdgeCheckModel

/// The table's drawing of a check's `Waterfall`: per row a bar of its segments, scaled to the
/// largest total, then the total and the row's comparison. Distinct glyphs keep the bar readable
/// without colour.
struct TableWaterfall {
    /// Bar width in characters for the largest total.
    static let width = 30

    /// Glyph and colour of the segments, in order (a fifth segment reuses the first).
    static let styles: [(glyph: Character, color: String)] = [
        ("░", "\u{1B}[36m"),
        ("▒", "\u{1B}[34m"),
        ("▓", "\u{1B}[35m"),
        ("█", "\u{1B}[32m"),
    ]
    static let reset = "\u{1B}[0m"

    var waterfall: Waterfall
    var colors: Bool

    /// The lines under a check's row, or none when it offers no chart.
    static func lines(for result: CheckResult, colors: Bool) -> [String] {
        guard let waterfall = (result.data as? any CheckPresentation)?.waterfall else { return [] }
        return TableWaterfall(waterfall: waterfall, colors: colors).lines()
    }

    func lines() -> [String] {
        guard !waterfall.rows.isEmpty else { return [] }
        let nameWidth = waterfall.rows.map(\.name.count).max() ?? 0
        let legend = waterfall.segments.enumerated().map { index, name in
            let style = Self.style(index)
            return colored(String(style.glyph), style.color) + " \(name)"
        }.joined(separator: "  ")
        var lines = ["\(waterfall.title): " + legend]
        for row in waterfall.rows {
            let name = row.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            guard let values = row.values, let total = row.total else {
                lines.append("\(name) ▕\(String(repeating: " ", count: Self.width))▏ no successful sample")
                continue
            }
            var line = "\(name) ▕\(bar(values))▏ " + Self.leftPadded(Self.ms(total), to: 9)
            if let comparison = row.comparison { line += "  \(comparison)" }
            if row.insecure { line += "  (insecure)" }
            lines.append(line)
        }
        return lines
    }

    /// The segments as runs of their glyphs. Boundaries are rounded from the running sum so the
    /// rounding of one segment never shifts the next.
    func bar(_ values: [Double]) -> String {
        let scale = waterfall.scale
        guard scale > 0 else { return String(repeating: " ", count: Self.width) }
        var text = ""
        var elapsed = 0.0
        var drawn = 0
        for (index, value) in values.enumerated() {
            elapsed += max(value, 0)
            let end = min(Self.width, Int((elapsed / scale * Double(Self.width)).rounded()))
            let count = max(0, end - drawn)
            if count > 0 {
                let style = Self.style(index)
                text += colored(String(repeating: style.glyph, count: count), style.color)
                drawn += count
            }
        }
        return text + String(repeating: " ", count: Self.width - drawn)
    }

    private static func style(_ index: Int) -> (glyph: Character, color: String) {
        styles[index % styles.count]
    }

    private func colored(_ text: String, _ color: String) -> String {
        colors ? color + text + Self.reset : text
    }

    /// `12.3 ms`, in whole tenths.
    static func ms(_ value: Double) -> String {
        guard value.isFinite else { return "\(value) ms" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10) ms"
    }

    private static func leftPadded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
