/// The addresses a `certificate` check connects to: the host's A and AAAA records from the first
/// resolver in `dns-servers` that answers, or the host itself when it is an IP literal.
struct HostResolution: Sendable {
    /// In the resolver's order, A before AAAA.
    var addresses: [String]
    /// The resolver that answered, nil for an IP literal or when none answered.
    var resolver: String?
    /// Why the resolvers before it (or all of them) gave no addresses; subject is the resolver.
    var findings: [Finding]

    static func resolve(_ host: String, servers: [DNSServer], timeout: Duration, bind: String?) async -> HostResolution {
        if AddressOrder.isIPAddress(host) {
            return HostResolution(addresses: [host], resolver: nil, findings: [])
        }
        var findings: [Finding] = []
        for server in servers.isEmpty ? [.system] : servers {
            let lookups = await Resolver().lookup(host, types: [.a, .aaaa], server: server, timeout: timeout, bind: bind)
            if Task.isCancelled { break }
            let outcome = evaluate(host: host, resolver: server.description, lookups: lookups)
            if !outcome.addresses.isEmpty {
                return outcome
            }
            findings += outcome.findings
            // An answer without addresses is an answer: asking the next resolver would hide it.
            if outcome.resolver != nil { break }
        }
        return HostResolution(addresses: [], resolver: nil, findings: findings)
    }

    /// What one resolver's lookups (one per record type) mean: its addresses; or, without any, the
    /// first lookup failure (so the next resolver is asked); or, when it answered every type with
    /// no records, a `no-address` finding.
    static func evaluate(host: String, resolver: String, lookups: [DNSLookup]) -> HostResolution {
        var addresses: [String] = []
        for answer in lookups.flatMap(\.answers) where !addresses.contains(answer.address) {
            addresses.append(answer.address)
        }
        if !addresses.isEmpty {
            return HostResolution(addresses: addresses, resolver: resolver, findings: [])
        }
        if let failure = lookups.compactMap(\.failure).first {
            return HostResolution(addresses: [], resolver: nil, findings: [
                Finding(status: .fail, subject: resolver, failureClass: failure.failureClass,
                        message: "resolver \(resolver) could not resolve \(host): \(failure.message)"),
            ])
        }
        let types = lookups.map(\.type.rawValue).joined(separator: ", ")
        return HostResolution(addresses: [], resolver: resolver, findings: [
            Finding(status: .fail, subject: resolver, failureClass: CertificateEvaluation.noAddress,
                    message: "resolver \(resolver) returned no address for \(host) (\(types))"),
        ])
    }
}
