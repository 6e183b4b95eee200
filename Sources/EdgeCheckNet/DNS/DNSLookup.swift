/// The result of asking one resolver for one name and one record type.
public struct DNSLookup: Sendable {
    public struct Answer: Sendable, Equatable {
        /// The address in canonical text form.
        public var address: String
        public var type: DNSRecordType
        public var ttl: UInt32
        public init(address: String, type: DNSRecordType, ttl: UInt32) {
            self.address = address
            self.type = type
            self.ttl = ttl
        }
    }

    public var name: String
    public var type: DNSRecordType
    public var resolver: DNSServer
    /// Addresses in the order the resolver gave them (empty for NODATA or a failure).
    public var answers: [Answer]
    /// The CNAME chain followed to reach the answers, first alias first: the owner name of each
    /// CNAME, so `[www.example, cdn.example]` for www → cdn → edge (empty without CNAMEs).
    public var cnames: [String]
    /// Set when the lookup failed: class `nxdomain`, `servfail`, `dns-timeout` or `refused`.
    public var failure: NetFailure?
    public var durationMs: Double

    public init(name: String, type: DNSRecordType, resolver: DNSServer, answers: [Answer] = [], cnames: [String] = [],
                failure: NetFailure? = nil, durationMs: Double = 0) {
        self.name = name
        self.type = type
        self.resolver = resolver
        self.answers = answers
        self.cnames = cnames
        self.failure = failure
        self.durationMs = durationMs
    }
}
