import Foundation

/// A small, fast, seedable generator (SplitMix64), so every run tries the same inputs.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Edits a YAML text the way a hurried person, a bad merge or a hostile file might.
public enum Mutator {
    /// Fragments of YAML syntax and of values the loader must judge.
    public static let fragments = [
        ":", ": ", "- ", "-", "[", "]", "{", "}", "{a: 1}", "[1, 2", "&anchor ", "*anchor", "*nope", "<<: *anchor",
        "!!binary ", "!!int ", "!custom ", "? ", "|", ">", "#", "'", "\"", "\\", "\t", "\u{0}", "\u{1B}[2J", "\u{FEFF}",
        "${", "${X}", "${UNDEFINED_VAR}", "$${X}", "${A:-b}", "~", "null", "true", "0x1F", "1e400", "-1", "99999999999999999999",
        "1.5.5", "5ss", "250 ms", "0s", "https://", "http://[::1", "https://u:p@h/", "://x", "256.1.1.1", "::ffff:1.2.3.4",
        "10.0.0.0/33", "😀", "ŝ", "\r", "\r\n", "---\n", "...\n", "%YAML 1.1\n", "kind: exec\n", "checks:\n", "  - kind: x\n",
        "id: dup\n", String(repeating: "[", count: 200), String(repeating: "a", count: 5000),
    ]

    public static func mutate(_ text: String, with random: inout SplitMix64) -> String {
        var lines = text.components(separatedBy: "\n")
        guard !lines.isEmpty else { return fragments[0] }
        let index = Int(random.next() % UInt64(lines.count))
        switch random.next() % 9 {
        case 0:
            lines.remove(at: index)
        case 1:
            lines.insert(lines[index], at: index)
        case 2:
            let other = Int(random.next() % UInt64(lines.count))
            lines.swapAt(index, other)
        case 3:
            lines[index] = String(repeating: " ", count: Int(random.next() % 7)) + lines[index].drop { $0 == " " }
        case 4:
            var line = Array(lines[index])
            let at = line.isEmpty ? 0 : Int(random.next() % UInt64(line.count + 1))
            line.insert(contentsOf: Array(pick(with: &random)), at: at)
            lines[index] = String(line)
        case 5:
            // Replace a value: everything after the first ": ".
            if let colon = lines[index].range(of: ": ") {
                lines[index] = String(lines[index][..<colon.upperBound]) + pick(with: &random)
            } else {
                lines[index] += pick(with: &random)
            }
        case 6:
            let line = Array(lines[index])
            if !line.isEmpty { lines[index] = String(line.prefix(Int(random.next() % UInt64(line.count)))) }
        case 7:
            lines.insert(pick(with: &random), at: index)
        default:
            // Cut the whole text somewhere.
            let joined = Array(lines.joined(separator: "\n"))
            return String(joined.prefix(Int(random.next() % UInt64(joined.count + 1))))
        }
        return lines.joined(separator: "\n")
    }

    private static func pick(with random: inout SplitMix64) -> String {
        fragments[Int(random.next() % UInt64(fragments.count))]
    }
}
