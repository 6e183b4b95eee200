import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// `xff-echo`: the user's source address survives the proxy chain, and a client cannot forge it.
public struct XFFEchoCheck: Check {
    public static let description = CheckDescription(
        kind: "xff-echo",
        summary: "A canary behind the proxy chain sees the client's own address at the trusted position of "
            + "X-Forwarded-For, and a forged header does not take its place.",
        keys: [
            KeyDescription("url", type: "url", required: true,
                           meaning: "The canary: a page behind the chain that echoes the request headers (JSON or text)."),
            KeyDescription("client-ip", type: "IP | auto", default: "auto",
                           meaning: "The address the service should see; auto asks client-ip-url from the same source address."),
            KeyDescription("client-ip-url", type: "url", default: "https://checkip.amazonaws.com",
                           meaning: "With client-ip: auto, a page that answers the caller's address as text."),
            KeyDescription("trusted-hops", type: "int", default: "1",
                           meaning: "How many proxies append to the header; the client is expected that many entries from the right."),
            KeyDescription("header", type: "string", default: "X-Forwarded-For",
                           meaning: "The header that carries the chain (also the one forged with spoof). "
                               + "X-Forwarded-For and Forwarded (its for= values) are lists; any other header is "
                               + "one value that must be exactly the client, and a forged address must not arrive in it."),
            KeyDescription("format", type: "auto | json | text", default: "auto",
                           meaning: "How the echo is read: JSON (the first headers object, breadth-first, or headers "
                             + "at the top level) or Name: value lines; auto picks by Content-Type and the first character."),
            KeyDescription("headers-at", type: "JSON pointer",
                           meaning: "Where a JSON echo keeps the request headers, e.g. /request/headers; "
                             + "by default the first headers object found."),
            KeyDescription("spoof", type: "bool", default: "true",
                           meaning: "Also send a forged header (192.0.2.66) and fail if it lands at or right of the "
                             + "client's position."),
            KeyDescription("expect-proto", type: "string", default: "https",
                           meaning: "X-Forwarded-Proto expected when the canary echoes it; an empty string skips the comparison."),
            KeyDescription("connect-to", type: "IP[:PORT]",
                           meaning: "Connect here instead of resolving the URL's host, e.g. straight to the ingress."),
            KeyDescription("proxy-protocol", type: "none | v1 | v2", default: "none",
                           meaning: "Start each connection with a PROXY protocol header of that version, before TLS "
                             + "(for an ingress with accept-proxy); the client expected is then proxy-source."),
            KeyDescription("proxy-source", type: "IP", default: "the connection's own source address",
                           meaning: "With proxy-protocol, the client address the header announces."),
            KeyDescription("server-name", type: "host", meaning: "SNI and Host, when they differ from the URL's host."),
            KeyDescription("pin-sha256", type: "base64",
                           meaning: "Verifies a self-signed canary hop by its key (replaces chain trust)."),
            KeyDescription("insecure", type: "bool", default: "false",
                           meaning: "TLS verification off; shown in every report."),
        ])

    let configuration: XFFEchoConfiguration

    public init(settings: CheckSettings) throws(SuiteError) {
        configuration = try XFFEchoConfiguration(settings: settings)
    }

    init(configuration: XFFEchoConfiguration) {
        self.configuration = configuration
    }

    public func run(in context: CheckContext) async -> CheckOutcome {
        let header = configuration.header
        let evaluation = XFFEchoEvaluation(configuration: configuration)

        // 1. Who the service should see. With a PROXY header, whom it announces: proxy-source, or
        // (nil here) the connection's own address, known once the header is sent.
        var clientIP: String
        let source: String
        switch configuration.clientIP {
        case _ where configuration.proxyProtocol != nil:
            clientIP = configuration.proxyProtocol?.source?.description ?? ""
            source = configuration.proxyProtocol?.source == nil ? "PROXY header" : "proxy-source"
        case .fixed(let address):
            clientIP = address
            source = "suite"
        case .auto:
            switch await discoverClientIP(context) {
            case .success(let address):
                clientIP = address
                source = configuration.clientIPURL.absoluteString
            case .failure(let failure):
                return CheckOutcome(summary: failure.message, findings: [failure.finding],
                                    data: XFFEchoData(header: header, chain: [], clientIP: nil,
                                                      clientIPSource: configuration.clientIPURL.absoluteString,
                                                      observedClient: nil, trustedHops: configuration.trustedHops))
            }
        }
        let sourceText = source == "suite" ? "client-ip" : source
        let expected = clientIP

        // 2. What the service saw. Both requests go to the same address, so the forged one is
        // judged on the same path as the plain one. Like a browser, an address that cannot be
        // reached gives way to the next one: whether every address serves is static-ip's question,
        // and the verdict here must not depend on the order of the DNS answer.
        let noEcho = { (failure: EchoStepFailure) in
            CheckOutcome(summary: failure.message, findings: [failure.finding],
                         data: XFFEchoData(header: header, chain: [], clientIP: expected.isEmpty ? nil : expected,
                                           clientIPSource: source,
                                           observedClient: nil, trustedHops: configuration.trustedHops))
        }
        var candidates: [String] = []
        if let pinned = configuration.connectAddress {
            candidates = [pinned]
        } else {
            switch await addresses(of: configuration.url, context: context) {
            case .success(let addresses): candidates = addresses
            case .failure(let failure): return noEcho(failure)
            }
        }
        var reached: (address: String, echo: EchoedHeaders)?
        var firstFailure: EchoStepFailure?
        for address in candidates {
            switch await requestEcho(context, address: address, forged: nil) {
            case .success(let (headers, proxyHeader)):
                reached = (address, headers)
                if clientIP.isEmpty, let proxyHeader { clientIP = proxyHeader.source.description }
            case .failure(let failure):
                firstFailure = firstFailure ?? failure
                if Self.unreachable.contains(failure.finding.failureClass) && !Task.isCancelled { continue }
            }
            break
        }
        guard let (canaryAddress, echo) = reached else {
            // No candidate at all cannot happen (a lookup without addresses fails above), but a
            // verdict must not rest on that.
            return noEcho(firstFailure ?? EchoStepFailure(Finding(status: .error, message: "\(configuration.url.absoluteString): no address to request")))
        }
        let chain = ForwardedChain(headerValue: echo.value(of: header), style: evaluation.style)
        let position = evaluation.position
        let proto = echo.value(of: "X-Forwarded-Proto")
        var findings = evaluation.judgeClient(chain, clientIP: clientIP) + evaluation.judgeProto(proto)

        // 3. What a forged header turns into.
        var spoofData: XFFEchoData.Spoof?
        var spoofChain: ForwardedChain?
        if configuration.spoof && !Task.isCancelled {
            let forged = XFFEchoConfiguration.forgedAddress
            switch await requestEcho(context, address: canaryAddress, forged: forged) {
            case .success(let (headers, _)):
                let chain = ForwardedChain(headerValue: headers.value(of: header), style: evaluation.style)
                spoofChain = chain
                spoofData = XFFEchoData.Spoof(sent: forged, chain: chain.texts,
                                              observedClient: position.observedClient(in: chain)?.text)
                findings += evaluation.judgeSpoof(chain)
            case .failure(let failure):
                spoofData = XFFEchoData.Spoof(sent: forged, chain: [], observedClient: nil)
                var finding = failure.finding
                finding.message = "with a forged \(header), " + finding.message
                findings.append(finding)
            }
        }

        let data = XFFEchoData(header: header, chain: chain.texts, junk: chain.entries.filter(\.isJunk).map(\.text),
                               clientIP: clientIP, clientIPSource: source,
                               observedClient: position.observedClient(in: chain)?.text,
                               trustedHops: configuration.trustedHops, forwardedProto: proto, spoof: spoofData,
                               address: canaryAddress)
        return CheckOutcome(summary: summary(findings: findings, chain: chain, spoofChain: spoofChain,
                                             clientIP: clientIP, source: sourceText),
                            findings: findings, data: data, insecure: configuration.insecure)
    }

    private func summary(findings: [Finding], chain: ForwardedChain, spoofChain: ForwardedChain?,
                         clientIP: String, source: String) -> String {
        if let headline = FindingSummary.headline(for: findings, lead: .worst) { return headline }
        var text = "client \(clientIP) (from \(source)) is at position \(configuration.trustedHops) from the right of "
            + "\(configuration.header): \(chain.spoken)"
        if let spoofChain {
            text += spoofChain.indices(of: XFFEchoConfiguration.forgedAddress).isEmpty
                ? "; a forged header is dropped" : "; a forged header stays left of it, untrusted"
        }
        return text
    }

    // MARK: Network

    /// Asks `client-ip-url` for the address the internet sees, from the same source address.
    private func discoverClientIP(_ context: CheckContext) async -> Result<String, EchoStepFailure> {
        let url = configuration.clientIPURL
        let response: ProbeResponse
        let address: String
        switch await addresses(of: url, context: context) {
        case .success(let found): address = found[0]
        case .failure(let error): return .failure(error.withStatus(.error, prefix: "cannot find out the client address: "))
        }
        switch await fetch(url, address: address, context: context, headers: [], maxBytes: 1024) {
        case .success(let fetched): response = fetched
        case .failure(let error): return .failure(error.withStatus(.error, prefix: "cannot find out the client address: "))
        }
        guard let status = response.status, (200...299).contains(status) else {
            return .failure(EchoStepFailure(Finding(status: .error, failureClass: .httpStatus,
                                                 message: "cannot find out the client address: \(url.absoluteString) "
                                                   + "answered \(response.status.map(String.init) ?? "no status"); set client-ip")))
        }
        let text = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !response.bodyTruncated, let address = IPAddress.canonical(text) else {
            let shown = text.count > 60 ? String(text.prefix(60)) + "..." : text
            return .failure(EchoStepFailure(Finding(status: .error,
                                                 message: "cannot find out the client address: \(url.absoluteString) "
                                                   + "answered '\(shown)', not an IP address; set client-ip")))
        }
        return .success(address)
    }

    /// Requests the canary (with a forged header when `forged` is set) and parses the echo.
    private func requestEcho(_ context: CheckContext, address: String, forged: String?) async
        -> Result<(EchoedHeaders, ProxyProtocolHeader?), EchoStepFailure> {
        let url = configuration.url
        let style = HeaderStyle(header: configuration.header)
        let headers = forged.map { [(name: configuration.header, value: style.forgedValue($0))] } ?? []
        let response: ProbeResponse
        switch await fetch(configuration.requestURL, address: address, port: configuration.connectPort,
                           context: context, headers: headers, maxBytes: EchoParser.maxBytes,
                           trust: configuration.trust, proxyProtocol: configuration.proxyProtocol) {
        case .success(let fetched): response = fetched
        case .failure(let error): return .failure(error)
        }
        guard let status = response.status, (200...299).contains(status) else {
            return .failure(EchoStepFailure(Finding(status: .fail, failureClass: .httpStatus,
                                                 message: "the canary \(url.absoluteString) answered "
                                                   + "\(response.status.map(String.init) ?? "no status"), expected 200 with an echo")))
        }
        if response.bodyTruncated {
            return .failure(EchoStepFailure(Finding(status: .error,
                                                 message: "the canary reply from \(url.absoluteString) is larger than "
                                                   + "\(EchoParser.maxBytes / 1024) KiB; is it an echo of the request headers?")))
        }
        do {
            return .success((try EchoParser.parse(response.body, contentType: response.header("Content-Type"),
                                                  format: configuration.format, headersAt: configuration.headersAt),
                             response.proxyHeader))
        } catch {
            return .failure(EchoStepFailure(Finding(status: .error,
                                                 message: "the canary reply from \(url.absoluteString) cannot be read "
                                                   + "as an echo: \(error.message)")))
        }
    }

    /// The first address the configured resolvers give for `url`'s host.
    /// Failures after which the next address of the canary is tried.
    private static let unreachable: Set<FailureClass?> = [.refused, .timeout, .reset]

    private func addresses(of url: URL, context: CheckContext) async -> Result<[String], EchoStepFailure> {
        let host = url.host ?? ""
        let answer = await context.addresses(of: host, policy: .union)
        guard !answer.addresses.isEmpty else {
            let failure = answer.failure ?? NetFailure(.nxdomain, "\(host) has no address")
            return .failure(EchoStepFailure(Finding(status: .fail, failureClass: failure.failureClass,
                                                    message: "\(url.absoluteString): \(failure.message)")))
        }
        return .success(answer.addresses)
    }

    /// One GET from the `bind` address to `address`.
    private func fetch(_ url: URL, address: String, port: Int? = nil, context: CheckContext,
                       headers: [(name: String, value: String)], maxBytes: Int, trust: ProbeRequest.Trust = .verify,
                       proxyProtocol: ProbeRequest.ProxyProtocol? = nil) async -> Result<ProbeResponse, EchoStepFailure> {
        let request = ProbeRequest(url: url, connectAddress: address, connectPort: port, depth: .http, trust: trust,
                                   headers: headers, timeout: context.timeout, bind: context.common.bind,
                                   caFile: context.common.caFile, maxBodyBytes: maxBytes, proxyProtocol: proxyProtocol)
        let response = await context.prober.probe(request)
        if let failure = response.failure {
            let with = proxyProtocol.map { " with a \(ProxyHeaderSetting.spoken($0)) header" } ?? ""
            return .failure(EchoStepFailure(Finding(status: .fail, failureClass: failure.failureClass,
                                                 message: "requesting \(url.absoluteString)\(with) failed: \(failure.message)")))
        }
        return .success(response)
    }
}
