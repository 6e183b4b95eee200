/// `tls-timing`: what each TLS hop of the chain costs, phase by phase, against a budget.
public struct TLSTimingCheck: Check {
    public static let description = CheckDescription(
        kind: "tls-timing",
        summary: "Times every hop of the chain over fresh connections (dns, connect, tls, ttfb, total) and "
            + "compares the percentiles with a budget.",
        keys: [
            KeyDescription("hops", type: "[{name, url, server-name, connect-to, pin-sha256, ca-file, insecure}]",
                           default: "one hop: the target",
                           meaning: "The TLS endpoints to time, front to back or back to front (the table shows what "
                             + "each adds over the one listed before it). name defaults to the URL's host; "
                             + "server-name sets SNI and Host; connect-to IP[:PORT] skips DNS; pin-sha256 verifies "
                             + "a self-signed hop by its key; ca-file replaces the check's; insecure turns "
                             + "verification off and is shown in every report."),
            KeyDescription("samples", type: "int", default: "10",
                           meaning: "Requests per hop, one after another, each on a fresh connection with no TLS "
                             + "session resumption; hops are timed concurrently. A timeout ends a hop's sampling."),
            KeyDescription("budget", type: "{PHASE-STAT: duration}",
                           meaning: "Limits per hop, e.g. tls-p50: 50ms. PHASE: dns, connect, tls, ttfb, total; "
                             + "STAT: p50, p90, p95, p99, max (percentiles by linear interpolation)."),
        ])

    let configuration: TLSTimingConfiguration

    public init(settings: CheckSettings) throws(SuiteError) {
        configuration = try TLSTimingConfiguration(settings: settings)
    }

    init(configuration: TLSTimingConfiguration) {
        self.configuration = configuration
    }

    public func run(in context: CheckContext) async -> CheckOutcome {
        let samplers = configuration.hops.map { hop in
            HopSampler(hop: hop, samples: configuration.samples, timeout: context.timeout,
                       dnsServers: context.common.dnsServers, bind: context.common.bind,
                       caFile: context.common.caFile)
        }
        // Hops at once, samples within a hop one after another: a hop's samples never compete
        // with each other, and the check costs about one hop's time.
        let measured = await withTaskGroup(of: (Int, HopMeasurement).self) { group in
            for (index, sampler) in samplers.enumerated() {
                group.addTask { (index, await sampler.measure()) }
            }
            var results: [(Int, HopMeasurement)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let verdict = TLSTimingEvaluation(configuration: configuration).evaluate(measured)
        return CheckOutcome(summary: verdict.summary, findings: verdict.findings,
                            subjects: configuration.hops.map(\.name), measurements: verdict.measurements,
                            data: verdict.data, insecure: verdict.insecure)
    }
}
