import EdgeCheckModel
import EdgeCheckNet

/// Percentiles of a sample by linear interpolation between closest ranks (Hyndman and Fan's
/// definition 7, the default of R, NumPy and spreadsheet `PERCENTILE.INC`): the value at rank
/// `h = (n − 1) · p` counted from 0, interpolated between the two samples around it. So p0 is the
/// minimum, p100 the maximum, the p50 of an even count is the mean of the middle two, and with
/// 10 samples p90 lies between the 9th and 10th smallest — it does not jump to the maximum as the
/// nearest-rank method would.
enum Percentile {
    /// The `fraction` (0...1) percentile of `samples`, or nil when there are none.
    static func value(_ fraction: Double, of samples: [Double]) -> Double? {
        value(fraction, ofSorted: samples.sorted())
    }

    /// As `value(_:of:)` for samples already in ascending order.
    static func value(_ fraction: Double, ofSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let clamped = Swift.min(Swift.max(fraction, 0), 1)
        let rank = Double(sorted.count - 1) * clamped
        let lower = Int(rank.rounded(.down))
        let upper = Int(rank.rounded(.up))
        let weight = rank - Double(lower)
        return sorted[lower] + weight * (sorted[upper] - sorted[lower])
    }
}
