import EdgeCheckNet

/// A number a check measured (a timing, a count, plugin performance data).
public struct Measurement: Sendable, Codable, Equatable {
    /// The label, e.g. `tls-p50` or a plugin's perfdata label.
    public var name: String
    public var value: Double
    /// The unit as written: `ms`, `s`, `B`, `%`, `c`, or empty.
    public var unit: String
    /// The subject it belongs to (a hop, an address), or empty.
    public var subject: String
    public var warn: String?
    public var critical: String?
    public var min: Double?
    public var max: Double?

    public init(name: String, value: Double, unit: String = "", subject: String = "",
                warn: String? = nil, critical: String? = nil, min: Double? = nil, max: Double? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.subject = subject
        self.warn = warn
        self.critical = critical
        self.min = min
        self.max = max
    }
}
