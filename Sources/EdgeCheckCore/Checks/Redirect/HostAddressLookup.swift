/// The addresses a URL's host stands for, as the configured resolvers (`dns-servers`, or
/// `--dns-server`) answer, so every connection goes where the user's resolvers say and not
/// wherever the system resolver happens to point.
struct HostAddressLookup: Sendable {
    /// What the resolvers said about one host.
    struct Answer: Sendable {
        /// Every address any resolver gave, canonical, first seen first, without duplicates.
        var addresses: [String]
        /// The lookups that failed (A or AAAA from one resolver).
        var failures: [NetFailure]
        /// The slowest lookup, as a client that waits for both A and AAAA would.
        var durationMs: Double

        /// Why no address was found, as one classified failure.
        var failure: NetFailure? {
            guard addresses.isEmpty else { return nil }
            return failures.first
        }
    }

    var servers: [DNSServer]
    var timeout: Duration
    var bind: String?
    var types: [DNSRecordType] = [.a, .aaaa]

    /// Asks every resolver for `host`'s A and AAAA records. An IP literal is its own answer.
    func addresses(of host: String) async -> Answer {
        if let literal = IPAddressText.canonical(host) {
            return Answer(addresses: [literal], failures: [], durationMs: 0)
        }
        let resolver = Resolver()
        var addresses: [String] = []
        var failures: [NetFailure] = []
        var slowest = 0.0
        let servers = self.servers.isEmpty ? [DNSServer.system] : self.servers
        for server in servers {
            let lookups = await resolver.lookup(host, types: types, server: server, timeout: timeout, bind: bind)
            for lookup in lookups {
                slowest = max(slowest, lookup.durationMs)
                if let failure = lookup.failure { failures.append(failure) }
                for answer in lookup.answers {
                    let address = IPAddressText.canonical(answer.address) ?? answer.address
                    if !addresses.contains(address) { addresses.append(address) }
                }
            }
        }
        if addresses.isEmpty && failures.isEmpty {
            failures.append(NetFailure(.nxdomain, "\(host) has no A or AAAA record"))
        }
        return Answer(addresses: addresses, failures: failures, durationMs: slowest)
    }
}
