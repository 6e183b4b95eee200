/// A chart of stacked durations, one row per subject: what a kind hands to reporters to draw
/// (the `tls-timing` waterfall: per hop, its p50 dns, connect, tls and ttfb). It holds values and
/// labels only; each reporter chooses glyphs, colours or SVG.
public struct Waterfall: Sendable, Equatable {
    /// One row: a subject's segments, in `segments` order.
    public struct Row: Sendable, Equatable {
        /// The subject, e.g. a hop's name.
        public var name: String
        /// Milliseconds per segment, in `Waterfall.segments` order; nil when nothing was measured.
        public var values: [Double]?
        /// The row's total in milliseconds (what the bars are scaled by), when measured.
        public var total: Double?
        /// Text after the total, e.g. `+1.2 ms over alb`; nil for none.
        public var comparison: String?
        /// Whether the row was measured with TLS verification off: always shown.
        public var insecure: Bool

        public init(name: String, values: [Double]?, total: Double?, comparison: String? = nil, insecure: Bool = false) {
            self.name = name
            self.values = values
            self.total = total
            self.comparison = comparison
            self.insecure = insecure
        }
    }

    /// What the chart shows, e.g. `p50 per hop`.
    public var title: String
    /// The segment names, in drawing order, e.g. `dns`, `connect`, `tls`, `ttfb`.
    public var segments: [String]
    public var rows: [Row]

    public init(title: String, segments: [String], rows: [Row]) {
        self.title = title
        self.segments = segments
        self.rows = rows
    }

    /// The largest row total: the full width of a bar.
    public var scale: Double { rows.compactMap(\.total).max() ?? 0 }
}
