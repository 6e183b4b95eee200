import EdgeCheckModel

/// Untrusted text made safe for an HTML page: the characters XML forbids removed, markup escaped
/// (both quotes too, so it is safe in any attribute), size capped. The page is parsed as HTML,
/// not XML, but the same escaping keeps every piece of network text as text: no `<` reaches the
/// parser as a tag, no `&` as a reference we did not write.
enum HTMLText {
    /// Escaped text for an element's content or a double-quoted attribute value.
    static func escaped(_ text: String, limit: Int = XMLText.elementLimit) -> String {
        var result = String.UnicodeScalarView()
        for scalar in XMLText.capped(XMLText.stripped(text), limit: limit).unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&#39;".unicodeScalars)
            case "\r": result.append(contentsOf: "&#13;".unicodeScalars)
            // Tabs, DEL and C1 controls as references: no raw terminal control in the file.
            case "\t", "\u{7F}"..."\u{9F}": result.append(contentsOf: "&#\(scalar.value);".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// A value for an `id` or `class` token: letters, digits, `-` and `_` kept, anything else
    /// as `_`, so that a check id from a suite never breaks out of the attribute or the CSS.
    static func token(_ text: String) -> String {
        String(text.unicodeScalars.prefix(128).map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
            default: "_"
            }
        })
    }
}
