import EdgeCheckModel
import EdgeCheckNet

/// A phase of one connection, as `tls-timing` reports and budgets it.
public enum TimingPhase: String, Sendable, CaseIterable, Codable {
    /// Name resolution.
    case dns
    /// TCP connect.
    case connect
    /// TLS handshake.
    case tls
    /// Request sent to first response byte.
    case ttfb
    /// The whole request, name resolution included.
    case total

    /// This phase's duration in `timings`, in milliseconds.
    func milliseconds(in timings: PhaseTimings) -> Double {
        switch self {
        case .dns: timings.dns
        case .connect: timings.connect
        case .tls: timings.tls
        case .ttfb: timings.ttfb
        case .total: timings.total
        }
    }
}
