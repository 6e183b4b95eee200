import EdgeCheckModel

/// What changed between two JSON reports of the same suites (`edgecheck diff`): check and
/// subject statuses, the addresses `static-ip` saw, each address's leaf (fingerprint, issuer, days
/// left), and each tls-timing hop's p50 per phase. A change is *worse* when a status got worse,
/// an address appeared or vanished, a leaf changed issuer, or a p50 rose by more than 20 % and
/// more than 1 ms; `diff` exits 1 when any change is worse.
public struct ReportDiff: Sendable {
    /// One difference.
    public struct Change: Sendable, Equatable {
        /// The check, `SUITE/ID` when the two reports hold more than one suite.
        public var check: String
        /// The address or hop concerned, empty for the check itself.
        public var subject: String
        /// What changed: `status`, `check`, `address`, `fingerprint`, `issuer`, `days-left` or `p50 PHASE`.
        public var aspect: String
        /// The value before, nil when it was absent.
        public var before: String?
        /// The value after, nil when it is absent.
        public var after: String?
        public var worse: Bool
    }

    /// The thresholds of a worse p50: more than this fraction of the old value...
    public static let p50RiseFraction = 0.20
    /// ... and more than this many milliseconds.
    public static let p50RiseMs = 1.0

    public var before: ReadReport
    public var after: ReadReport
    /// Every change, in the after report's check order (checks only in before come last).
    public var changes: [Change]

    /// Whether anything got worse: `diff`'s exit code 1.
    public var worse: Bool { changes.contains(where: \.worse) }

    /// The differences from `before` to `after`.
    public init(before: ReadReport, after: ReadReport) {
        self.before = before
        self.after = after
        let suites = Set(before.checks.map(\.suite)).union(after.checks.map(\.suite))
        func key(_ check: ReadReport.Check) -> String { suites.count > 1 ? "\(check.suite)/\(check.id)" : check.id }
        var changes: [Change] = []
        var matched: Set<String> = []
        for new in after.checks {
            let name = key(new)
            guard let old = before.checks.first(where: { key($0) == name }) else {
                changes.append(Change(check: name, subject: "", aspect: "check", before: nil, after: new.status.rawValue,
                                      worse: false))
                continue
            }
            matched.insert(name)
            changes += Self.compare(old, new, name: name)
        }
        for old in before.checks where !matched.contains(key(old)) {
            changes.append(Change(check: key(old), subject: "", aspect: "check", before: old.status.rawValue, after: nil,
                                  worse: false))
        }
        self.changes = changes
    }

    private static func compare(_ old: ReadReport.Check, _ new: ReadReport.Check, name: String) -> [Change] {
        var changes: [Change] = []
        func add(_ subject: String, _ aspect: String, _ before: String?, _ after: String?, worse: Bool) {
            changes.append(Change(check: name, subject: subject, aspect: aspect, before: before, after: after, worse: worse))
        }
        if old.status != new.status {
            add("", "status", old.status.rawValue, new.status.rawValue, worse: isWorse(old.status, new.status))
        }
        for subject in new.subjects {
            guard let previous = old.subjects.first(where: { $0.name == subject.name }) else { continue }
            if previous.status != subject.status {
                add(subject.name, "status", previous.status.rawValue, subject.status.rawValue,
                    worse: isWorse(previous.status, subject.status))
            }
        }
        if let oldIP = old.staticIP, let newIP = new.staticIP {
            for address in newIP.seen where !oldIP.seen.contains(address) {
                add(address, "address", nil, "seen", worse: true)
            }
            for address in oldIP.seen where !newIP.seen.contains(address) {
                add(address, "address", "seen", nil, worse: true)
            }
        }
        for leaf in new.leaves {
            guard let previous = old.leaves.first(where: { $0.address == leaf.address }) else {
                add(leaf.address, "fingerprint", nil, leaf.sha256, worse: false)
                continue
            }
            if previous.sha256 != leaf.sha256 {
                add(leaf.address, "fingerprint", previous.sha256, leaf.sha256, worse: false)
            }
            if previous.issuer != leaf.issuer {
                add(leaf.address, "issuer", previous.issuer, leaf.issuer, worse: true)
            }
            if previous.daysLeft != leaf.daysLeft {
                add(leaf.address, "days-left", previous.daysLeft.map(String.init), leaf.daysLeft.map(String.init),
                    worse: false)
            }
        }
        for hop in new.hops {
            guard let previous = old.hops.first(where: { $0.name == hop.name }) else { continue }
            for (phase, ms) in hop.p50 {
                guard let was = previous.p50.first(where: { $0.phase == phase })?.ms else { continue }
                let rise = ms - was
                let worse = rise > p50RiseMs && rise > was * p50RiseFraction
                // Jitter below the thresholds either way is not a change worth a line.
                guard worse || -rise > p50RiseMs && -rise > was * p50RiseFraction else { continue }
                add(hop.name, "p50 " + phase, TableWaterfall.ms(was), TableWaterfall.ms(ms), worse: worse)
            }
        }
        return changes
    }

    /// A status is worse when it ranks higher; from `skip` nothing is worse (it was not run).
    static func isWorse(_ old: CheckStatus, _ new: CheckStatus) -> Bool {
        old != .skip && new != .skip && new.severityRank > old.severityRank
    }
}
