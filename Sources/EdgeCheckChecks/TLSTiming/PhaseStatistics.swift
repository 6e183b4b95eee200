import EdgeCheckModel
import EdgeCheckNet

/// min, p50, p90, p95, p99 and max of one phase over a hop's samples, in milliseconds.
public struct PhaseStatistics: Sendable, Equatable, Codable {
    /// The fastest sample.
    public var min: Double
    /// The median.
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    /// The slowest sample.
    public var max: Double

    /// Statistics as given (tests, decoding).
    public init(min: Double, p50: Double, p90: Double, p95: Double, p99: Double, max: Double) {
        self.min = min
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.max = max
    }

    /// The statistics of `samples` (see `Percentile` for the method), rounded to the microsecond;
    /// nil when there are none.
    init?(samples: [Double]) {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return nil }
        func stat(_ statistic: TimingStatistic) -> Double {
            Self.rounded(Percentile.value(statistic.fraction, ofSorted: sorted) ?? 0)
        }
        self.init(min: stat(.min), p50: stat(.p50), p90: stat(.p90), p95: stat(.p95), p99: stat(.p99), max: stat(.max))
    }

    /// The value of one statistic.
    public func value(_ statistic: TimingStatistic) -> Double {
        switch statistic {
        case .min: min
        case .p50: p50
        case .p90: p90
        case .p95: p95
        case .p99: p99
        case .max: max
        }
    }

    static func rounded(_ milliseconds: Double) -> Double {
        (milliseconds * 1000).rounded() / 1000
    }
}
