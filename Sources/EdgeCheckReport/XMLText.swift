import EdgeCheckModel

/// Untrusted text made safe for an XML 1.0 document: characters XML forbids removed (C0 controls
/// other than tab, line feed and carriage return; U+FFFE and U+FFFF; Swift strings cannot hold
/// lone surrogates), markup escaped, tabs, DEL and C1 controls written as character references,
/// and size capped so that megabytes of plugin output still
/// give a reasonable file. No CDATA is used, so `]]>` in the text needs no special case.
enum XMLText {
    /// The most UTF-8 bytes of text kept in one element.
    static let elementLimit = 64 * 1024
    /// The most UTF-8 bytes kept in one attribute value.
    static let attributeLimit = 4 * 1024

    /// Escaped character data for an element's content.
    static func content(_ text: String, limit: Int = elementLimit) -> String {
        escape(capped(stripped(text), limit: limit), inAttribute: false)
    }

    /// An escaped attribute value (without the quotes); line breaks and tabs survive as references.
    static func attribute(_ text: String, limit: Int = attributeLimit) -> String {
        escape(capped(stripped(text), limit: limit), inAttribute: true)
    }

    /// `text` without the characters XML 1.0 does not allow.
    static func stripped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.lazy.filter(isAllowed))
        return String(result)
    }

    /// `text` cut on a character boundary to at most `limit` UTF-8 bytes, followed by a note
    /// saying how many bytes were left out.
    static func capped(_ text: String, limit: Int) -> String {
        let total = text.utf8.count
        guard total > limit else { return text }
        var kept = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf8.count
            if kept + size > limit { break }
            kept += size
            end = text.index(after: index)
        }
        return String(text[..<end]) + " [truncated \(total - kept) bytes]"
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\r": result.append(contentsOf: "&#13;".unicodeScalars)
            case "\"" where inAttribute: result.append(contentsOf: "&quot;".unicodeScalars)
            case "\n" where inAttribute: result.append(contentsOf: "&#10;".unicodeScalars)
            // Tabs, DEL and the C1 controls are allowed in XML but are still terminal controls:
            // written as references, no raw one reaches a file someone may `cat`.
            case "\t": result.append(contentsOf: "&#9;".unicodeScalars)
            case "\u{7F}"..."\u{9F}": result.append(contentsOf: "&#\(scalar.value);".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
