import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The `tls-timing` kind's keys, read and validated when the suite loads.
struct TLSTimingConfiguration: Sendable, Equatable {
    var hops: [TimingHop]
    var samples: Int
    var budget: [TimingBudget]

    init(hops: [TimingHop], samples: Int = 10, budget: [TimingBudget] = []) {
        self.hops = hops
        self.samples = samples
        self.budget = budget
    }

    init(settings: CheckSettings) throws(SuiteError) {
        if let hopSettings = try settings.mappingList("hops", allowedKeys: TimingHop.keys) {
            guard !hopSettings.isEmpty else { throw settings.error("hops", "expected at least one hop") }
            var hops: [TimingHop] = []
            for hopSetting in hopSettings {
                let hop = try TimingHop(settings: hopSetting)
                if hops.contains(where: { $0.name == hop.name }) {
                    throw hopSetting.error("name", "duplicate hop name '\(hop.name)'")
                }
                hops.append(hop)
            }
            self.hops = hops
        } else if let target = settings.target {
            guard target.scheme?.lowercased() == "https" else {
                throw settings.error("hops", "the suite target \(target.absoluteString) is not https; give hops")
            }
            self.hops = [TimingHop.fromTarget(target)]
        } else {
            throw settings.error("hops", "missing required key (the suite has no target to derive one hop from)")
        }
        samples = try settings.int("samples", in: 1...1000) ?? 10

        // Keys first, so a misspelt phase or statistic is named before any duration is read.
        var keys: [(TimingPhase, TimingStatistic)] = []
        for (key, _) in try settings.stringMap("budget") ?? [] {
            switch TimingBudget.parseKey(key) {
            case .success(let parsed): keys.append(parsed)
            case .failure(let error):
                throw SuiteError(file: settings.file, line: settings.line(of: "budget"),
                                 key: settings.qualified("budget.\(key)"), message: error.message)
            }
        }
        let limits = try settings.durationMap("budget") ?? []
        budget = zip(keys, limits).map { TimingBudget(phase: $0.0, statistic: $0.1, limit: $1.value) }
    }
}
