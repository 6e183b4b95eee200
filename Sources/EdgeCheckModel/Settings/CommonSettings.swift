import Foundation
import EdgeCheckNet

/// The keys every kind accepts, after suite `defaults` and command-line overrides are applied.
public struct CommonSettings: Sendable {
    public var id: String
    public var kind: String
    public var description: String?
    /// Per-operation timeout (default 5s, or `--timeout`).
    public var timeout: Duration
    /// Resolvers for every lookup; `[.system]` by default.
    public var dnsServers: [DNSServer]
    /// Source address for every connection.
    public var bind: String?
    /// Extra trust anchors (absolute path) for every TLS connection.
    public var caFile: String?
    /// `fail` (default) or `warn`: a failing check then reports `warn`.
    public var severity: Severity
    /// How connections reach the network: directly (the default, ignoring proxy variables), or
    /// through a forward proxy, one tunnel per address.
    public var proxy: ProxySetting

    public enum Severity: String, Sendable, CaseIterable {
        case fail, warn
    }

    public init(id: String, kind: String, description: String? = nil, timeout: Duration = .seconds(5),
                dnsServers: [DNSServer] = [.system], bind: String? = nil, caFile: String? = nil,
                severity: Severity = .fail, proxy: ProxySetting = .direct) {
        self.proxy = proxy
        self.id = id
        self.kind = kind
        self.description = description
        self.timeout = timeout
        self.dnsServers = dnsServers
        self.bind = bind
        self.caFile = caFile
        self.severity = severity
    }

    /// The common keys, for `edgecheck list` and unknown-key suggestions.
    public static let keys: [KeyDescription] = [
        KeyDescription("id", type: "string", default: "the kind, then kind-2, kind-3 ...",
                       meaning: "Unique name of the check in reports."),
        KeyDescription("kind", type: "string", required: true, meaning: "Which check to run."),
        KeyDescription("description", type: "string", meaning: "Free text shown with the check."),
        KeyDescription("timeout", type: "duration", default: "5s", meaning: "Per-operation timeout."),
        KeyDescription("dns-servers", type: "[IP | IP:PORT | [IPv6]:PORT | system]", default: "[system]",
                       meaning: "Resolvers for every lookup."),
        KeyDescription("bind", type: "IP", meaning: "Source address for every connection."),
        KeyDescription("ca-file", type: "path", meaning: "Extra trust anchors (PEM) for every TLS connection."),
        KeyDescription("severity", type: "fail | warn", default: "fail",
                       meaning: "warn: a failing check reports warn instead."),
        KeyDescription("proxy", type: "none | env | http://HOST:PORT | socks5://HOST:PORT", default: "none",
                       meaning: "Egress proxy: none connects directly (ignoring http_proxy and the like), env uses "
                           + "the proxy variables, a URL tunnels each address through that proxy; credentials "
                           + "only as ${VAR}."),
    ]
}
