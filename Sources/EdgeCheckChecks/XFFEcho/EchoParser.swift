import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// Reads a canary's echo of the request headers: JSON (a `headers` object wherever it sits, or
/// where `headers-at` points, or headers at the top level) or text (`Name: value` lines). Header
/// names keep their spelling; lookups ignore case.
enum EchoParser {
    /// Replies larger than this are not an echo of a few request headers; the check reads this
    /// many bytes at most and reports a larger reply as an error.
    static let maxBytes = 64 * 1024

    /// An echo nests a few levels (object, maybe a `request` object, headers object, array of
    /// values); a reply nested deeper than this is refused before it is parsed, so no parser
    /// recursion depends on what a server sends.
    static let maxDepth = 32

    /// Why a reply could not be read as an echo.
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// How many JSON values the search for a `headers` object visits at most: an echo is small,
    /// and a hostile reply must not make the search costly.
    static let maxVisited = 10_000

    /// Parses `body`. `contentType` (the reply's Content-Type) only guides `auto`; `headersAt`
    /// (a JSON pointer) says where a JSON echo keeps its headers.
    static func parse(_ body: Data, contentType: String? = nil, format: EchoFormat = .auto,
                      headersAt: String? = nil) throws(Failure) -> EchoedHeaders {
        guard body.count <= maxBytes else {
            throw Failure(message: "the reply is larger than \(maxBytes / 1024) KiB, too large for an echo of request headers")
        }
        guard let text = String(data: body, encoding: .utf8) else {
            throw Failure(message: "the reply is not UTF-8 text")
        }
        switch format {
        case .json: return try parseJSON(body, headersAt: headersAt)
        case .text: return try parseText(text)
        case .auto:
            let looksLikeJSON = contentType?.lowercased().contains("json") == true
                || text.first(where: { !$0.isWhitespace }) == "{"
            return looksLikeJSON ? try parseJSON(body, headersAt: headersAt) : try parseText(text)
        }
    }

    /// A JSON object of headers: the one `headersAt` points to; else the first object named
    /// `headers` (any case) found breadth-first, members in name order at each level (httpbin and
    /// mendhak/http-https-echo at the top, Ealen/echo-server under `request`); else the top level.
    /// String values are one header each, arrays of strings are a repeated header, numbers and
    /// booleans are spelled out; nested objects and nulls are not headers and are left out.
    static func parseJSON(_ body: Data, headersAt: String? = nil) throws(Failure) -> EchoedHeaders {
        if let depth = nestingDepth(body, limit: maxDepth) {
            throw Failure(message: "the reply nests JSON arrays or objects more than \(depth) levels deep, "
                            + "far deeper than an echo of request headers")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: body, options: [])
        } catch {
            throw Failure(message: "the reply is not valid JSON")
        }
        guard let top = object as? [String: Any] else {
            throw Failure(message: "the reply is JSON but not an object of headers")
        }
        var members = top
        if let pointer = headersAt {
            guard let found = JSONPointer(pointer)?.resolve(in: top) else {
                throw Failure(message: "the JSON reply has nothing at headers-at '\(pointer)'")
            }
            guard let object = found as? [String: Any] else {
                throw Failure(message: "the JSON reply has no object of headers at headers-at '\(pointer)'")
            }
            members = object
        } else if let headers = firstHeadersObject(in: top) {
            members = headers
        }
        var fields: [EchoedHeaders.Field] = []
        // JSON objects have no order; sorting makes repeated spellings of one name join the same way every time.
        for name in members.keys.sorted() {
            for value in jsonValues(members[name]) {
                fields.append(EchoedHeaders.Field(name: name, value: value))
            }
        }
        guard !fields.isEmpty else {
            throw Failure(message: "the JSON reply holds no headers")
        }
        return EchoedHeaders(fields)
    }

    /// The first object named `headers` breadth-first, or nil.
    private static func firstHeadersObject(in top: [String: Any]) -> [String: Any]? {
        var queue: [Any] = [top]
        var next = 0
        while next < queue.count, next < maxVisited {
            let value = queue[next]
            next += 1
            if let object = value as? [String: Any] {
                for key in object.keys.sorted() {
                    if key.lowercased() == "headers", let headers = object[key] as? [String: Any] { return headers }
                }
                for key in object.keys.sorted() {
                    if let child = object[key], child is [String: Any] || child is [Any] { queue.append(child) }
                }
            } else if let array = value as? [Any] {
                queue += array.filter { $0 is [String: Any] || $0 is [Any] }
            }
        }
        return nil
    }

    /// `limit` when `body` opens more than `limit` arrays or objects inside one another (outside
    /// strings), else nil. A byte scan: no recursion, one pass, whatever the input.
    static func nestingDepth(_ body: Data, limit: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in body {
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return limit }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func jsonValues(_ value: Any?) -> [String] {
        switch value {
        case let string as String: return [string]
        case let array as [Any]: return array.flatMap { jsonValues($0) }
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumber too (type code "c"); spell them as JSON does.
            if String(cString: number.objCType) == "c" { return [number.boolValue ? "true" : "false"] }
            return [number.stringValue]
        default: return []
        }
    }

    /// `Name: value` lines (LF or CRLF). Lines that are not a header (a request line, a blank
    /// line, prose) are skipped; at least one header must be found.
    static func parseText(_ text: String) throws(Failure) -> EchoedHeaders {
        var fields: [EchoedHeaders.Field] = []
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon]
            guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields.append(EchoedHeaders.Field(name: String(name), value: value))
        }
        guard !fields.isEmpty else {
            throw Failure(message: "the reply has no 'Name: value' header lines")
        }
        return EchoedHeaders(fields)
    }

    /// RFC 9110 token characters, the ones a header name is made of.
    private static func isTokenCharacter(_ character: Character) -> Bool {
        guard character.isASCII, let ascii = character.asciiValue else { return false }
        if character.isLetter || character.isNumber { return true }
        return "!#$%&'*+-.^_`|~".utf8.contains(ascii)
    }
}
