import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks
import Foundation

/// What `edgecheck list` prints, from `CheckRegistry` and `CommonSettings.keys`.
enum KindListing {
    /// Each kind with its summary and a table of its keys, then the common keys.
    static func table() -> String {
        var sections: [String] = []
        for kind in CheckRegistry.kinds {
            let description = kind.description
            var section = "\(description.kind) — \(description.summary)\n" + keyTable(description.keys)
            let hinted = kind.hints.keys.map(\.rawValue).sorted()
            if !hinted.isEmpty { section += "  hints for: " + hinted.joined(separator: ", ") + "\n" }
            sections.append(section)
        }
        sections.append("common keys (every kind)\n" + keyTable(CommonSettings.keys))
        sections.append("A failing finding carries a hint, the likely misconfiguration, where one is known: in JSON "
            + "(hint) and JUnit always, in the table with -v. `list --format json` has every hint.\n")
        return sections.joined(separator: "\n")
    }

    private static func keyTable(_ keys: [KeyDescription]) -> String {
        guard !keys.isEmpty else { return "  (no keys of its own)\n" }
        let rows = keys.map { key in
            [key.name, key.type, key.required ? "required" : (key.defaultValue ?? "-"), key.meaning]
        }
        let header = ["KEY", "TYPE", "DEFAULT", "MEANING"]
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated().dropLast() { widths[index] = max(widths[index], cell.count) }
        }
        return ([header] + rows).map { row in
            "  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    private struct Listing: Encodable {
        struct Kind: Encodable {
            var kind: String
            var summary: String
            var keys: [KeyDescription]
            /// Failure class → hint, the kind's own.
            var hints: [String: String]
        }
        var kinds: [Kind]
        var commonKeys: [KeyDescription]
        /// Failure class → hint, for the network's classes, whichever kind meets them.
        var networkHints: [String: String]

        enum CodingKeys: String, CodingKey {
            case kinds
            case commonKeys = "common_keys"
            case networkHints = "network_hints"
        }
    }

    private static func texts(_ hints: [FailureClass: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: hints.map { ($0.key.rawValue, $0.value) })
    }

    /// `{"kinds": [{"kind", "summary", "keys": [...], "hints": {...}}], "common_keys": [...],
    /// "network_hints": {...}}`.
    static func json() throws -> String {
        let listing = Listing(
            kinds: CheckRegistry.kinds.map { Listing.Kind(kind: $0.description.kind, summary: $0.description.summary,
                                                          keys: $0.description.keys, hints: texts($0.hints)) },
            commonKeys: CommonSettings.keys, networkHints: texts(CheckRegistry.networkHints))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(listing), as: UTF8.self) + "\n"
    }
}
