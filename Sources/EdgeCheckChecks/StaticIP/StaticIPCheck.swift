import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// `static-ip`: the host name only ever resolves to allow-listed addresses, and every address serves.
///
/// Asks every resolver `lookups` times, `interval` apart, for every record type; compares the union
/// of the answers with `expect`; then probes every address seen and every single expected address
/// at once (bounded), each on a fresh connection.
public struct StaticIPCheck: Check {
    public static let description = CheckDescription(
        kind: "static-ip",
        summary: "The host name only ever resolves to allow-listed addresses, and every address serves.",
        keys: StaticIPConfiguration.keys)

    public let configuration: StaticIPConfiguration

    public init(settings: CheckSettings) throws(SuiteError) {
        configuration = try StaticIPConfiguration(settings: settings)
    }

    public init(configuration: StaticIPConfiguration) {
        self.configuration = configuration
    }

    public func run(in context: CheckContext) async -> CheckOutcome {
        var servers: [DNSServer] = []
        for server in context.common.dnsServers where !servers.contains(server) { servers.append(server) }
        if servers.isEmpty { servers = [.system] }
        let evaluation = StaticIPEvaluation(configuration: configuration, resolvers: servers.map(\.description))
        let lookups: [StaticIPData.Lookup]
        do {
            lookups = try await lookUp(servers: servers, context: context)
        } catch {
            return .error("interrupted")
        }
        var probes: [StaticIPData.Probe] = []
        if configuration.probe != .none {
            let addresses = evaluation.addressesToProbe(after: lookups)
            probes = await BoundedConcurrency.map(addresses) { address in
                await probe(address, context: context)
            }
        }
        if Task.isCancelled { return .error("interrupted") }
        return evaluation.outcome(lookups: lookups, probes: probes)
    }

    /// `lookups` rounds, `interval` apart; within a round every resolver and record type at once.
    /// Throws only when cancelled.
    private func lookUp(servers: [DNSServer], context: CheckContext) async throws -> [StaticIPData.Lookup] {
        let resolver = context.resolver
        let host = configuration.host
        let types = configuration.recordTypes
        var records: [StaticIPData.Lookup] = []
        for round in 1...configuration.lookups {
            if round > 1 { try await Task.sleep(for: configuration.interval) }
            try Task.checkCancellation()
            let answers = await withTaskGroup(of: (Int, [DNSLookup]).self) { group in
                for (index, server) in servers.enumerated() {
                    group.addTask {
                        (index, await resolver.lookup(host, types: types, server: server, timeout: context.timeout,
                                                      bind: context.common.bind))
                    }
                }
                var byServer = [[DNSLookup]](repeating: [], count: servers.count)
                for await (index, lookups) in group { byServer[index] = lookups }
                return byServer
            }
            try Task.checkCancellation()
            for (server, lookups) in zip(servers, answers) {
                records += lookups.map { Self.record($0, resolver: server, round: round) }
            }
        }
        return records
    }

    /// One lookup as the report shows it, under the resolver's name as `dns-servers` gave it.
    static func record(_ lookup: DNSLookup, resolver: DNSServer, round: Int) -> StaticIPData.Lookup {
        StaticIPData.Lookup(resolver: resolver.description, round: round, type: lookup.type,
                            answers: lookup.answers.map(\.address), ttl: lookup.answers.map(\.ttl).min(),
                            failureClass: lookup.failure?.failureClass, error: lookup.failure?.message,
                            ms: lookup.durationMs)
    }

    /// One fresh connection to `address`, as deep as `probe` says.
    private func probe(_ address: String, context: CheckContext) async -> StaticIPData.Probe {
        var components = URLComponents()
        components.scheme = configuration.probe == .tcp ? "http" : "https"
        components.host = configuration.host
        components.port = configuration.port
        components.path = "/"
        guard let url = components.url else {
            return StaticIPData.Probe(address: address, ok: false, failureClass: FailureClass("internal"), ms: 0,
                                      error: "cannot form a URL for host \(configuration.host)")
        }
        let depth: ProbeRequest.Depth = switch configuration.probe {
        case .none, .tcp: .tcp
        case .tls: .tls
        case .https: .http
        }
        let request = ProbeRequest(url: url, connectAddress: address, connectPort: configuration.port, depth: depth,
                                   trust: .verify, timeout: context.timeout, bind: context.common.bind,
                                   caFile: context.common.caFile, maxBodyBytes: 4096)
        let (response, ms) = await Stopwatch.measure { await context.prober.probe(request) }
        if let failure = response.failure {
            return StaticIPData.Probe(address: address, ok: false, failureClass: failure.failureClass, ms: ms,
                                      error: failure.message, status: response.status)
        }
        if configuration.probe == .https, let status = response.status, status >= 500 {
            return StaticIPData.Probe(address: address, ok: false, failureClass: .httpStatus, ms: ms,
                                      error: "GET / answered HTTP \(status)", status: status)
        }
        return StaticIPData.Probe(address: address, ok: true, ms: ms, status: response.status)
    }
}
