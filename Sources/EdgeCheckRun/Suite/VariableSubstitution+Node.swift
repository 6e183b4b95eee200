import Yams
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

extension VariableSubstitution {
    /// A copy of `node` with every scalar value substituted; mapping keys are left alone, so a
    /// misspelt key is still reported as written. Errors name the value's line and key.
    func apply(to node: Node, file: String, keyPath: String) throws(SuiteError) -> Node {
        switch node {
        case .scalar(var scalar):
            if keyPath == "proxy" || keyPath.hasSuffix(".proxy"), ProxyChoice.hasLiteralCredentials(scalar.string) {
                throw SuiteError(file: file, line: scalar.mark?.line, key: keyPath,
                                 message: "proxy credentials must come from variables (http://${USER}:${PASSWORD}@HOST:PORT), never written in the suite")
            }
            do {
                let text = try substitute(scalar.string)
                if text != scalar.string { scalar.string = text }
            } catch {
                throw SuiteError(file: file, line: scalar.mark?.line, key: keyPath, message: error.message)
            }
            return .scalar(scalar)
        case .sequence(let sequence):
            var items: [Node] = []
            for (index, item) in sequence.enumerated() {
                items.append(try apply(to: item, file: file, keyPath: "\(keyPath)[\(index)]"))
            }
            return .sequence(Node.Sequence(items, sequence.tag, sequence.style, sequence.mark))
        case .mapping(let mapping):
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping {
                let name = key.string ?? "?"
                let path = keyPath.isEmpty ? name : "\(keyPath).\(name)"
                pairs.append((key, try apply(to: value, file: file, keyPath: path)))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .alias:
            // Aliases are resolved while composing; an unresolved one cannot reach here.
            return node
        }
    }
}
