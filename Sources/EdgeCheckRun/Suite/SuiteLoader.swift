import Foundation
import Yams
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// Options from the command line that shape how suites load and run.
public struct LoadOptions: Sendable {
    /// `--var NAME=VALUE`, looked up before the environment.
    public var variables: [String: String]
    public var environment: [String: String]
    /// `--dns-server`: overrides every suite's resolvers when not empty.
    public var dnsServers: [DNSServer]
    /// `--bind`: overrides every check's source address.
    public var bind: String?
    /// `--ca-file`: extra trust anchors for every TLS connection (absolute path).
    public var caFile: String?
    /// `--timeout`: the default per-operation timeout.
    public var timeout: Duration
    /// `--proxy`: overrides every check's `proxy`.
    public var proxy: ProxyChoice?
    /// The proxy variables of `environment`, for `proxy: env`, or why they cannot be used.
    public var proxyEnvironment: Result<ProxyEnvironment, ProxyProblem>
    /// Replaces every suite's `target` (`serve`'s `/probe?target=`); nil keeps the suite's own.
    public var target: URL?

    public init(variables: [String: String] = [:], environment: [String: String] = [:], dnsServers: [DNSServer] = [],
                bind: String? = nil, caFile: String? = nil, timeout: Duration = .seconds(5), proxy: ProxyChoice? = nil,
                target: URL? = nil) {
        self.proxy = proxy
        proxyEnvironment = Result { () throws(ProxyProblem) in try ProxyEnvironment(reading: environment) }
        self.variables = variables
        self.environment = environment
        self.dnsServers = dnsServers
        self.bind = bind
        self.caFile = caFile
        self.timeout = timeout
        self.target = target
    }
}

/// Reads suite files into `Suite`s, or throws the first `SuiteError`.
///
/// Order of work: YAML syntax (with Yams' duplicate-key check), `${VAR}` substitution in every
/// value, the top-level keys, `defaults`, then each check in file order: its kind, unknown keys,
/// common keys, id, and finally the kind's own keys through `Kind.init(settings:)`.
public enum SuiteLoader {
    /// The keys a suite file's top level may have.
    public static let topLevelKeys = ["name", "target", "defaults", "checks"]

    /// The common keys `defaults` may set: every common key except a check's identity.
    public static var defaultableKeys: [String] {
        CommonSettings.keys.map(\.name).filter { $0 != "id" && $0 != "kind" }
    }

    /// Loads and validates one file. `path` is kept as written for messages.
    public static func load(path: String, options: LoadOptions) throws(SuiteError) -> Suite {
        let text = try read(path)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL
        return try parse(yaml: text, file: path, directory: directory, options: options)
    }

    /// Parses suite text (for tests and the built-in suite); `file` is used in messages.
    public static func parse(yaml: String, file: String, directory: URL, options: LoadOptions) throws(SuiteError) -> Suite {
        let root = try compose(yaml, file: file)
        let substitution = VariableSubstitution(variables: options.variables, environment: options.environment)
        var secrets = SecretRedactor()
        let document = try substitution.apply(to: root, file: file, keyPath: "", secrets: &secrets)
        do {
            var suite = try validate(document, file: file, directory: directory, options: options)
            suite.secrets = secrets
            return suite
        } catch {
            // A message may quote a value; a secret in it is shown as the suite wrote it.
            var error = error
            error.message = secrets.redact(error.message)
            throw error
        }
    }

    /// Everything after substitution: top-level keys, defaults, each check.
    private static func validate(_ document: Node, file: String, directory: URL,
                                 options: LoadOptions) throws(SuiteError) -> Suite {

        let top = try mappingSettings(document, file: file, directory: directory, target: nil, keyPath: "")
        try rejectUnknownKeys(document, in: top, valid: topLevelKeys)

        let name = try top.string("name")
        if let name, name.isEmpty { throw top.error("name", "expected a suite name, found nothing") }
        let suiteTarget = try top.url("target")
        let target = options.target ?? suiteTarget

        let defaults = try defaultsSettings(document, file: file, directory: directory, target: target)
            .map { settings throws(SuiteError) in
                let partial = try CommonSettings.Partial(settings)
                try CommonSettings.checkProxyEnvironment(partial, settings, options: options)
                return partial
            }
        let entries = try checkEntries(document, top: top)
        var configured: [(kind: String, common: CommonSettings.Partial, check: any Check)] = []
        var ids = CheckIDAssignment()
        for (index, entry) in entries.enumerated() {
            let settings = try entrySettings(entry, index: index, file: file, directory: directory, target: target)
            try rejectMergeKeys(entry, in: settings)
            let kind = try kind(of: settings)
            let validKeys = CommonSettings.keys.map(\.name) + kind.description.keys.map(\.name)
            try rejectUnknownKeys(entry, in: settings, valid: validKeys)
            let common = try CommonSettings.Partial(settings)
            try CommonSettings.checkProxyEnvironment(common, settings, options: options)
            try ids.claim(try settings.string("id"), settings: settings)
            let check = try kind.init(settings: settings)
            configured.append((kind.description.kind, common, check))
        }
        var checks: [ConfiguredCheck] = []
        for (index, entry) in configured.enumerated() {
            let id = ids.id(forEntry: index, kind: entry.kind)
            let common = CommonSettings(id: id, kind: entry.kind, check: entry.common, defaults: defaults, options: options)
            checks.append(ConfiguredCheck(common: common, check: entry.check))
        }
        return Suite(name: name ?? defaultName(for: file), file: file, directory: directory, target: target, checks: checks)
    }

    /// The suite name when the file gives none: the file name without its extension.
    static func defaultName(for file: String) -> String {
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return file.isEmpty || base.isEmpty ? "edgecheck" : base
    }
}

// MARK: - Steps

extension SuiteLoader {
    private static func read(_ path: String) throws(SuiteError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SuiteError(file: path, line: nil, key: "", message: "cannot read: \(readProblem(path))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SuiteError(file: path, line: nil, key: "", message: "cannot read: the file is not UTF-8 text")
        }
        return text
    }

    /// The reason a file cannot be read, in the words `cat` would use.
    private static func readProblem(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a folder, not a file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return "the file could not be read"
    }

    private static func compose(_ text: String, file: String) throws(SuiteError) -> Node {
        let root: Node?
        do {
            // Every value is read as text and typed by the key that holds it, so no implicit tag
            // resolution is needed; skipping it also skips compiling its regular expressions (ICU)
            // at start-up, which cost several milliseconds of every run.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw SuiteError(yaml: error, file: file, text: text)
        } catch {
            throw SuiteError(file: file, line: nil, key: "", message: "invalid YAML: \(error)")
        }
        guard let root, !root.isNull else {
            throw SuiteError(file: file, line: 1, key: "", message: "the suite is empty; expected a mapping with a 'checks' list")
        }
        return root
    }

    private static func mappingSettings(_ node: Node, file: String, directory: URL, target: URL?, keyPath: String) throws(SuiteError) -> CheckSettings {
        guard case .mapping = node else {
            throw SuiteError(file: file, line: node.mark?.line, key: keyPath,
                             message: "expected a mapping with keys \(topLevelKeys.joined(separator: ", ")), found \(node.suiteDescription)")
        }
        return CheckSettings(mapping: node, file: file, directory: directory, target: target, keyPath: keyPath)
    }

    /// Rejects keys of `node` (a mapping) outside `valid`, the first in file order, with the
    /// nearest valid key when one is close.
    static func rejectUnknownKeys(_ node: Node, in settings: CheckSettings, valid: [String]) throws(SuiteError) {
        try rejectMergeKeys(node, in: settings)
        for (key, _) in node.mapping ?? [:] {
            guard case .scalar(let scalar) = key else {
                throw SuiteError(file: settings.file, line: key.mark?.line, key: settings.keyPath,
                                 message: "expected a key name, found \(key.suiteDescription)")
            }
            if !valid.contains(scalar.string) {
                throw SuiteError(file: settings.file, line: scalar.mark?.line, key: settings.qualified(scalar.string),
                                 message: KeySuggestion.unknownKeyMessage(scalar.string, valid: valid))
            }
        }
    }

    /// Yams keeps `<<` as a plain key; its meaning (merge another mapping in) is what `defaults`
    /// is for, and saying so beats "unknown key" or "missing kind".
    static func rejectMergeKeys(_ node: Node, in settings: CheckSettings) throws(SuiteError) {
        for (key, _) in node.mapping ?? [:] where key.string == "<<" {
            throw SuiteError(file: settings.file, line: key.mark?.line, key: settings.qualified("<<"),
                             message: "YAML merge keys are not supported; put shared keys in 'defaults'")
        }
    }

    private static func defaultsSettings(_ document: Node, file: String, directory: URL, target: URL?) throws(SuiteError) -> CheckSettings? {
        guard let node = document.mapping?["defaults"] else { return nil }
        guard case .mapping = node else {
            if node.isNull { return nil }
            throw SuiteError(file: file, line: node.mark?.line, key: "defaults",
                             message: "expected a mapping of common keys, found \(node.suiteDescription)")
        }
        let settings = CheckSettings(mapping: node, file: file, directory: directory, target: target, keyPath: "defaults")
        for (key, _) in node.mapping ?? [:] {
            if let name = key.string, name == "id" || name == "kind" {
                throw settings.error(name, "'\(name)' cannot be a default; each check sets its own")
            }
        }
        try rejectUnknownKeys(node, in: settings, valid: defaultableKeys)
        return settings
    }

    private static func checkEntries(_ document: Node, top: CheckSettings) throws(SuiteError) -> [Node] {
        guard let node = document.mapping?["checks"] else {
            throw top.error("checks", "missing required key; list at least one check")
        }
        if node.isNull { throw top.error("checks", "expected a list of checks, found nothing") }
        guard case .sequence(let sequence) = node else {
            throw top.error("checks", "expected a list of checks, found \(node.suiteDescription)")
        }
        guard !sequence.isEmpty else { throw top.error("checks", "expected at least one check, found an empty list") }
        return Array(sequence)
    }

    private static func entrySettings(_ entry: Node, index: Int, file: String, directory: URL, target: URL?) throws(SuiteError) -> CheckSettings {
        let keyPath = "checks[\(index)]"
        guard case .mapping = entry else {
            throw SuiteError(file: file, line: entry.mark?.line, key: keyPath,
                             message: "expected a mapping with at least 'kind', found \(entry.suiteDescription)")
        }
        return CheckSettings(mapping: entry, file: file, directory: directory, target: target, keyPath: keyPath)
    }

    private static func kind(of settings: CheckSettings) throws(SuiteError) -> any Check.Type {
        let name = try settings.required(try settings.string("kind"), "kind")
        guard let kind = CheckRegistry.kind(named: name) else {
            throw settings.error("kind", KeySuggestion.unknownKindMessage(name, valid: CheckRegistry.kindNames))
        }
        return kind
    }
}
