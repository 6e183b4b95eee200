import EdgeCheckModel
import EdgeCheckNet

/// The `xff-echo` kind's `data`: the chain the canary saw, and where the client was in it.
public struct XFFEchoData: CheckData, Equatable {
    /// What came back for the request with a forged header.
    public struct Spoof: Encodable, Sendable, Equatable {
        /// The forged header value sent.
        public var sent: String
        /// The echoed entries, left to right.
        public var chain: [String]
        /// The entry at the client's position, which the service takes for the client.
        public var observedClient: String?

        public init(sent: String, chain: [String], observedClient: String?) {
            self.sent = sent
            self.chain = chain
            self.observedClient = observedClient
        }

        enum CodingKeys: String, CodingKey {
            case sent, chain
            case observedClient = "observed_client"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sent, forKey: .sent)
            try container.encode(chain, forKey: .chain)
            try container.encode(observedClient, forKey: .observedClient)
        }
    }

    /// The header read, e.g. `X-Forwarded-For`.
    public var header: String
    /// The echoed entries, left to right, as sent.
    public var chain: [String]
    /// The entries that are not IP addresses.
    public var junk: [String]
    /// The client address expected (nil when it could not be found out).
    public var clientIP: String?
    /// Where `clientIP` came from: `suite` or the client-ip URL.
    public var clientIPSource: String
    /// The entry at the client's position (`trusted_hops` from the right).
    public var observedClient: String?
    public var trustedHops: Int
    /// X-Forwarded-Proto as echoed, when it was.
    public var forwardedProto: String?
    /// Nil when `spoof` is off.
    public var spoof: Spoof?
    /// The canary address both requests went to.
    public var address: String?

    public init(header: String, chain: [String], junk: [String] = [], clientIP: String?, clientIPSource: String,
                observedClient: String?, trustedHops: Int, forwardedProto: String? = nil, spoof: Spoof? = nil, address: String? = nil) {
        self.header = header
        self.chain = chain
        self.junk = junk
        self.clientIP = clientIP
        self.clientIPSource = clientIPSource
        self.observedClient = observedClient
        self.trustedHops = trustedHops
        self.forwardedProto = forwardedProto
        self.spoof = spoof
        self.address = address
    }

    enum CodingKeys: String, CodingKey {
        case header, chain, junk, spoof, address
        case clientIP = "client_ip"
        case clientIPSource = "client_ip_source"
        case observedClient = "observed_client"
        case trustedHops = "trusted_hops"
        case forwardedProto = "forwarded_proto"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // The contract's keys are always present, null when unknown or off.
        try container.encode(chain, forKey: .chain)
        try container.encode(clientIP, forKey: .clientIP)
        try container.encode(observedClient, forKey: .observedClient)
        try container.encode(spoof, forKey: .spoof)
        try container.encode(header, forKey: .header)
        try container.encode(junk, forKey: .junk)
        try container.encode(clientIPSource, forKey: .clientIPSource)
        try container.encode(trustedHops, forKey: .trustedHops)
        try container.encodeIfPresent(forwardedProto, forKey: .forwardedProto)
        try container.encodeIfPresent(address, forKey: .address)
    }
}
