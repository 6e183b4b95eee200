import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// `proxy-protocol`: the ingress behind the NLB takes the client address from PROXY headers, and
/// only from whom it should.
public struct ProxyProtocolCheck: Check {
    public static let description = CheckDescription(
        kind: "proxy-protocol",
        summary: "The ingress takes the client address from PROXY protocol headers (the announced source reaches "
            + "a canary at the trusted position), refuses connections without one, and ignores or refuses a "
            + "forged header from an untrusted address.",
        keys: [
            KeyDescription("url", type: "url", required: true,
                           meaning: "A canary served through the ingress that echoes the request headers (JSON or text)."),
            KeyDescription("connect-to", type: "IP[:PORT]", required: true,
                           meaning: "The ingress itself, connected to directly instead of the URL's host."),
            KeyDescription("version", type: "v1 | v2", default: "v2",
                           meaning: "The PROXY protocol version of the header (the NLB sends v2)."),
            KeyDescription("source", type: "IP", default: ProxyProtocolConfiguration.defaultSource,
                           meaning: "The client address the header announces."),
            KeyDescription("header", type: "string", default: "X-Forwarded-For",
                           meaning: "The header the canary echoes the chain in."),
            KeyDescription("trusted-hops", type: "int", default: "2",
                           meaning: "Where the announced source must appear, counting from the right (the ingress "
                             + "and the ALB behind it each append one entry)."),
            KeyDescription("require-header", type: "bool", default: "true",
                           meaning: "A connection without a header must not be served (accept-proxy on the bind)."),
            KeyDescription("untrusted-bind", type: "IP",
                           meaning: "A local address the ingress must not take PROXY headers from: a forged header "
                             + "sent from it must be refused or ignored."),
            KeyDescription("server-name", type: "host", meaning: "SNI and Host, when they differ from the URL's host."),
            KeyDescription("pin-sha256", type: "base64",
                           meaning: "Verifies the ingress's self-signed certificate by its key (replaces chain trust)."),
            KeyDescription("insecure", type: "bool", default: "false",
                           meaning: "TLS verification off; shown in every report."),
        ])

    public static let hints: [FailureClass: String] = [
        ProxyProtocolEvaluation.lostClass: "the ingress takes the client from the connection, not the PROXY header: "
            + "accept-proxy on its bind and option forwardfor, or trusted-hops does not match the proxies that append",
        ProxyProtocolEvaluation.optionalClass: "make every connection start with a PROXY header: accept-proxy on the "
            + "ingress's bind, rather than expect-proxy for the NLB's source only",
        ProxyProtocolEvaluation.spoofableClass: "take PROXY headers only from the NLB's addresses: a tcp-request "
            + "connection rule on src, or a security group that admits only the NLB's subnet",
    ]

    let configuration: ProxyProtocolConfiguration

    public init(settings: CheckSettings) throws(SuiteError) {
        configuration = try ProxyProtocolConfiguration(settings: settings)
    }

    init(configuration: ProxyProtocolConfiguration) {
        self.configuration = configuration
    }

    public func run(in context: CheckContext) async -> CheckOutcome {
        let announced = ProbeRequest.ProxyProtocol(version: configuration.version, source: IPAddress(configuration.source))
        let bind = context.common.bind
        // One question after another, each on a fresh connection: with the header from `bind`,
        // without it from `bind`, with it from `untrusted-bind`.
        let trusted = await request(context, bind: bind, proxyProtocol: announced)
        let withoutHeader = Task.isCancelled ? nil : await request(context, bind: bind, proxyProtocol: nil)
        var untrusted: CanaryAttempt?
        if let untrustedBind = configuration.untrustedBind, !Task.isCancelled {
            untrusted = await request(context, bind: untrustedBind, proxyProtocol: announced)
        }
        let verdict = ProxyProtocolEvaluation(configuration: configuration)
            .evaluate(trusted: trusted, withoutHeader: withoutHeader, untrusted: untrusted, bind: bind)
        return CheckOutcome(summary: verdict.summary, findings: verdict.findings, subjects: verdict.subjects,
                            data: verdict.data, insecure: configuration.insecure)
    }

    /// One GET of the canary through the ingress, and what came of it.
    private func request(_ context: CheckContext, bind: String?,
                         proxyProtocol: ProbeRequest.ProxyProtocol?) async -> CanaryAttempt {
        let request = ProbeRequest(url: configuration.requestURL, connectAddress: configuration.connectAddress,
                                   connectPort: configuration.connectPort, depth: .http, trust: configuration.trust,
                                   timeout: context.timeout, bind: bind, caFile: context.common.caFile,
                                   maxBodyBytes: EchoParser.maxBytes, proxyProtocol: proxyProtocol)
        let response = await context.prober.probe(request)
        if let failure = response.failure { return .failed(failure) }
        guard let status = response.status else {
            return .failed(NetFailure(.reset, "\(configuration.endpoint) gave no HTTP answer"))
        }
        guard (200...299).contains(status) else { return .answered(status: status) }
        if response.bodyTruncated {
            return .unreadable("the canary reply is larger than \(EchoParser.maxBytes / 1024) KiB; is it an echo "
                               + "of the request headers?")
        }
        do {
            let echo = try EchoParser.parse(response.body, contentType: response.header("Content-Type"), format: .auto)
            return .served(ForwardedChain(headerValue: echo.value(of: configuration.header)))
        } catch {
            return .unreadable("the canary reply cannot be read as an echo: \(error.message)")
        }
    }
}
