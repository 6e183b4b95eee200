import EdgeCheckModel
import EdgeCheckNet

/// A phase of one connection, as `tls-timing` reports and budgets it.
public enum TimingPhase: String, Sendable, CaseIterable, Codable {
    /// Name resolution.
    case dns
    /// TCP connect (to the proxy, through one).
    case connect
    /// Through a proxy: the CONNECT exchange (or SOCKS5 handshake) until the tunnel is open; 0
    /// for a direct connection.
    case tunnel
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
        case .tunnel: timings.tunnel
        case .tls: timings.tls
        case .ttfb: timings.ttfb
        case .total: timings.total
        }
    }
}
