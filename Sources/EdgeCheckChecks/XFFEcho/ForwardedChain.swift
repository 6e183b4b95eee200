import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// An `X-Forwarded-For` value split into its entries, left (the first sender) to right (the
/// proxy nearest the service). Entries are kept as sent; each is also read as an address when it
/// is one, so junk (`unknown`, a host name, garbage a client sent) can be named as such.
struct ForwardedChain: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        /// The entry as sent, trimmed.
        var text: String
        /// The canonical address when the entry is an IP (optionally `IPv4:port`, `[IPv6]` or
        /// `[IPv6]:port`, optionally quoted); nil for junk.
        var address: String?

        init(_ text: String) {
            self.text = text
            self.address = Self.address(in: text)
        }

        var isJunk: Bool { address == nil }

        private static func address(in text: String) -> String? {
            var value = Substring(text)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = value.dropFirst().dropLast()
            }
            if let plain = IPAddress.canonical(String(value)) { return plain }
            // [IPv6]:port
            if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
                let rest = value[value.index(after: close)...]
                guard rest.isEmpty || (rest.hasPrefix(":") && isPort(rest.dropFirst())) else { return nil }
                return IPAddress.canonical(String(value[value.index(after: value.startIndex)..<close]))
            }
            // IPv4:port (an IPv6 address has more than one colon, and was handled above)
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 2, isPort(parts[1]), let address = IPAddress.canonical(String(parts[0])),
               !address.contains(":") {
                return address
            }
            return nil
        }

        private static func isPort(_ text: Substring) -> Bool {
            guard !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCII), let port = Int(text) else { return false }
            return (0...65_535).contains(port)
        }
    }

    var entries: [Entry]

    /// Reads a header value as `style` says: a list is split on commas, each entry trimmed; a
    /// `Forwarded` value is split into elements (commas inside quotes do not split) and each
    /// element's `for=` taken, unquoted; a single-valued header is one entry, whole. Nil (the
    /// header was not echoed) is an empty chain.
    init(headerValue: String?, style: HeaderStyle = .list) {
        guard let headerValue, !headerValue.trimmingCharacters(in: .whitespaces).isEmpty else {
            entries = []
            return
        }
        switch style {
        case .list:
            entries = headerValue.split(separator: ",", omittingEmptySubsequences: false)
                .map { Entry($0.trimmingCharacters(in: .whitespaces)) }
        case .single:
            entries = [Entry(headerValue.trimmingCharacters(in: .whitespaces))]
        case .forwarded:
            entries = Self.split(headerValue, on: ",").map { element in
                let pairs = Self.split(element, on: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let pair = pairs.first(where: { $0.lowercased().hasPrefix("for=") }) else {
                    return Entry(element.trimmingCharacters(in: .whitespaces))
                }
                var value = Substring(pair.dropFirst(4))
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = value.dropFirst().dropLast() }
                return Entry(String(value))
            }
        }
    }

    /// `text` split on `separator` outside double quotes (RFC 7230 quoted-string, with `\` escapes).
    private static func split(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == separator && !quoted {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// The entries as sent.
    var texts: [String] { entries.map(\.text) }

    /// `a, b, c`, the way the service saw it.
    var spoken: String { texts.joined(separator: ", ") }

    /// The indices (from the left) whose address equals `address`.
    func indices(of address: String) -> [Int] {
        let wanted = IPAddress.canonical(address) ?? address
        return entries.indices.filter { entries[$0].address == wanted }
    }
}
