import Yams
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// Replaces `${NAME}` and `${NAME:-fallback}` in suite values.
///
/// A name is looked up in `--var` values first, then in the environment. `${NAME:-fallback}`
/// gives `fallback` when the name is undefined or empty (as in the shell); `${NAME}` of an
/// undefined name is an error, of an empty one the empty string. `$$` is a literal `$`, so
/// `$${HOME}` stays `${HOME}`; any other `$` is kept as it is. Names are letters, digits and `_`,
/// not starting with a digit. The fallback is literal text up to the first `}`: it is not itself
/// substituted.
public struct VariableSubstitution: Sendable {
    /// `--var NAME=VALUE`, looked up first.
    public var variables: [String: String]
    /// The process environment, looked up second.
    public var environment: [String: String]

    public init(variables: [String: String], environment: [String: String]) {
        self.variables = variables
        self.environment = environment
    }

    /// Why a value could not be substituted; the caller adds file, line and key.
    public struct Failure: Error, Sendable, Equatable {
        /// What is wrong, without file, line or key.
        public var message: String
    }

    /// The value of `name`: `--var` first, then the environment.
    public func value(of name: String) -> String? {
        variables[name] ?? environment[name]
    }

    /// `text` with every reference replaced.
    public func substitute(_ text: String) throws(Failure) -> String {
        var used: [(name: String, value: String)] = []
        return try substitute(text, used: &used)
    }

    /// `text` with every reference replaced; `used` gets the name and value of each variable
    /// that was substituted (not a fallback).
    public func substitute(_ text: String, used: inout [(name: String, value: String)]) throws(Failure) -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                result += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{") {
                let body = after.dropFirst()
                guard let close = body.firstIndex(of: "}") else {
                    throw Failure(message: "'${' without a closing '}' in '\(text)' (write $${ for a literal ${)")
                }
                result += try expand(body[..<close], used: &used)
                rest = body[body.index(after: close)...]
            } else {
                result += "$"
                rest = after
            }
        }
        return result + rest
    }

    private func expand(_ reference: Substring, used: inout [(name: String, value: String)]) throws(Failure) -> String {
        var name = reference
        var fallback: Substring?
        if let separator = reference.range(of: ":-") {
            name = reference[..<separator.lowerBound]
            fallback = reference[separator.upperBound...]
        }
        guard Self.isValidName(name) else {
            throw Failure(message: "'${\(reference)}' is not a variable reference (write ${NAME} or ${NAME:-fallback})")
        }
        let value = value(of: String(name))
        if let fallback {
            if let value, !value.isEmpty {
                used.append((String(name), value))
                return value
            }
            return String(fallback)
        }
        guard let value else {
            throw Failure(message: "undefined variable '\(name)' (set it with --var \(name)=VALUE or in the environment, or write ${\(name):-fallback})")
        }
        used.append((String(name), value))
        return value
    }

    private static func isValidName(_ name: Substring) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}
