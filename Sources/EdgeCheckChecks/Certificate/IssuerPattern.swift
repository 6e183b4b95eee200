import EdgeCheckModel
import EdgeCheckNet

/// The `issuer` key of a `certificate` check: a case-insensitive substring of the leaf's issuer DN
/// (RFC 4514 form, e.g. `CN=Edge Lab Issuing CA,O=edgecheck lab`), or a `/regular expression/` searched
/// in it as written (prefix it with `(?i)` to ignore case).
public enum IssuerPattern: Sendable, Equatable, CustomStringConvertible {
    case substring(String)
    case regex(String)

    /// Parses the value as written; nil for an empty value or a regular expression that does not compile.
    public init?(parsing text: String) {
        if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
            let pattern = String(text.dropFirst().dropLast())
            guard !pattern.isEmpty, (try? Regex(pattern)) != nil else { return nil }
            self = .regex(pattern)
        } else {
            guard !text.isEmpty else { return nil }
            self = .substring(text)
        }
    }

    /// Whether the issuer DN matches.
    public func matches(_ issuer: String) -> Bool {
        switch self {
        case .substring(let text):
            return issuer.lowercased().contains(text.lowercased())
        case .regex(let pattern):
            guard let regex = try? Regex(pattern) else { return false }
            return issuer.contains(regex)
        }
    }

    /// `'Edge Lab Issuing CA'` or `/Issuing CA$/`, as messages quote it.
    public var description: String {
        switch self {
        case .substring(let text): return "'\(text)'"
        case .regex(let pattern): return "/\(pattern)/"
        }
    }
}
