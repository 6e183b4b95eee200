import EdgeCheckModel

extension Character {
    /// Terminal columns: 2 for emoji and East Asian wide characters, 0 for controls and marks on
    /// their own, 1 otherwise. An approximation of `wcwidth` that is right for ASCII, Latin
    /// scripts, common symbols (✓ ✗ → …), emoji and CJK.
    var displayWidth: Int {
        guard let first = unicodeScalars.first else { return 0 }
        let properties = first.properties
        switch properties.generalCategory {
        case .control, .format, .nonspacingMark, .enclosingMark:
            return 0
        default:
            break
        }
        if unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }) {
            return 2
        }
        return Self.isWide(first.value) ? 2 : 1
    }

    /// East Asian Wide and Fullwidth blocks.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
