import Foundation

/// Replaces the values of secret-bearing `${NAME}` references with the suite's own text
/// `${NAME}`, in everything a report or a message shows.
///
/// A value counts as secret when it was substituted into an exec check's `args` or `env`, or
/// into the query or fragment of a URL: a password for a plugin, a token in a query string. Values shorter than
/// `minimumLength` are left alone: they cannot hold a secret worth the name, and replacing
/// every `1` in a report would garble it.
public struct SecretRedactor: Sendable, Equatable {
    public static let minimumLength = 4

    /// Name and value of each secret, longest value first (so a secret holding another is
    /// replaced whole).
    public private(set) var secrets: [(name: String, value: String)] = []

    public init(_ secrets: [(name: String, value: String)] = []) {
        for secret in secrets { add(name: secret.name, value: secret.value) }
    }

    public static func == (left: SecretRedactor, right: SecretRedactor) -> Bool {
        left.secrets.map(\.name) == right.secrets.map(\.name) && left.secrets.map(\.value) == right.secrets.map(\.value)
    }

    public var isEmpty: Bool { secrets.isEmpty }

    public mutating func add(name: String, value: String) {
        guard value.count >= Self.minimumLength, !secrets.contains(where: { $0.value == value }) else { return }
        secrets.append((name, value))
        secrets.sort { $0.value.count > $1.value.count }
        // The percent-encoded spelling, as a URL carries it.
        if let encoded = value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))),
           encoded != value, !secrets.contains(where: { $0.value == encoded }) {
            secrets.append((name, encoded))
            secrets.sort { $0.value.count > $1.value.count }
        }
    }

    /// `text` with every secret value replaced by `${NAME}`.
    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.contains(secret.value) {
            result = result.replacingOccurrences(of: secret.value, with: "${\(secret.name)}")
        }
        return result
    }

    /// Whether `text` holds a secret value.
    public func reveals(_ text: String) -> Bool {
        secrets.contains { text.contains($0.value) }
    }

    /// `result` with secrets gone from its summary, findings, subjects, proxies, measurements and data.
    public func redact(_ result: CheckResult) -> CheckResult {
        guard !secrets.isEmpty else { return result }
        var result = result
        result.summary = redact(result.summary)
        result.subjects = result.subjects.map(redact)
        result.proxies = result.proxies.map(redact)
        result.findings = result.findings.map { finding in
            var finding = finding
            finding.subject = redact(finding.subject)
            finding.message = redact(finding.message)
            finding.hint = finding.hint.map(redact)
            return finding
        }
        result.measurements = result.measurements.map { measurement in
            var measurement = measurement
            measurement.name = redact(measurement.name)
            measurement.subject = redact(measurement.subject)
            measurement.warn = measurement.warn.map(redact)
            measurement.critical = measurement.critical.map(redact)
            return measurement
        }
        if let data = RedactedData(result.data, by: self) { result.data = data }
        return result
    }
}

/// A kind's `data` whose JSON held a secret, as that JSON with the secrets redacted. Only data
/// that revealed something is replaced, so every other result keeps its own type.
struct RedactedData: CheckData {
    private let tree: JSONTree

    init?(_ data: any CheckData, by redactor: SecretRedactor) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let encoded = try? encoder.encode(data), let text = String(data: encoded, encoding: .utf8),
              redactor.reveals(text), let tree = try? JSONDecoder().decode(JSONTree.self, from: encoded) else { return nil }
        self.tree = tree.redacted(by: redactor)
    }

    func encode(to encoder: any Encoder) throws { try tree.encode(to: encoder) }
}

/// A JSON value as decoded, so its strings (and keys) can be redacted and it can be written again.
private indirect enum JSONTree: Codable, Sendable {
    case null, bool(Bool), integer(Int), number(Double), string(String)
    case array([JSONTree]), object([(String, JSONTree)])

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            // Sorted: decoding keeps no order, and a report must not change from run to run.
            self = .object(try object.allKeys.map(\.stringValue).sorted().map { ($0, try object.decode(JSONTree.self, forKey: Key($0))) })
        } else if var array = try? decoder.unkeyedContainer() {
            var values: [JSONTree] = []
            while !array.isAtEnd { values.append(try array.decode(JSONTree.self)) }
            self = .array(values)
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { self = .null }
            else if let bool = try? value.decode(Bool.self) { self = .bool(bool) }
            else if let integer = try? value.decode(Int.self) { self = .integer(integer) }
            else if let number = try? value.decode(Double.self) { self = .number(number) }
            else { self = .string(try value.decode(String.self)) }
        }
    }

    func redacted(by redactor: SecretRedactor) -> JSONTree {
        switch self {
        case .string(let text): return .string(redactor.redact(text))
        case .array(let values): return .array(values.map { $0.redacted(by: redactor) })
        case .object(let pairs): return .object(pairs.map { (redactor.redact($0.0), $0.1.redacted(by: redactor)) })
        default: return self
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .integer(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .object(let pairs):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in pairs { try container.encode(value, forKey: Key(key)) }
        }
    }
}
