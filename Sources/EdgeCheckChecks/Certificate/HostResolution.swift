import EdgeCheckModel
import EdgeCheckNet

/// The addresses a `certificate` check connects to: the host's A and AAAA records from the first
/// resolver in `dns-servers` that answers (`HostLookup.Policy.firstAnswering`), or the host
/// itself when it is an IP literal; and, as findings, why the resolvers before it (or all of
/// them) gave no address.
struct HostResolution: Sendable {
    /// In the resolver's order, A before AAAA.
    var addresses: [String]
    /// The resolver whose answer counts (also one that answered without an address); nil for
    /// an IP literal or when none answered.
    var resolver: String?
    /// Why the resolvers before it (or all of them) gave no addresses; subject is the resolver.
    var findings: [Finding]

    static func resolve(_ host: String, in context: CheckContext) async -> HostResolution {
        HostResolution(host: host, answer: await context.addresses(of: host, policy: .firstAnswering))
    }

    /// What the lookup means. Without an address: one finding per resolver that failed (its
    /// first failure), and a `no-address` finding for a resolver that answered every type with
    /// no record. With one, the resolvers that failed before it are of no concern here.
    init(host: String, answer: HostLookup.Answer) {
        addresses = answer.addresses
        resolver = answer.resolver ?? answer.emptyAnswerFrom
        var findings: [Finding] = []
        var named: Set<String> = []
        for failed in answer.failures where answer.addresses.isEmpty && named.insert(failed.resolver).inserted {
            findings.append(Finding(status: .fail, subject: failed.resolver, failureClass: failed.failure.failureClass,
                                    message: "resolver \(failed.resolver) could not resolve \(host): \(failed.failure.message)"))
        }
        if let empty = answer.emptyAnswerFrom {
            findings.append(Finding(status: .fail, subject: empty, failureClass: .noAddress,
                                    message: "resolver \(empty) returned no address for \(host) (A, AAAA)"))
        }
        self.findings = findings
    }
}
