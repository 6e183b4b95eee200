import Foundation
import EdgeCheckNet

/// Validates suite URLs: absolute, http or https, with a host.
///
/// A user name or password in the URL is refused: reports print URLs, and secrets never go in a
/// report.
public enum URLParser {
    /// The URL, or nil when `text` is not a suite URL (`problem(with:)` says why).
    public static func parse(_ text: String) -> URL? {
        switch check(text) {
        case .success(let url): return url
        case .failure: return nil
        }
    }

    /// Why `text` is not a suite URL, in words a user can act on; nil when it is one.
    public static func problem(with text: String) -> String? {
        switch check(text) {
        case .success: return nil
        case .failure(let problem): return problem.message
        }
    }

    private struct Problem: Error {
        public let message: String
    }

    private static func check(_ text: String) -> Result<URL, Problem> {
        if text.isEmpty { return .failure(Problem(message: "expected an http or https URL, found nothing")) }
        // Checked before any message quotes the text back, so a password is never echoed: the
        // authority runs from after `scheme://` (or the start) to the first / ? or #.
        let afterScheme = text.range(of: "://").map { text[$0.upperBound...] } ?? Substring(text)
        if afterScheme.prefix(while: { !"/?#".contains($0) }).contains("@") {
            return .failure(Problem(message: "the URL carries a user name or password (user:password@); leave credentials "
                                        + "out of URLs and pass secrets to a plugin through env"))
        }
        if text.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) {
            return .failure(Problem(message: "'\(text)' is not a URL: it contains spaces or control characters"))
        }
        guard let schemeEnd = text.range(of: "://") else {
            return .failure(Problem(message: "'\(text)' is not an absolute URL (write https://\(text))"))
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            return .failure(Problem(message: "'\(text)' has scheme '\(scheme)'; expected http or https"))
        }
        guard let components = URLComponents(string: text), let url = components.url else {
            return .failure(Problem(message: "'\(text)' is not a valid URL"))
        }
        guard let host = components.host, !host.isEmpty else {
            return .failure(Problem(message: "'\(text)' has no host"))
        }
        if let port = components.port, !(1...65535).contains(port) {
            return .failure(Problem(message: "'\(text)' has port \(port); expected 1 to 65535"))
        }
        return .success(url)
    }
}
