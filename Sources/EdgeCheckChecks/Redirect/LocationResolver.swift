import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// Reads a `Location` header the way a browser does and says how it differs from where the
/// redirect should go.
enum LocationResolver {
    /// The parts of an http(s) URL that decide where a user lands, normalised so that equal
    /// destinations compare equal: lowercase scheme and host, the port always explicit (80/443
    /// when absent), an empty path as `/`, an empty query as none. Fragments are ignored.
    struct Destination: Equatable, Sendable, CustomStringConvertible {
        var scheme: String
        var host: String
        var port: Int
        var path: String
        var query: String?

        init?(_ url: URL) {
            guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  let host = url.host, !host.isEmpty,
                  let components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return nil }
            self.scheme = scheme
            self.host = host.lowercased()
            self.port = url.port ?? (scheme == "https" ? 443 : 80)
            let path = components.percentEncodedPath
            self.path = path.isEmpty ? "/" : path
            let query = components.percentEncodedQuery
            self.query = (query?.isEmpty ?? true) ? nil : query
        }

        init(scheme: String, host: String, port: Int, path: String, query: String?) {
            self.scheme = scheme
            self.host = host.lowercased()
            self.port = port
            self.path = path.isEmpty ? "/" : path
            self.query = (query?.isEmpty ?? true) ? nil : query
        }

        /// The URL as a person would write it: no port when it is the scheme's default.
        var description: String {
            let defaultPort = scheme == "https" ? 443 : 80
            var text = "\(scheme)://\(IPAddress.bracketed(host))"
            if port != defaultPort { text += ":\(port)" }
            text += path
            if let query { text += "?\(query)" }
            return text
        }

        /// Same destination; percent-escapes that decode to the same text count as equal.
        func sameDestination(as other: Destination) -> Bool {
            scheme == other.scheme && host == other.host && port == other.port
                && Self.samePart(path, other.path) && Self.samePart(query, other.query)
        }

        private static func samePart(_ left: String?, _ right: String?) -> Bool {
            if left == right { return true }
            guard let left, let right else { return false }
            return left.removingPercentEncoding == right.removingPercentEncoding
        }
    }

    /// Resolves a `Location` value against the URL that was requested. RFC 9110 allows a
    /// relative reference (`/path`, `path`, `?query`, `//host/path`); nil when it is not a
    /// reference to an http(s) URL at all.
    static func resolve(_ location: String, against requested: URL) -> URL? {
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let url = URL(string: trimmed, relativeTo: requested)?.absoluteURL,
              Destination(url) != nil else { return nil }
        return url
    }

    /// Where a plain-HTTP request for `requested` should be sent: https, the same host, the same
    /// path and query, on `httpsPort` (written without a port when it is 443).
    static func expectedDestination(for requested: URL, httpsPort: Int) -> Destination? {
        guard let original = Destination(requested) else { return nil }
        return Destination(scheme: "https", host: original.host, port: httpsPort, path: original.path,
                           query: original.query)
    }

    /// What differs between where a redirect goes and where it should go, each as a short phrase
    /// ("it points to plain http", "the path /a was dropped"); empty when they agree.
    static func differences(_ actual: Destination, expected: Destination) -> [String] {
        var differences: [String] = []
        if actual.scheme != expected.scheme {
            differences.append(actual.scheme == "http" ? "it points to plain http" : "scheme \(actual.scheme), expected \(expected.scheme)")
        }
        if actual.host != expected.host {
            differences.append("host \(actual.host), expected \(expected.host)")
        }
        if actual.port != expected.port {
            differences.append("port \(actual.port), expected \(expected.port)")
        }
        if !actual.sameDestination(as: Destination(scheme: actual.scheme, host: actual.host, port: actual.port,
                                                   path: expected.path, query: actual.query)) {
            if actual.path == "/" {
                differences.append("the path \(expected.path) was dropped")
            } else {
                differences.append("path \(actual.path), expected \(expected.path)")
            }
        }
        if !actual.sameDestination(as: Destination(scheme: actual.scheme, host: actual.host, port: actual.port,
                                                   path: actual.path, query: expected.query)) {
            switch (actual.query, expected.query) {
            case (nil, let wanted?): differences.append("the query ?\(wanted) was dropped")
            case (let found?, nil): differences.append("query ?\(found) was added")
            default: differences.append("query ?\(actual.query ?? ""), expected ?\(expected.query ?? "")")
            }
        }
        return differences
    }
}
