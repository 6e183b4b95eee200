/// The addresses a host stands for, as the configured resolvers (`dns-servers`, or
/// `--dns-server`) answer, so every connection goes where the user's resolvers say and not
/// wherever the system resolver happens to point. An IP literal is its own answer.
///
/// Each kind chooses its policy and says so in its docs/checks page:
/// - `union` asks every resolver and takes every address any of them gives (`redirect`,
///   `xff-echo`, `tls-timing`, the built-in `addresses` check): a resolver that disagrees adds
///   its addresses instead of hiding them.
/// - `firstAnswering` asks the resolvers in order and stops at the first that answers
///   (`certificate`): a failing resolver gives way to the next one, but an answer without
///   addresses is an answer, and asking on would hide it.
public struct HostLookup: Sendable {
    /// Which resolvers' answers count.
    public enum Policy: Sendable {
        case union
        case firstAnswering
    }

    /// A lookup that failed: which resolver, and why.
    public struct ResolverFailure: Sendable, Equatable {
        /// The resolver as the user wrote it (`system`, `127.0.53.1:10053`).
        public var resolver: String
        public var failure: NetFailure
    }

    /// What the resolvers said about one host.
    public struct Answer: Sendable {
        /// Every address that counts, canonical, first seen first, without duplicates.
        public var addresses: [String]
        /// With `firstAnswering`, the resolver whose answer counts (nil for an IP literal, or
        /// when none answered); with `union`, nil.
        public var resolver: String?
        /// The lookups that failed (A or AAAA from one resolver), in the order asked.
        public var failures: [ResolverFailure]
        /// With `firstAnswering`: the resolver that answered every type without a record.
        public var emptyAnswerFrom: String?
        /// The slowest lookup, as a client that waits for both A and AAAA would.
        public var durationMs: Double

        /// Why no address was found, as one classified failure.
        public var failure: NetFailure? {
            guard addresses.isEmpty else { return nil }
            return failures.first?.failure
        }
    }

    public var resolver: any Resolving
    public var servers: [DNSServer]
    public var timeout: Duration
    public var bind: String?
    public var types: [DNSRecordType]
    public var policy: Policy

    public init(resolver: any Resolving, servers: [DNSServer], timeout: Duration, bind: String?,
                types: [DNSRecordType] = [.a, .aaaa], policy: Policy) {
        self.resolver = resolver
        self.servers = servers
        self.timeout = timeout
        self.bind = bind
        self.types = types
        self.policy = policy
    }

    /// Asks the resolvers for `host`'s records, as `policy` says.
    public func addresses(of host: String) async -> Answer {
        if let literal = IPAddress.canonical(host) {
            return Answer(addresses: [literal], resolver: nil, failures: [], durationMs: 0)
        }
        var answer = Answer(addresses: [], resolver: nil, failures: [], durationMs: 0)
        for server in servers.isEmpty ? [.system] : servers {
            let lookups = await resolver.lookup(host, types: types, server: server, timeout: timeout, bind: bind)
            var found: [String] = []
            for lookup in lookups {
                answer.durationMs = max(answer.durationMs, lookup.durationMs)
                if let failure = lookup.failure {
                    answer.failures.append(ResolverFailure(resolver: server.description, failure: failure))
                }
                for record in lookup.answers {
                    let address = IPAddress.canonical(record.address) ?? record.address
                    if !found.contains(address) { found.append(address) }
                }
            }
            for address in found where !answer.addresses.contains(address) { answer.addresses.append(address) }
            guard policy == .firstAnswering else { continue }
            if !found.isEmpty {
                answer.resolver = server.description
                return answer
            }
            if Task.isCancelled { break }
            if lookups.allSatisfy({ $0.failure == nil }) {
                answer.emptyAnswerFrom = server.description
                break
            }
        }
        if policy == .union, answer.addresses.isEmpty, answer.failures.isEmpty {
            let failure = NetFailure(.nxdomain, "\(host) has no \(types.map(\.rawValue).joined(separator: " or ")) record")
            answer.failures.append(ResolverFailure(resolver: "", failure: failure))
        }
        return answer
    }
}
