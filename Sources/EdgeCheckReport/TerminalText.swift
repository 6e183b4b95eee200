import EdgeCheckModel

/// Text from checks (and so from the network or a plugin) made safe for one terminal line: no
/// escape sequence can reach the terminal, no line break can fake a row, and no bidirectional
/// override can make a line read differently from what it contains.
enum TerminalText {
    /// `text` with line breaks, tabs, control characters and bidi controls written as visible escapes.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.append(scalar)
                continue
            }
            let escape: String
            switch scalar.value {
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0..<0x100: escape = "\\x" + hex(scalar.value, digits: 2)
            default: escape = "\\u{" + hex(scalar.value, digits: 4) + "}"
            }
            result.append(contentsOf: escape.unicodeScalars)
        }
        return String(result)
    }

    /// `text` cut to at most `columns` terminal columns, ending in `…` when it was cut.
    static func truncated(_ text: String, toColumns columns: Int) -> String {
        guard text.displayWidth > columns else { return text }
        guard columns > 1 else { return columns == 1 ? "…" : "" }
        var kept = ""
        var used = 0
        for character in text {
            let width = character.displayWidth
            if used + width > columns - 1 { break }
            kept.append(character)
            used += width
        }
        return kept + "…"
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0: true
        // Bidirectional embeddings, overrides, isolates and marks; line and paragraph separators.
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
