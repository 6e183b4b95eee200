import Foundation
import EdgeCheckModel

/// What one run of `watch` saw, in the terms its change lines compare: statuses per check and
/// subject, addresses seen, and the facts kinds offer as `Observation`s.
struct WatchSnapshot {
    /// A check in a run: its suite's position, so that two suites may reuse an id.
    struct CheckKey: Hashable {
        var suite: Int
        var id: String
    }

    struct Check {
        var status: CheckStatus
        var subjects: [String: CheckStatus]
        var subjectOrder: [String]
        var addresses: [String]
        var observations: [Observation]
    }

    var checks: [CheckKey: Check] = [:]
    var order: [CheckKey] = []

    init(_ report: RunReport) {
        for (suiteIndex, suite) in report.suites.enumerated() {
            for result in suite.checks {
                let key = CheckKey(suite: suiteIndex, id: result.id)
                let statuses = result.subjectStatuses
                let samples = result.presentation?.metricSamples ?? []
                let addresses = samples.filter { $0.series == .addressSeen && $0.value == 1 }
                    .compactMap { $0.labels.first { $0.name == "address" }?.value }
                checks[key] = Check(status: result.status,
                                    subjects: Dictionary(statuses.map { ($0.subject, $0.status) }, uniquingKeysWith: { a, _ in a }),
                                    subjectOrder: statuses.map(\.subject), addresses: addresses,
                                    observations: result.presentation?.observations ?? [])
                order.append(key)
            }
        }
    }

    /// The changes from `previous` to this run, which started at `time`, in check order. The
    /// first run (no `previous`) reports each check that did not pass, from `start`.
    func changes(since previous: WatchSnapshot?, at time: Date) -> [WatchChange] {
        var changes: [WatchChange] = []
        for key in order {
            guard let now = checks[key] else { continue }
            guard let previous else {
                if now.status != .pass && now.status != .skip {
                    changes.append(WatchChange(time: time, check: key.id, aspect: "status", was: "start", now: now.status.rawValue))
                }
                continue
            }
            guard let was = previous.checks[key] else { continue }
            func add(_ subject: String, _ aspect: String, _ before: String, _ after: String) {
                changes.append(WatchChange(time: time, check: key.id, subject: subject, aspect: aspect, was: before, now: after))
            }
            if was.status != now.status { add("", "status", was.status.rawValue, now.status.rawValue) }
            for subject in now.subjectOrder {
                let after = now.subjects[subject] ?? .pass
                if let before = was.subjects[subject] {
                    if before != after { add(subject, "status", before.rawValue, after.rawValue) }
                } else if after != .pass {
                    add(subject, "status", "absent", after.rawValue)
                }
            }
            for subject in was.subjectOrder where now.subjects[subject] == nil && was.subjects[subject] != .pass {
                add(subject, "status", was.subjects[subject]?.rawValue ?? "pass", "absent")
            }
            for address in now.addresses where !was.addresses.contains(address) { add(address, "address", "absent", "seen") }
            for address in was.addresses where !now.addresses.contains(address) { add(address, "address", "seen", "absent") }
            for observation in now.observations {
                guard let before = was.observations.first(where: { $0.subject == observation.subject && $0.aspect == observation.aspect }),
                      before.value != observation.value else { continue }
                add(observation.subject, observation.aspect, before.value, observation.value)
            }
        }
        return changes
    }
}
