import Yams
import EdgeCheckNet

extension SuiteError {
    /// A YAML error from Yams, located at the line it reports.
    public init(yaml error: YamlError, file: String, text: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if problem == "but found another document" {
                self.init(file: file, line: mark.line, key: "",
                          message: "invalid YAML: a suite is one document, found a second one after '---'")
                return
            }
            var message = "invalid YAML: \(problem)"
            // libyaml's context names the construct it was in and where that began, e.g.
            // "while parsing a block mapping" at line 2: the other end of an indentation mistake.
            if let context, context.mark.line != mark.line {
                message += " (\(context.text) that starts at line \(context.mark.line))"
            } else if let context {
                message += " (\(context.text))"
            }
            if Self.isIndentedWithTab(line: mark.line, in: text) { message += "; indent with spaces, not tabs" }
            self.init(file: file, line: mark.line, key: "", message: message)
        case .reader(let problem, let offset, _, _):
            let line = offset.map { Self.line(atCharacterOffset: $0, in: text) }
            self.init(file: file, line: line, key: "", message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark.line
            let again = Self.repeatedKeyLine(key, column: context.mark.column, after: first, in: text)
            self.init(file: file, line: again ?? first, key: key,
                      message: again == nil ? "key appears more than once in the same mapping"
                                            : "key appears more than once in the same mapping (first at line \(first))")
        default:
            self.init(file: file, line: nil, key: "", message: "invalid YAML: \(error)")
        }
    }

    /// YAML forbids tabs in indentation, and libyaml's words for it rarely say so.
    private static func isIndentedWithTab(line: Int, in text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return false }
        return lines[line - 1].prefix { $0 == " " || $0 == "\t" }.contains("\t")
    }

    private static func line(atCharacterOffset offset: Int, in text: String) -> Int {
        1 + text.prefix(offset).reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    }

    /// Yams reports where a duplicated key is first written; the second one is the mistake a
    /// user looks for. In a block mapping it starts in the same column on a later line.
    private static func repeatedKeyLine(_ key: String, column: Int, after first: Int, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first < lines.count else { return nil }
        for index in first..<lines.count {
            let line = lines[index]
            guard line.count >= column else { continue }
            let indent = line.prefix(column - 1)
            // The same depth: only spaces before the key, or "- " when it opens a list item.
            guard indent.allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            let rest = line.dropFirst(column - 1)
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(spelling) {
                if rest.dropFirst(spelling.count).drop(while: { $0 == " " }).hasPrefix(":") { return index + 1 }
            }
        }
        return nil
    }
}
