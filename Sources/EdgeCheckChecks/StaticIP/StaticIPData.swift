import EdgeCheckModel
import EdgeCheckNet

/// The `data` of a `static-ip` result: what every resolver answered and how every address served.
public struct StaticIPData: CheckData, Equatable {
    /// One answer from one resolver for one record type in one round.
    public struct Lookup: Sendable, Encodable, Equatable {
        /// The resolver as written in `dns-servers` (`system`, `127.0.53.1:10053`).
        public var resolver: String
        /// 1-based round.
        public var round: Int
        public var type: DNSRecordType
        /// Addresses in the resolver's order; empty for NODATA or a failure.
        public var answers: [String]
        /// The smallest TTL among the answers, nil when there were none.
        public var ttl: UInt32?
        /// The failure class (`nxdomain`, `servfail`, `dns-timeout`, `refused`), nil on success.
        public var failureClass: FailureClass?
        /// What went wrong, nil on success.
        public var error: String?
        public var ms: Double

        public init(resolver: String, round: Int, type: DNSRecordType, answers: [String], ttl: UInt32? = nil,
                    failureClass: FailureClass? = nil, error: String? = nil, ms: Double = 0) {
            self.resolver = resolver
            self.round = round
            self.type = type
            self.answers = answers
            self.ttl = ttl
            self.failureClass = failureClass
            self.error = error
            self.ms = ms
        }

        /// Whether the resolver answered (with addresses or with NODATA).
        public var succeeded: Bool { failureClass == nil }

        enum CodingKeys: String, CodingKey {
            case resolver, round, type, answers, ttl, error, ms
            case failureClass = "class"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(resolver, forKey: .resolver)
            try container.encode(round, forKey: .round)
            try container.encode(type, forKey: .type)
            try container.encode(answers, forKey: .answers)
            try container.encode(ttl, forKey: .ttl)
            try container.encode(failureClass, forKey: .failureClass)
            try container.encode(error, forKey: .error)
            try container.encode(ms, forKey: .ms)
        }
    }

    /// One connection to one address.
    public struct Probe: Sendable, Encodable, Equatable {
        public var address: String
        public var ok: Bool
        /// The failure class when it did not serve, nil when it did.
        public var failureClass: FailureClass?
        /// Wall-clock time of the attempt.
        public var ms: Double
        /// What went wrong, nil when it served.
        public var error: String?
        /// The HTTP status for `probe: https`.
        public var status: Int?

        public init(address: String, ok: Bool, failureClass: FailureClass? = nil, ms: Double, error: String? = nil,
                    status: Int? = nil) {
            self.address = address
            self.ok = ok
            self.failureClass = failureClass
            self.ms = ms
            self.error = error
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case address, ok, ms, error, status
            case failureClass = "class"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(address, forKey: .address)
            try container.encode(ok, forKey: .ok)
            try container.encode(failureClass, forKey: .failureClass)
            try container.encode(ms, forKey: .ms)
            try container.encode(error, forKey: .error)
            try container.encodeIfPresent(status, forKey: .status)
        }
    }

    public var host: String
    public var port: Int
    /// `none`, `tcp`, `tls` or `https`.
    public var probe: String
    /// The allow-list as configured.
    public var expect: [String]
    /// Every resolver asked.
    public var resolvers: [String]
    /// Rounds of lookups made.
    public var rounds: Int
    /// Every address any resolver returned, in numeric order.
    public var seen: [String]
    /// Seen addresses outside the allow-list.
    public var unexpected: [String]
    /// Allow-list entries (addresses, or CIDRs none of whose addresses appeared) never returned.
    public var missing: [String]
    public var lookups: [Lookup]
    public var probes: [Probe]

    public init(host: String, port: Int, probe: String, expect: [String], resolvers: [String], rounds: Int,
                seen: [String], unexpected: [String], missing: [String], lookups: [Lookup], probes: [Probe]) {
        self.host = host
        self.port = port
        self.probe = probe
        self.expect = expect
        self.resolvers = resolvers
        self.rounds = rounds
        self.seen = seen
        self.unexpected = unexpected
        self.missing = missing
        self.lookups = lookups
        self.probes = probes
    }
}
