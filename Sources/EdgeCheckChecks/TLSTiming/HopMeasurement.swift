import EdgeCheckModel
import EdgeCheckNet

/// What sampling one hop produced, before any verdict.
struct HopMeasurement: Sendable, Equatable {
    var hop: TimingHop
    /// The IP and port connected to (nil when not even the name resolved).
    var address: String?
    var port: Int?
    var samples: [PhaseTimings]
    /// Failed samples, in order.
    var failures: [NetFailure]
    var requested: Int
    /// Sampling ended early because a sample timed out.
    var stoppedEarly: Bool
    var tlsVersion: String?
    var cipher: String?
    /// The hop failed its handshakes without a PROXY header but completed one with a v2 header.
    var expectsProxyHeader = false

    init(hop: TimingHop, address: String? = nil, port: Int? = nil, samples: [PhaseTimings] = [],
         failures: [NetFailure] = [], requested: Int, stoppedEarly: Bool = false, tlsVersion: String? = nil,
         cipher: String? = nil) {
        self.hop = hop
        self.address = address
        self.port = port
        self.samples = samples
        self.failures = failures
        self.requested = requested
        self.stoppedEarly = stoppedEarly
        self.tlsVersion = tlsVersion
        self.cipher = cipher
    }
}
