import Foundation

/// The request line and headers of one HTTP/1.x request, which is all `serve` reads: its
/// requests carry no body.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: String
    /// The path without the query, e.g. `/probe`.
    public var path: String
    /// The query's parameters, percent-decoded, in order.
    public var query: [(name: String, value: String)]
    /// Header names in lower case.
    public var headers: [String: String]

    public static func == (lhs: HTTPRequestHead, rhs: HTTPRequestHead) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.headers == rhs.headers
            && lhs.query.map { [$0.name, $0.value] } == rhs.query.map { [$0.name, $0.value] }
    }

    /// The first value of query parameter `name`.
    public func parameter(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Why a request could not be read: said in the 400's body.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The head in `bytes`, everything up to the blank line that ends it (without it).
    public init(parsing bytes: [UInt8]) throws(Problem) {
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw Problem(description: "the request is not UTF-8") }
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1."), !requestLine[0].isEmpty else {
            throw Problem(description: "not an HTTP/1.x request line")
        }
        method = String(requestLine[0])
        let target = String(requestLine[1])
        // RFC 9112: a request target is visible ASCII; anything else (a terminal escape, say)
        // would otherwise be read as a path that does not exist and answered 404.
        guard target.utf8.allSatisfy({ (0x21..<0x7F).contains($0) }) else {
            throw Problem(description: "the request target '\(target.prefix(200))' holds a character that is not visible ASCII; percent-encode it")
        }
        guard target.hasPrefix("/"), let components = URLComponents(string: target) else {
            throw Problem(description: "the request target '\(target.prefix(200))' is not a path with an optional query")
        }
        path = components.percentEncodedPath
        query = (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw Problem(description: "a header line has no ':'") }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
    }
}
