import Foundation

/// The `tls-timing` waterfall the table prints under the check: per hop, a bar of its p50
/// dns, connect, tls and ttfb, scaled to the slowest hop's total p50, then the hop's total p50
/// and what it adds over the hop listed before it — with hops listed from the service outward,
/// that is the cost of each extra TLS termination.
struct TimingWaterfall: Sendable {
    /// Bar width in characters for the slowest hop.
    static let width = 30

    /// The glyph and colour of each drawn phase; distinct glyphs keep the bar readable without colour.
    static let segments: [(phase: TimingPhase, glyph: Character, color: String)] = [
        (.dns, "░", "\u{1B}[36m"),
        (.connect, "▒", "\u{1B}[34m"),
        (.tls, "▓", "\u{1B}[35m"),
        (.ttfb, "█", "\u{1B}[32m"),
    ]
    static let reset = "\u{1B}[0m"

    var data: TLSTimingData

    func lines(colors: Bool) -> [String] {
        guard !data.hops.isEmpty else { return [] }
        let nameWidth = data.hops.map(\.name.count).max() ?? 0
        let slowest = data.hops.compactMap { $0.phases?.total.p50 }.max() ?? 0
        let legend = Self.segments.map { colored(String($0.glyph), $0.color, colors) + " \($0.phase.rawValue)" }
            .joined(separator: "  ")
        var lines = ["p50 per hop: " + legend]
        var previous: TLSTimingData.Hop?
        for hop in data.hops {
            let name = hop.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            guard let phases = hop.phases else {
                lines.append("\(name) ▕\(String(repeating: " ", count: Self.width))▏ no successful sample")
                previous = nil
                continue
            }
            var line = "\(name) ▕\(bar(phases, scale: slowest, colors: colors))▏ "
                + TLSTimingEvaluation.ms(phases.total.p50).leftPadded(to: 9)
            if let previous, let before = previous.phases {
                line += "  \(Self.signed(phases.total.p50 - before.total.p50)) over \(previous.name)"
            }
            if hop.insecure { line += "  (insecure)" }
            lines.append(line)
            previous = hop
        }
        return lines
    }

    /// The phases as runs of their glyphs. Boundaries are rounded from the running sum so the
    /// rounding of one phase never shifts the next.
    func bar(_ phases: TLSTimingData.Phases, scale: Double, colors: Bool) -> String {
        guard scale > 0 else { return String(repeating: " ", count: Self.width) }
        var text = ""
        var elapsed = 0.0
        var drawn = 0
        for segment in Self.segments {
            elapsed += max(phases[segment.phase].p50, 0)
            let end = min(Self.width, Int((elapsed / scale * Double(Self.width)).rounded()))
            let count = max(0, end - drawn)
            if count > 0 {
                text += colored(String(repeating: segment.glyph, count: count), segment.color, colors)
                drawn += count
            }
        }
        return text + String(repeating: " ", count: Self.width - drawn)
    }

    private func colored(_ text: String, _ color: String, _ colors: Bool) -> String {
        colors ? color + text + Self.reset : text
    }

    /// `+12.3 ms`, `−1.0 ms`.
    static func signed(_ value: Double) -> String {
        let text = TLSTimingEvaluation.ms(abs(value))
        return (value < 0 && text != "0.0 ms" ? "−" : "+") + text
    }
}

extension String {
    /// Right-aligned in `width` columns.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
