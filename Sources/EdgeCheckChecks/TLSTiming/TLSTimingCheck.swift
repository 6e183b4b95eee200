import EdgeCheckModel
import EdgeCheckNet

/// `tls-timing`: what each TLS hop of the chain costs, phase by phase, against a budget.
public struct TLSTimingCheck: Check {
    public static let description = CheckDescription(
        kind: "tls-timing",
        summary: "Times every hop of the chain over fresh connections (dns, connect, tls, ttfb, total) and "
            + "compares the percentiles with a budget.",
        keys: [
            KeyDescription("hops", type: "[{name, url, server-name, connect-to, pin-sha256, ca-file, insecure, "
                             + "proxy-protocol, proxy-source}]",
                           default: "one hop: the target",
                           meaning: "The TLS endpoints to time, front to back or back to front (the table shows what "
                             + "each adds over the one listed before it). name defaults to the URL's host; "
                             + "server-name sets SNI and Host; connect-to IP[:PORT] skips DNS; pin-sha256 verifies "
                             + "a self-signed hop by its key; ca-file replaces the check's; insecure turns "
                             + "verification off and is shown in every report; proxy-protocol none|v1|v2 starts "
                             + "each connection with a PROXY header (an ingress with accept-proxy), announcing "
                             + "proxy-source (default: the connection's own address); its send time counts in "
                             + "connect."),
            KeyDescription("samples", type: "int", default: "10",
                           meaning: "Requests per hop, one after another, each on a fresh connection with no TLS "
                             + "session resumption; hops are timed one after another, so none loads another "
                             + "while it is measured. A timeout ends a hop's sampling."),
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
            HopSampler(hop: hop, samples: configuration.samples, context: context)
        }
        // One hop after another, and one sample after another within a hop. Hops behind a proxy
        // are also on the path of the hops in front of them: timed at once, the front hop's
        // requests load the hops behind it while they are measured (the benchmark saw healthy
        // loopback handshakes read 1.5-2.5x curl's that way). A hop that times out stops
        // sampling, so the check still costs at most about one timeout per hop.
        var measured: [HopMeasurement] = []
        for sampler in samplers {
            measured.append(await sampler.measure())  // a cancelled probe returns at once
        }
        let verdict = TLSTimingEvaluation(configuration: configuration).evaluate(measured)
        return CheckOutcome(summary: verdict.summary, findings: verdict.findings,
                            subjects: configuration.hops.map(\.name), measurements: verdict.measurements,
                            data: verdict.data, insecure: verdict.insecure)
    }
}
