import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// Gives every check of a suite its id: the one it sets, or one made from its kind.
///
/// Explicit ids must be unique. A check without one is named after its kind: the first such
/// check of a kind gets the kind itself (`exec`), the next `exec-2`, then `exec-3` ...; a made
/// name that an explicit id already took is skipped, so ids are always unique.
struct CheckIDAssignment {
    private var explicit: [Int: String] = [:]
    /// Where each explicit id is set, to name both places of a duplicate.
    private var claimed: [String: (entry: Int, line: Int?)] = [:]
    private var taken: Set<String> = []
    private var madeCount: [String: Int] = [:]
    private var nextEntry = 0

    /// Records the next entry's `id` key (nil when absent), in file order.
    mutating func claim(_ id: String?, settings: CheckSettings) throws(SuiteError) {
        defer { nextEntry += 1 }
        guard let id else { return }
        guard !id.isEmpty else { throw settings.error("id", "expected an id, found nothing") }
        if id.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) {
            throw settings.error("id", "'\(id)' contains a line break or control character")
        }
        if let first = claimed[id] {
            let place = first.line.map { " at line \($0)" } ?? ""
            throw settings.error("id", "duplicate id '\(id)': checks[\(first.entry)]\(place) has it too")
        }
        claimed[id] = (nextEntry, settings.line(of: "id"))
        explicit[nextEntry] = id
        taken.insert(id)
    }

    /// The id of entry `index`; call once per entry, in file order, after every `claim`.
    mutating func id(forEntry index: Int, kind: String) -> String {
        if let id = explicit[index] { return id }
        while true {
            let count = (madeCount[kind] ?? 0) + 1
            madeCount[kind] = count
            let candidate = count == 1 ? kind : "\(kind)-\(count)"
            if taken.insert(candidate).inserted { return candidate }
        }
    }
}
