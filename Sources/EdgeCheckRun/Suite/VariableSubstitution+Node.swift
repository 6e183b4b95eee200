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
                let text = try substitute(scalar.string, used: &used)
                if text != scalar.string { scalar.string = text }
                if Self.bearsSecrets(keyPath: keyPath, value: text) {
                    for variable in used { secrets.add(name: variable.name, value: variable.value) }
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

    /// Whether a value at `keyPath` may carry a secret: a plugin's arguments or environment, or
    /// a URL (a token in its query, say). Other keys (timeouts, ids) hold nothing secret.
    static func bearsSecrets(keyPath: String, value: String) -> Bool {
        let last = keyPath.split(separator: ".").last.map(String.init) ?? keyPath
        if last.hasPrefix("args[") || keyPath.contains(".env.") || keyPath.hasPrefix("env.") { return true }
        if value.contains("://") { return true }
        return last == "url" || last == "target" || last.hasSuffix("-url") || last == "proxy"
    }
}
