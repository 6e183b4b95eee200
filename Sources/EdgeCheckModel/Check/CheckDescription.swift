import EdgeCheckNet

/// What `edgecheck list` prints about a kind, and what the suite loader accepts for it.
public struct CheckDescription: Sendable {
    /// The `kind:` value, e.g. `static-ip`.
    public let kind: String
    /// One sentence: what the check proves.
    public let summary: String
    /// The kind-specific keys (the common keys are in `CommonSettings.keys`).
    public let keys: [KeyDescription]

    public init(kind: String, summary: String, keys: [KeyDescription]) {
        self.kind = kind
        self.summary = summary
        self.keys = keys
    }
}

/// One key of a suite entry.
public struct KeyDescription: Sendable, Codable {
    public let name: String
    /// The value's shape as a person writes it: `duration`, `[IP or CIDR]`, `url`, `int`, ...
    public let type: String
    /// The default as written in a suite, or nil when the key is required or has no default.
    public let defaultValue: String?
    public let required: Bool
    public let meaning: String

    public init(_ name: String, type: String, default defaultValue: String? = nil, required: Bool = false,
                meaning: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.required = required
        self.meaning = meaning
    }

    public enum CodingKeys: String, CodingKey {
        case name, type, required, meaning
        case defaultValue = "default"
    }
}
