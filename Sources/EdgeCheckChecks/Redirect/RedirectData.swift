import EdgeCheckModel
import EdgeCheckNet

/// The `redirect` kind's `data`: what each address answered.
public struct RedirectData: CheckData, Equatable {
    /// One address's answer to the plain-HTTP request.
    public struct Endpoint: Encodable, Sendable, Equatable {
        /// The IP requested.
        public var address: String
        /// The HTTP status, or nil when the request failed.
        public var status: Int?
        /// The Location header as sent (not resolved), or nil.
        public var location: String?
        /// The failure class when the request did not complete.
        public var error: String?
        /// What the Location answered when it was followed.
        public var followed: Followed?

        public init(address: String, status: Int? = nil, location: String? = nil, error: String? = nil,
                    followed: Followed? = nil) {
            self.address = address
            self.status = status
            self.location = location
            self.error = error
            self.followed = followed
        }

        enum CodingKeys: String, CodingKey {
            case address, status, location, error, followed
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(address, forKey: .address)
            // Required keys are always present, null when unknown.
            try container.encode(status, forKey: .status)
            try container.encode(location, forKey: .location)
            try container.encodeIfPresent(error, forKey: .error)
            try container.encodeIfPresent(followed, forKey: .followed)
        }
    }

    /// The answer of the followed Location.
    public struct Followed: Encodable, Sendable, Equatable {
        /// The resolved, absolute URL requested.
        public var url: String
        /// Its HTTP status, nil when the request failed.
        public var status: Int?
        /// Its Location header, when it redirected again.
        public var location: String?
        /// The failure class when the request did not complete.
        public var error: String?

        public init(url: String, status: Int? = nil, location: String? = nil, error: String? = nil) {
            self.url = url
            self.status = status
            self.location = location
            self.error = error
        }
    }

    /// The URL requested on every address.
    public var url: String
    /// The Location expected.
    public var expected: String?
    /// One entry per address, in the order the resolvers gave them.
    public var endpoints: [Endpoint]

    public init(url: String, expected: String?, endpoints: [Endpoint]) {
        self.url = url
        self.expected = expected
        self.endpoints = endpoints
    }
}
