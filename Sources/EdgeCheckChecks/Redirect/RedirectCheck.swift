import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// `redirect`: plain HTTP sends users to HTTPS, on every address the name resolves to.
public struct RedirectCheck: Check {
    public static let description = CheckDescription(
        kind: "redirect",
        summary: "Plain HTTP answers with a redirect to the same host, path and query over HTTPS, on every address.",
        keys: [
            KeyDescription("url", type: "url", default: "the target with scheme http and port 80",
                           meaning: "The plain-HTTP URL requested on every address, without following the redirect."),
            KeyDescription("status", type: "[int]", default: "[301, 302, 303, 307, 308]",
                           meaning: "The redirect statuses accepted; any other status fails with class http-status."),
            KeyDescription("location", type: "url", default: "https, same host, same path and query, port https-port",
                           meaning: "The exact Location expected (relative Locations are resolved first; the case of "
                             + "scheme and host and a default port do not matter)."),
            KeyDescription("https-port", type: "int", default: "443",
                           meaning: "The port of the expected Location; 443 means the Location carries no port."),
            KeyDescription("follow", type: "bool", default: "true",
                           meaning: "Request the Location once on a fresh connection; fail on a 5xx, a redirect back "
                             + "to http, or a loop."),
            KeyDescription("all-ips", type: "bool", default: "true",
                           meaning: "Request every address the host resolves to (false: only the first)."),
        ])

    let configuration: RedirectConfiguration

    public init(settings: CheckSettings) throws(SuiteError) {
        configuration = try RedirectConfiguration(settings: settings)
    }

    init(configuration: RedirectConfiguration) {
        self.configuration = configuration
    }

    public func run(in context: CheckContext) async -> CheckOutcome {
        let url = configuration.url
        let host = url.host ?? ""
        let answer = await context.addresses(of: host, policy: .union)
        let expected = configuration.expectedDestination?.description
        if let failure = answer.failure {
            let message = "\(host): no address to request \(url.absoluteString): \(failure.message)"
            return CheckOutcome(summary: message,
                                findings: [Finding(status: .fail, subject: host, failureClass: failure.failureClass,
                                                   message: message)],
                                subjects: [host],
                                data: RedirectData(url: url.absoluteString, expected: expected, endpoints: []))
        }
        let addresses = configuration.allIPs ? answer.addresses : Array(answer.addresses.prefix(1))
        let evaluation = RedirectEvaluation(configuration: configuration)

        let results = await withTaskGroup(of: (Int, RedirectData.Endpoint, [Finding]).self) { group in
            for (index, address) in addresses.enumerated() {
                group.addTask {
                    let (endpoint, findings) = await probe(address: address, evaluation: evaluation, context: context)
                    return (index, endpoint, findings)
                }
            }
            var results: [(Int, RedirectData.Endpoint, [Finding])] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        let endpoints = results.map(\.1)
        let findings = results.flatMap(\.2)
        let data = RedirectData(url: url.absoluteString, expected: expected, endpoints: endpoints)
        return CheckOutcome(summary: summary(findings: findings, endpoints: endpoints), findings: findings,
                            subjects: addresses, data: data)
    }

    /// Requests the plain-HTTP URL on one address and, when it is a good redirect, the Location.
    private func probe(address: String, evaluation: RedirectEvaluation,
                       context: CheckContext) async -> (RedirectData.Endpoint, [Finding]) {
        let request = ProbeRequest(url: configuration.url, connectAddress: address, depth: .http,
                                   timeout: context.timeout, bind: context.common.bind,
                                   caFile: context.common.caFile, maxBodyBytes: 16 * 1024)
        let response = await context.prober.probe(request)
        var endpoint = RedirectData.Endpoint(address: address, status: response.status,
                                             location: response.header("Location"),
                                             error: response.failure?.failureClass.rawValue)
        let first = evaluation.judge(address: address, response: response)
        guard let next = first.follow, !Task.isCancelled else { return (endpoint, first.findings) }

        // Same host: stay on the address under test, so each address is judged on its own path.
        // Another host: ask the configured resolvers, as for the first request.
        var connectAddress: String?
        if next.host?.lowercased() == configuration.url.host?.lowercased() {
            connectAddress = address
        } else {
            let answer = await context.addresses(of: next.host ?? "", policy: .union)
            if let failure = answer.failure {
                endpoint.followed = RedirectData.Followed(url: next.absoluteString, error: failure.failureClass.rawValue)
                return (endpoint, first.findings + [Finding(
                    status: .fail, subject: address, failureClass: failure.failureClass,
                    message: "\(address): cannot follow the redirect to \(next.absoluteString): \(failure.message)")])
            }
            connectAddress = answer.addresses.first
        }
        let followRequest = ProbeRequest(url: next, connectAddress: connectAddress, depth: .http, trust: .verify,
                                         timeout: context.timeout, bind: context.common.bind,
                                         caFile: context.common.caFile, maxBodyBytes: 16 * 1024)
        let followed = await context.prober.probe(followRequest)
        endpoint.followed = RedirectData.Followed(url: next.absoluteString, status: followed.status,
                                                  location: followed.header("Location"),
                                                  error: followed.failure?.failureClass.rawValue)
        return (endpoint, first.findings + evaluation.judgeFollowed(address: address, url: next, response: followed))
    }

    private func summary(findings: [Finding], endpoints: [RedirectData.Endpoint]) -> String {
        if let headline = FindingSummary.headline(for: findings) { return headline }
        let statuses = Set(endpoints.compactMap(\.status)).sorted().map(String.init).joined(separator: "/")
        let target = configuration.expectedDestination?.description ?? "https"
        let count = endpoints.count == 1 ? "1 address" : "\(endpoints.count) addresses"
        return "\(configuration.url.absoluteString) redirects to \(target) (\(statuses)) on \(count)"
    }
}
