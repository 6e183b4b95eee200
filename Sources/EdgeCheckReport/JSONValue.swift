import EdgeCheckModel

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
        // Written as UTF-8 bytes into one buffer: appending to a String piece by piece took 9 to
        // 15 ms for the 750 to 860 kB report of a 1000-address check, the buffer 4 to 6 ms.
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        write(to: &output, indent: 0)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let value):
            output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let text):
            output.append(contentsOf: text.utf8)
        case .string(let text):
            Self.quote(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                Self.indent(indent + 1, into: &output)
                item.write(to: &output, indent: indent + 1)
                output.append(contentsOf: (index == items.count - 1 ? "\n" : ",\n").utf8)
            }
            Self.indent(indent, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(contentsOf: "{\n".utf8)
            for (index, (key, value)) in members.enumerated() {
                Self.indent(indent + 1, into: &output)
                Self.quote(key, into: &output)
                output.append(contentsOf: ": ".utf8)
                value.write(to: &output, indent: indent + 1)
                output.append(contentsOf: (index == members.count - 1 ? "\n" : ",\n").utf8)
            }
            Self.indent(indent, into: &output)
            output.append(UInt8(ascii: "}"))
        case .encoded(let text):
            Self.reindent(compact: text, indent: indent, into: &output)
        }
    }

    private static func indent(_ level: Int, into output: inout [UInt8]) {
        for _ in 0..<(2 * level) { output.append(0x20) }
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, and
    /// the line and paragraph separators too so that the file is also safe to paste into
    /// JavaScript.
    private static func quote(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: output.append(contentsOf: "\\\"".utf8)
            case 0x5C: output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            // DEL and C1 too: JSON allows them raw, but a terminal showing the file would obey them.
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default:
                UTF8.encode(scalar) { output.append($0) }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Pretty-prints compact, valid JSON text in the same style as the rest of the document.
    /// Works on the text alone (strings are copied untouched), so numbers and booleans keep
    /// exactly the form `JSONEncoder` gave them.
    private static func reindent(compact text: String, indent: Int, into result: inout [UInt8]) {
        let bytes = Array(text.utf8)
        var level = indent
        var index = 0
        func newline() {
            result.append(0x0A)
            Self.indent(level, into: &result)
        }
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
        }
        func nextSignificant(after position: Int) -> UInt8? {
            var next = position + 1
            while next < bytes.count, isSpace(bytes[next]) { next += 1 }
            return next < bytes.count ? bytes[next] : nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                // Copy the whole string, escapes included; DEL and C1 controls, which JSONEncoder
                // leaves raw, are written as escapes like every other control.
                result.append(byte)
                index += 1
                while index < bytes.count {
                    let inner = bytes[index]
                    if inner == 0x7F {
                        result.append(contentsOf: "\\u007f".utf8)
                        index += 1
                        continue
                    }
                    if inner == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                        result.append(contentsOf: ("\\u00" + String(bytes[index + 1], radix: 16)).utf8)
                        index += 2
                        continue
                    }
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
    }
}
