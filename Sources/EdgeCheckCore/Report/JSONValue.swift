/// A JSON document whose objects keep their keys in the order given, so the report follows the
/// contract's key order. (Foundation's `JSONEncoder` on Linux orders keys by hash, differently on
/// every run, which is why the envelope is not encoded with it.)
enum JSONValue {
    case null
    case bool(Bool)
    /// A number already written as JSON (see `ReportFormatting.jsonNumber`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// Compact JSON text produced by `JSONEncoder`, re-indented to fit where it is placed.
    case encoded(String)

    static func string(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    /// The document pretty-printed with two-space indentation and a final newline.
    func pretty() -> String {
        var output = ""
        write(to: &output, indent: 0)
        output += "\n"
        return output
    }

    private func write(to output: inout String, indent: Int) {
        switch self {
        case .null:
            output += "null"
        case .bool(let value):
            output += value ? "true" : "false"
        case .number(let text):
            output += text
        case .string(let text):
            output += Self.quoted(text)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += Self.indentation(indent + 1)
                item.write(to: &output, indent: indent + 1)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += Self.indentation(indent) + "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            for (index, (key, value)) in members.enumerated() {
                output += Self.indentation(indent + 1) + Self.quoted(key) + ": "
                value.write(to: &output, indent: indent + 1)
                output += index == members.count - 1 ? "\n" : ",\n"
            }
            output += Self.indentation(indent) + "}"
        case .encoded(let text):
            Self.reindent(compact: text, indent: indent, into: &output)
        }
    }

    private static func indentation(_ level: Int) -> String {
        String(repeating: "  ", count: level)
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, and the line
    /// and paragraph separators too so that the file is also safe to paste into JavaScript.
    static func quoted(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: result.append(contentsOf: "\\\"".unicodeScalars)
            case 0x5C: result.append(contentsOf: "\\\\".unicodeScalars)
            case 0x0A: result.append(contentsOf: "\\n".unicodeScalars)
            case 0x0D: result.append(contentsOf: "\\r".unicodeScalars)
            case 0x09: result.append(contentsOf: "\\t".unicodeScalars)
            case 0..<0x20, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            default:
                result.append(scalar)
            }
        }
        result.append("\"")
        return String(result)
    }

    /// Pretty-prints compact, valid JSON text in the same style as the rest of the document.
    /// Works on the text alone (strings are copied untouched), so numbers and booleans keep
    /// exactly the form `JSONEncoder` gave them.
    private static func reindent(compact text: String, indent: Int, into output: inout String) {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        var level = indent
        var index = 0
        func newline() {
            result.append(0x0A)
            result.append(contentsOf: Array(repeating: 0x20, count: 2 * level))
        }
        func nextSignificant(after position: Int) -> UInt8? {
            var next = position + 1
            while next < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[next]) { next += 1 }
            return next < bytes.count ? bytes[next] : nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                // Copy the whole string, escapes included.
                result.append(byte)
                index += 1
                while index < bytes.count {
                    let inner = bytes[index]
                    result.append(inner)
                    if inner == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        index += 1
                        result.append(bytes[index])
                    } else if inner == UInt8(ascii: "\"") {
                        break
                    }
                    index += 1
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if nextSignificant(after: index) == close {
                    result.append(byte)
                    result.append(close)
                    while bytes[index] != close { index += 1 }
                } else {
                    result.append(byte)
                    level += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                level -= 1
                newline()
                result.append(byte)
            case UInt8(ascii: ","):
                result.append(byte)
                newline()
            case UInt8(ascii: ":"):
                result.append(contentsOf: [byte, 0x20])
            case 0x20, 0x0A, 0x0D, 0x09:
                break
            default:
                result.append(byte)
            }
            index += 1
        }
        output += String(decoding: result, as: UTF8.self)
    }
}
