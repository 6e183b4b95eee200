import EdgeCheckModel
import EdgeCheckNet

/// One `budget` entry of `tls-timing`: `PHASE-STAT: duration`, e.g. `tls-p50: 50ms`.
struct TimingBudget: Sendable, Equatable {
    var phase: TimingPhase
    var statistic: TimingStatistic
    var limit: Duration

    /// The key as written in a suite.
    var key: String { "\(phase.rawValue)-\(statistic.rawValue)" }

    /// The limit in milliseconds.
    var limitMilliseconds: Double { limit.milliseconds }

    init(phase: TimingPhase, statistic: TimingStatistic, limit: Duration) {
        self.phase = phase
        self.statistic = statistic
        self.limit = limit
    }

    /// Reads a `PHASE-STAT` key; the error names what is wrong and what is allowed.
    static func parseKey(_ key: String) -> Result<(TimingPhase, TimingStatistic), KeyError> {
        let phases = TimingPhase.allCases.map(\.rawValue).joined(separator: ", ")
        let statistics = TimingStatistic.budgetable.map(\.rawValue).joined(separator: ", ")
        guard let dash = key.lastIndex(of: "-") else {
            return .failure(KeyError(message: "'\(key)' is not PHASE-STAT (PHASE: \(phases); STAT: \(statistics); "
                                     + "e.g. tls-p50)"))
        }
        let phaseText = String(key[..<dash])
        let statText = String(key[key.index(after: dash)...])
        guard let phase = TimingPhase(rawValue: phaseText) else {
            return .failure(KeyError(message: "unknown phase '\(phaseText)' in '\(key)' (use \(phases))"))
        }
        guard let statistic = TimingStatistic(rawValue: statText), TimingStatistic.budgetable.contains(statistic) else {
            return .failure(KeyError(message: "unknown statistic '\(statText)' in '\(key)' (use \(statistics))"))
        }
        return .success((phase, statistic))
    }

    struct KeyError: Error, Sendable, Equatable {
        var message: String
    }
}
