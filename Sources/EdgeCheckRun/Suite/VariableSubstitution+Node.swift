import Yams
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

extension VariableSubstitution {
    /// A copy of `node` with every scalar value substituted; mapping keys are left alone, so a
    /// misspelt key is still reported as written. Errors name the value's line and key.
    ///
    /// Values substituted into secret-bearing places (an exec check's `args` and `env`, any URL)
    /// are added to `secrets`, so reports and messages show `${NAME}` instead.
    func apply(to node: Node, file: String, keyPath: String, secrets: inout SecretRedactor) throws(SuiteError) -> Node {
        switch node {
        case .scalar(var scalar):
            if keyPath == "proxy" || keyPath.hasSuffix(".proxy"), ProxyChoice.hasLiteralCredentials(scalar.string) {
                throw SuiteError(file: file, line: scalar.mark?.line, key: keyPath,
                                 message: "proxy credentials must come from variables (http://${USER}:${PASSWORD}@HOST:PORT), never written in the suite")
            }
            do {
                var used: [(name: String, value: String)] = []
                let raw = scalar.string
                let text = try substitute(raw, used: &used)
                if text != raw { scalar.string = text }
                let secret = Self.secretNames(keyPath: keyPath, raw: raw, value: text)
                for variable in used where secret.contains(variable.name) {
                    secrets.add(name: variable.name, value: variable.value)
                }
            } catch {
                throw SuiteError(file: file, line: scalar.mark?.line, key: keyPath, message: error.message)
            }
            return .scalar(scalar)
        case .sequence(let sequence):
            var items: [Node] = []
            for (index, item) in sequence.enumerated() {
                items.append(try apply(to: item, file: file, keyPath: "\(keyPath)[\(index)]", secrets: &secrets))
            }
            return .sequence(Node.Sequence(items, sequence.tag, sequence.style, sequence.mark))
        case .mapping(let mapping):
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping {
                let name = key.string ?? "?"
                let path = keyPath.isEmpty ? name : "\(keyPath).\(name)"
                pairs.append((key, try apply(to: value, file: file, keyPath: path, secrets: &secrets)))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .alias:
            // Aliases are resolved while composing; an unresolved one cannot reach here.
            return node
        }
    }

    /// The variables whose values may be secret in the value at `keyPath`, written `raw`, that
    /// substitutes to `value`: every one in a plugin's `args` or `env`; in a URL, those in its query
    /// or fragment (where tokens go). A variable that gives a URL's scheme, host, port or path names
    /// the target, which every report must be able to show.
    static func secretNames(keyPath: String, raw: String, value: String) -> Set<String> {
        let last = keyPath.split(separator: ".").last.map(String.init) ?? keyPath
        let references = Self.references(in: Substring(raw))
        if last.hasPrefix("args[") || keyPath.contains(".env.") || keyPath.hasPrefix("env.") { return references }
        let isURL = value.contains("://") || last == "url" || last == "target" || last.hasSuffix("-url") || last == "proxy"
        guard isURL, let query = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return [] }
        return Self.references(in: raw[query...])
    }

    /// The names of the `${NAME}` and `${NAME:-...}` references in `text`.
    private static func references(in text: Substring) -> Set<String> {
        var names: Set<String> = []
        var rest = text
        while let start = rest.range(of: "${") {
            let name = rest[start.upperBound...].prefix { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            if !name.isEmpty { names.insert(String(name)) }
            rest = rest[start.upperBound...]
        }
        return names
    }
}
