import EdgeCheckModel
import EdgeCheckNet

/// Measures one hop: `samples` requests one after another, each on a fresh connection with no
/// session resumption (the prober never reuses), so every sample pays a full handshake.
struct HopSampler: Sendable {
    var hop: TimingHop
    var samples: Int
    /// The check's settings (timeout, resolvers, `bind`, `ca-file` unless the hop has its own)
    /// and the network.
    var context: CheckContext

    /// Classes after which further samples would only wait out the same timeout again.
    static let stoppingClasses: Set<FailureClass> = [.timeout, .dnsTimeout]

    func measure() async -> HopMeasurement {
        var measurement = HopMeasurement(hop: hop, address: hop.connectAddress, requested: samples)
        let timeout = context.timeout
        for _ in 0..<samples {
            if Task.isCancelled { break }
            // A hop pinned by connect-to (or an IP URL) needs no lookup. Otherwise each sample
            // asks the resolvers again, timing it as the dns phase, but connects to the address
            // of the first answer so every sample measures the same endpoint.
            var dnsMs = 0.0
            var looked = false
            if let host = hop.hostToResolve {
                let answer = await context.addresses(of: host, policy: .union)
                if let failure = answer.failure {
                    if Self.record(failure, in: &measurement) { break }
                    continue
                }
                dnsMs = answer.durationMs
                looked = true
                if measurement.address == nil { measurement.address = answer.addresses.first }
            } else if measurement.address == nil {
                measurement.address = hop.url.host.flatMap(IPAddress.canonical)
            }
            let request = ProbeRequest(url: hop.requestURL, connectAddress: measurement.address,
                                       connectPort: hop.connectPort, depth: .http, trust: hop.trust,
                                       timeout: timeout, bind: context.common.bind,
                                       caFile: hop.caFile ?? context.common.caFile,
                                       maxBodyBytes: 16 * 1024, proxyProtocol: hop.proxyProtocol)
            let response = await context.prober.probe(request)
            if measurement.port == nil { measurement.port = response.remotePort ?? hop.connectPort ?? hop.url.port ?? 443 }
            if measurement.tlsVersion == nil { measurement.tlsVersion = response.tlsVersion }
            if measurement.cipher == nil { measurement.cipher = response.cipher }
            if let failure = response.failure {
                if Self.record(failure, in: &measurement) { break }
                continue
            }
            var timings = response.timings
            if looked {
                timings.dns = dnsMs
                timings.total += dnsMs
            }
            measurement.samples.append(timings)
        }
        if await expectsProxyHeader(measurement) { measurement.expectsProxyHeader = true }
        return measurement
    }

    /// Classes of a handshake that a listener with `accept-proxy` ends: it reads the ClientHello as
    /// a bad PROXY header and closes the connection.
    static let handshakeEndings: Set<FailureClass> = [.reset, .tlsAlert]

    /// Whether a hop sent no header, failed every handshake, and completes one with a v2 header:
    /// an ingress behind the NLB that expects the PROXY protocol. One extra connection, only then.
    private func expectsProxyHeader(_ measurement: HopMeasurement) async -> Bool {
        guard hop.proxyProtocol == nil, measurement.samples.isEmpty, !Task.isCancelled,
              let first = measurement.failures.first, Self.handshakeEndings.contains(first.failureClass),
              let address = measurement.address else { return false }
        let request = ProbeRequest(url: hop.requestURL, connectAddress: address, connectPort: hop.connectPort,
                                   depth: .tls, trust: hop.trust, timeout: context.timeout, bind: context.common.bind,
                                   caFile: hop.caFile ?? context.common.caFile,
                                   proxyProtocol: ProbeRequest.ProxyProtocol(version: .v2))
        let response = await context.prober.probe(request)
        return response.failure == nil && response.tlsVersion != nil
    }

    /// Counts a failed sample; true when its class ends the hop's sampling.
    private static func record(_ failure: NetFailure, in measurement: inout HopMeasurement) -> Bool {
        measurement.failures.append(failure)
        if stoppingClasses.contains(failure.failureClass) { measurement.stoppedEarly = true }
        return measurement.stoppedEarly
    }
}
