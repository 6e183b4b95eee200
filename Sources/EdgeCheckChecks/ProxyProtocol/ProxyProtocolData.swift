import EdgeCheckModel
import EdgeCheckNet

/// The `proxy-protocol` kind's `data`: what was announced, and what the canary saw each time.
public struct ProxyProtocolData: CheckData, Equatable {
    /// The request sent from `untrusted-bind` with a forged header.
    public struct Untrusted: Encodable, Sendable, Equatable {
        /// The local address it came from.
        public var bind: String
        /// Whether the ingress answered it (below 400) rather than refusing it.
        public var served: Bool
        /// The echoed entries, left to right (empty when not served).
        public var chain: [String]
        public var observedClient: String?

        public init(bind: String, served: Bool, chain: [String], observedClient: String?) {
            self.bind = bind
            self.served = served
            self.chain = chain
            self.observedClient = observedClient
        }

        enum CodingKeys: String, CodingKey {
            case bind, served, chain
            case observedClient = "observed_client"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(bind, forKey: .bind)
            try container.encode(served, forKey: .served)
            try container.encode(chain, forKey: .chain)
            try container.encode(observedClient, forKey: .observedClient)
        }
    }

    /// The ingress, `IP:PORT`.
    public var address: String
    /// `v1` or `v2`.
    public var version: String
    /// The source the header announced.
    public var announced: String
    public var header: String
    public var trustedHops: Int
    /// The echoed entries of the request with the header, left to right.
    public var chain: [String]
    /// The entry at the trusted position (`trusted_hops` from the right).
    public var observedClient: String?
    /// Whether a connection without a header was served; nil when `require-header` is off.
    public var servedWithoutHeader: Bool?
    /// Nil without `untrusted-bind`.
    public var untrusted: Untrusted?

    public init(address: String, version: String, announced: String, header: String, trustedHops: Int,
                chain: [String], observedClient: String?, servedWithoutHeader: Bool?, untrusted: Untrusted?) {
        self.address = address
        self.version = version
        self.announced = announced
        self.header = header
        self.trustedHops = trustedHops
        self.chain = chain
        self.observedClient = observedClient
        self.servedWithoutHeader = servedWithoutHeader
        self.untrusted = untrusted
    }

    enum CodingKeys: String, CodingKey {
        case address, version, announced, header, chain, untrusted
        case trustedHops = "trusted_hops"
        case observedClient = "observed_client"
        case servedWithoutHeader = "served_without_header"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // The contract's keys are always present, null when unknown or not asked.
        try container.encode(announced, forKey: .announced)
        try container.encode(chain, forKey: .chain)
        try container.encode(observedClient, forKey: .observedClient)
        try container.encode(servedWithoutHeader, forKey: .servedWithoutHeader)
        try container.encode(untrusted, forKey: .untrusted)
        try container.encode(address, forKey: .address)
        try container.encode(version, forKey: .version)
        try container.encode(header, forKey: .header)
        try container.encode(trustedHops, forKey: .trustedHops)
    }
}
