/// A JSON pointer (RFC 6901) such as `/request/headers`: where a canary's JSON echo keeps its
/// headers (`headers-at`). `~1` stands for `/` and `~0` for `~` inside a name; the empty pointer
/// is the whole document.
struct JSONPointer: Sendable, Equatable {
    /// The reference tokens, unescaped.
    var tokens: [String]

    /// Nil when `text` is neither empty nor starts with `/`, or holds a `~` not followed by 0 or 1.
    init?(_ text: String) {
        guard text.isEmpty || text.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in text.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            var token = ""
            var escaping = false
            for character in raw {
                if escaping {
                    switch character {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: return nil
                    }
                    escaping = false
                } else if character == "~" {
                    escaping = true
                } else {
                    token.append(character)
                }
            }
            if escaping { return nil }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// The value the pointer names in a `JSONSerialization` document, or nil when there is none.
    func resolve(in document: Any) -> Any? {
        var current = document
        for token in tokens {
            if let object = current as? [String: Any], let member = object[token] {
                current = member
            } else if let array = current as? [Any], let index = Int(token), token == String(index),
                      array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }
}
