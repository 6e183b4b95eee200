import EdgeCheckModel
import EdgeCheckNet

/// A statistic over a hop's samples of one phase.
public enum TimingStatistic: String, Sendable, CaseIterable, Codable {
    case min, p50, p90, p95, p99, max

    /// The statistics a budget may name (`PHASE-STAT`); `min` is reported but not budgeted,
    /// since a best case says nothing about what users get.
    static let budgetable: [TimingStatistic] = [.p50, .p90, .p95, .p99, .max]

    /// The percentile this statistic stands for, from 0 (min) to 1 (max).
    var fraction: Double {
        switch self {
        case .min: 0
        case .p50: 0.5
        case .p90: 0.9
        case .p95: 0.95
        case .p99: 0.99
        case .max: 1
        }
    }
}
