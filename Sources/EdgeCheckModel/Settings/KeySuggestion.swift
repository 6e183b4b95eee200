import EdgeCheckNet

/// "did you mean" for misspelt keys.
///
/// Distance is the number of single-character insertions, deletions, substitutions and swaps of
/// neighbours between the two names, compared in lower case with `_` read as `-` (so `ca_file`
/// and `CA-File` both find `ca-file`). A name is near enough when the distance is at most 1 for
/// names of up to 3 characters, 2 up to 6, and 3 beyond.
public enum KeySuggestion {
    /// The valid key nearest to `key` by edit distance, when it is near enough to be a typo.
    public static func nearest(to key: String, in valid: [String]) -> String? {
        let typed = normalized(key)
        let limit = typed.count <= 3 ? 1 : typed.count <= 6 ? 2 : 3
        var best: (name: String, distance: Int)?
        for name in valid {
            let distance = editDistance(typed, normalized(name))
            // Strictly smaller, so among equals the first in `valid` (the documented order) wins.
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (name, distance)
            }
        }
        return best?.name
    }

    /// `unknown key 'lookup'; did you mean 'lookups'?` (or the list of valid keys).
    public static func unknownKeyMessage(_ key: String, valid: [String]) -> String {
        message(for: "key", key, valid: valid, listedAs: "valid keys")
    }

    /// `unknown kind 'static_ip'; did you mean 'static-ip'?` (or the list of kinds).
    public static func unknownKindMessage(_ kind: String, valid: [String]) -> String {
        message(for: "kind", kind, valid: valid, listedAs: "known kinds")
    }

    private static func message(for noun: String, _ name: String, valid: [String], listedAs: String) -> String {
        if let suggestion = nearest(to: name, in: valid) {
            return "unknown \(noun) '\(name)'; did you mean '\(suggestion)'?"
        }
        return "unknown \(noun) '\(name)'; \(listedAs): \(valid.joined(separator: ", "))"
    }

    private static func normalized(_ name: String) -> [Character] {
        Array(name.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow: [Int] = []
        var row = Array(0...b.count)
        for i in 1...a.count {
            var next = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    next[j] = min(next[j], previousRow[j - 2] + 1)
                }
            }
            previousRow = row
            row = next
        }
        return row[b.count]
    }
}
