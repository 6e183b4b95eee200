import EdgeCheckModel
import EdgeCheckNet

/// The `tls-timing` kind's `data`: per hop, what was negotiated and what each phase cost.
public struct TLSTimingData: CheckData, Equatable {
    /// Per-phase statistics of one hop, in milliseconds, in phase order.
    public struct Phases: Encodable, Sendable, Equatable {
        public var dns: PhaseStatistics
        public var connect: PhaseStatistics
        public var tls: PhaseStatistics
        public var ttfb: PhaseStatistics
        public var total: PhaseStatistics
        /// Through a proxy only: the tunnel's set-up (JSON key `tunnel`, absent when direct).
        public var tunnel: PhaseStatistics?

        public init(dns: PhaseStatistics, connect: PhaseStatistics, tls: PhaseStatistics, ttfb: PhaseStatistics,
                    total: PhaseStatistics, tunnel: PhaseStatistics? = nil) {
            self.tunnel = tunnel
            self.dns = dns
            self.connect = connect
            self.tls = tls
            self.ttfb = ttfb
            self.total = total
        }

        /// Statistics over `samples`; nil when there are none.
        init?(samples: [PhaseTimings]) {
            func stats(_ phase: TimingPhase) -> PhaseStatistics? {
                PhaseStatistics(samples: samples.map { phase.milliseconds(in: $0) })
            }
            guard let dns = stats(.dns), let connect = stats(.connect), let tls = stats(.tls), let ttfb = stats(.ttfb),
                  let total = stats(.total) else { return nil }
            // Only a proxied connection has a tunnel; a direct one reports no such phase.
            let tunnel = samples.contains { $0.tunnel > 0 } ? stats(.tunnel) : nil
            self.init(dns: dns, connect: connect, tls: tls, ttfb: ttfb, total: total, tunnel: tunnel)
        }

        /// A phase that did not happen (the tunnel of a direct connection).
        private static let nothing = PhaseStatistics(samples: [0])!

        /// The statistics of one phase.
        public subscript(phase: TimingPhase) -> PhaseStatistics {
            switch phase {
            case .dns: dns
            case .connect: connect
            case .tunnel: tunnel ?? Self.nothing
            case .tls: tls
            case .ttfb: ttfb
            case .total: total
            }
        }
    }

    /// One hop's measurements.
    public struct Hop: Encodable, Sendable, Equatable {
        /// The hop's name from the suite.
        public var name: String
        /// The URL as configured.
        public var url: String
        /// The IP connected to.
        public var address: String?
        public var port: Int?
        /// As libcurl names it, e.g. `TLSv1.3`.
        public var tlsVersion: String?
        /// E.g. `TLS_AES_256_GCM_SHA384`.
        public var cipher: String?
        /// TLS verification was off for this hop.
        public var insecure: Bool
        /// The leaf was verified by its SPKI pin instead of chain trust.
        public var pinned: Bool
        /// Samples measured (the failed ones not counted).
        public var samples: Int
        /// Samples requested.
        public var requested: Int
        /// Samples that failed.
        public var failed: Int
        /// Nil when no sample succeeded.
        public var phases: Phases?

        public init(name: String, url: String, address: String?, port: Int?, tlsVersion: String?, cipher: String?,
                    insecure: Bool, pinned: Bool, samples: Int, requested: Int, failed: Int, phases: Phases?) {
            self.name = name
            self.url = url
            self.address = address
            self.port = port
            self.tlsVersion = tlsVersion
            self.cipher = cipher
            self.insecure = insecure
            self.pinned = pinned
            self.samples = samples
            self.requested = requested
            self.failed = failed
            self.phases = phases
        }

        enum CodingKeys: String, CodingKey {
            case name, url, address, port, cipher, insecure, pinned, samples, requested, failed, phases
            case tlsVersion = "tls_version"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            // The contract's keys are always present, null when unknown.
            try container.encode(name, forKey: .name)
            try container.encode(address, forKey: .address)
            try container.encode(tlsVersion, forKey: .tlsVersion)
            try container.encode(cipher, forKey: .cipher)
            try container.encode(insecure, forKey: .insecure)
            try container.encode(samples, forKey: .samples)
            try container.encode(phases, forKey: .phases)
            try container.encode(url, forKey: .url)
            try container.encode(port, forKey: .port)
            try container.encode(pinned, forKey: .pinned)
            try container.encode(requested, forKey: .requested)
            try container.encode(failed, forKey: .failed)
        }
    }

    /// The hops in the order the check lists them.
    public var hops: [Hop]

    public init(hops: [Hop]) {
        self.hops = hops
    }
}
