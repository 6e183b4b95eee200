import Foundation
import Yams
import EdgeCheckNet

/// Typed, located access to one check's mapping in a suite file.
///
/// Every accessor returns nil when the key is absent and throws a `SuiteError` naming the file,
/// line and key when the value is of the wrong shape. `${VAR}` has already been substituted.
public struct CheckSettings: Sendable {
    /// The suite file as the user named it.
    public let file: String
    /// The folder relative paths are resolved against.
    public let directory: URL
    /// The suite's `target`, if any.
    public let target: URL?
    /// Prefix for key names in errors, e.g. `checks[2]` or `checks[2].hops[0]`.
    public let keyPath: String
    /// The line of the mapping itself, for errors about a missing key.
    public let line: Int?
    private let entries: [String: Entry]

    struct Entry: @unchecked Sendable {  // Yams.Node is a value type without Sendable conformance.
        let node: Node
        let line: Int?
    }

    /// Wraps a mapping node. Duplicate keys are the loader's concern.
    public init(mapping node: Node, file: String, directory: URL, target: URL?, keyPath: String) {
        self.file = file
        self.directory = directory
        self.target = target
        self.keyPath = keyPath
        self.line = node.mark.map { $0.line }
        var entries: [String: Entry] = [:]
        for (key, value) in node.mapping ?? [:] {
            // The key's line, not the value's: a block list or mapping starts on the next line,
            // and a person looks for the key they wrote.
            if let name = key.string { entries[name] = Entry(node: value, line: (key.mark ?? value.mark)?.line) }
        }
        self.entries = entries
    }

    /// The keys present, in no particular order.
    public var keys: [String] { Array(entries.keys) }

    /// Whether `key` is present.
    public func has(_ key: String) -> Bool { entries[key] != nil }

    /// The line of `key`'s value, or of the mapping when the key is absent.
    public func line(of key: String) -> Int? { entries[key]?.line ?? line }

    /// An error about `key`, located at its line.
    public func error(_ key: String, _ message: String) -> SuiteError {
        SuiteError(file: file, line: line(of: key), key: qualified(key), message: message)
    }

    /// `keyPath.key`, the name errors use.
    public func qualified(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }

    /// Fails with "missing required key" when `value` is nil.
    public func required<T>(_ value: T?, _ key: String) throws(SuiteError) -> T {
        guard let value else { throw error(key, "missing required key") }
        return value
    }

    // MARK: Scalars

    /// The value as written; a list or mapping is an error.
    public func string(_ key: String) throws(SuiteError) -> String? {
        try scalar(key, expected: "a string")
    }

    /// The text of a scalar value; a list or mapping is an error that says what was `expected`.
    private func scalar(_ key: String, expected: String) throws(SuiteError) -> String? {
        guard let entry = entries[key] else { return nil }
        guard case .scalar(let scalar) = entry.node else {
            throw error(key, "expected \(expected), found \(entry.node.suiteDescription)")
        }
        return scalar.string
    }

    /// A whole number in decimal within `range`.
    public func int(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(SuiteError) -> Int? {
        guard let text = try scalar(key, expected: "a whole number") else { return nil }
        guard let value = Int(text) else { throw error(key, "expected a whole number, found '\(text)'") }
        guard range.contains(value) else {
            throw error(key, "\(value) is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// `true`/`yes`/`on` or `false`/`no`/`off`, in any case.
    public func bool(_ key: String) throws(SuiteError) -> Bool? {
        guard let text = try scalar(key, expected: "true or false") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "expected true or false, found '\(text)'")
        }
    }

    /// `250ms`, `5s`, `1.5s`, `2m`; a bare number is an error.
    public func duration(_ key: String) throws(SuiteError) -> Duration? {
        guard let text = try scalar(key, expected: "a duration (250ms, 5s, 1.5s or 2m)") else { return nil }
        guard let value = DurationParser.parse(text) else {
            throw error(key, "'\(text)' is not a duration (write 250ms, 5s, 1.5s or 2m)")
        }
        return value
    }

    /// One of `allowed`, compared case-sensitively.
    public func oneOf(_ key: String, _ allowed: [String]) throws(SuiteError) -> String? {
        guard let text = try scalar(key, expected: "one of \(allowed.joined(separator: ", "))") else { return nil }
        guard allowed.contains(text) else {
            throw error(key, "'\(text)' is not one of \(allowed.joined(separator: ", "))")
        }
        return text
    }

    /// An absolute http(s) URL with a host.
    public func url(_ key: String) throws(SuiteError) -> URL? {
        guard let text = try scalar(key, expected: "an http or https URL") else { return nil }
        guard let url = URLParser.parse(text) else {
            throw error(key, URLParser.problem(with: text) ?? "'\(text)' is not an http or https URL with a host")
        }
        return url
    }

    /// An IP address (v4 or v6).
    public func ip(_ key: String) throws(SuiteError) -> String? {
        guard let text = try scalar(key, expected: "an IP address") else { return nil }
        // A block of one (`/32`) is still a block where one address is asked for.
        guard !text.contains("/"), let range = AddressRange(text), let address = range.singleAddress else {
            throw error(key, "'\(text)' is not an IP address")
        }
        return address
    }

    /// A file path, made absolute against the suite's folder.
    public func path(_ key: String) throws(SuiteError) -> String? {
        guard let text = try scalar(key, expected: "a path") else { return nil }
        guard !text.isEmpty else { throw error(key, "expected a path, found an empty string") }
        if text.hasPrefix("/") { return text }
        return directory.appendingPathComponent(text).standardizedFileURL.path
    }

    // MARK: Collections

    /// A list of scalars; a single scalar is not accepted as a list.
    public func stringList(_ key: String) throws(SuiteError) -> [String]? {
        try scalarItems(key)?.map(\.text)
    }

    /// The items of a list of scalars with their lines, so an error can point at the item.
    public func scalarItems(_ key: String) throws(SuiteError) -> [(text: String, line: Int?)]? {
        guard let entry = entries[key] else { return nil }
        guard case .sequence(let sequence) = entry.node else {
            throw error(key, "expected a list, found \(entry.node.suiteDescription)")
        }
        var result: [(text: String, line: Int?)] = []
        for (index, item) in sequence.enumerated() {
            guard case .scalar(let scalar) = item else {
                throw SuiteError(file: file, line: item.mark?.line ?? entry.line, key: qualified("\(key)[\(index)]"),
                                 message: "expected a single value, found \(item.suiteDescription)")
            }
            result.append((scalar.string, scalar.mark?.line ?? entry.line))
        }
        return result
    }

    /// A list of IPs and CIDRs.
    public func addressRanges(_ key: String) throws(SuiteError) -> [AddressRange]? {
        guard let items = try scalarItems(key) else { return nil }
        var result: [AddressRange] = []
        for (index, item) in items.enumerated() {
            guard let range = AddressRange(item.text) else {
                throw SuiteError(file: file, line: item.line, key: qualified("\(key)[\(index)]"),
                                 message: "'\(item.text)' is not an IP address or CIDR block")
            }
            result.append(range)
        }
        return result
    }

    /// A mapping of string to string, in file order.
    public func stringMap(_ key: String) throws(SuiteError) -> [(key: String, value: String)]? {
        try scalarPairs(key)?.map { ($0.key, $0.value) }
    }

    /// The pairs of a mapping of scalars with the line of each, so an error can point at it.
    public func scalarPairs(_ key: String) throws(SuiteError) -> [(key: String, value: String, line: Int?)]? {
        guard let entry = entries[key] else { return nil }
        guard case .mapping(let mapping) = entry.node else {
            throw error(key, "expected a mapping, found \(entry.node.suiteDescription)")
        }
        var result: [(key: String, value: String, line: Int?)] = []
        for (name, value) in mapping {
            guard let name = name.string, case .scalar(let scalar) = value else {
                throw SuiteError(file: file, line: value.mark?.line ?? entry.line, key: qualified(key),
                                 message: "expected NAME: value pairs")
            }
            result.append((name, scalar.string, scalar.mark?.line ?? entry.line))
        }
        return result
    }

    /// A list of mappings (e.g. `hops`), each wrapped for typed access. Unknown keys inside are
    /// rejected against `allowedKeys`.
    public func mappingList(_ key: String, allowedKeys: [String]) throws(SuiteError) -> [CheckSettings]? {
        guard let entry = entries[key] else { return nil }
        guard case .sequence(let sequence) = entry.node else {
            throw error(key, "expected a list, found \(entry.node.suiteDescription)")
        }
        var result: [CheckSettings] = []
        for (index, item) in sequence.enumerated() {
            let path = qualified("\(key)[\(index)]")
            guard case .mapping = item else {
                throw SuiteError(file: file, line: item.mark?.line ?? entry.line, key: path,
                                 message: "expected a mapping, found \(item.suiteDescription)")
            }
            let settings = CheckSettings(mapping: item, file: file, directory: directory, target: target, keyPath: path)
            for name in settings.keys where !allowedKeys.contains(name) {
                throw settings.error(name, KeySuggestion.unknownKeyMessage(name, valid: allowedKeys))
            }
            result.append(settings)
        }
        return result
    }

    /// A mapping of string to duration (e.g. `budget`), in file order.
    public func durationMap(_ key: String) throws(SuiteError) -> [(key: String, value: Duration)]? {
        guard let pairs = try scalarPairs(key) else { return nil }
        var result: [(key: String, value: Duration)] = []
        for (name, text, line) in pairs {
            guard let value = DurationParser.parse(text) else {
                throw SuiteError(file: file, line: line, key: qualified("\(key).\(name)"),
                                 message: "'\(text)' is not a duration (write 250ms, 5s, 1.5s or 2m)")
            }
            result.append((name, value))
        }
        return result
    }
}
