import EdgeCheckNet
import Foundation

/// What a running check may use: its effective common settings and the network.
///
/// The network is reached only through `resolver` and `prober`, so a unit test can run a check
/// against a scripted network instead of the real one.
public struct CheckContext: Sendable {
    /// Effective common settings after suite defaults and command-line overrides.
    public let common: CommonSettings
    /// The suite's `target`, when it has one.
    public let target: URL?
    /// The folder of the suite file, for relative paths.
    public let suiteDirectory: URL
    /// Every DNS lookup of the check.
    public let resolver: any Resolving
    /// Every connection of the check: through the check's `proxy` when it has one.
    public let prober: any Probing

    public init(common: CommonSettings, target: URL?, suiteDirectory: URL,
                resolver: any Resolving = Resolver(), prober: any Probing = Prober.shared) {
        self.common = common
        self.target = target
        self.suiteDirectory = suiteDirectory
        self.resolver = resolver
        // Wrapped here, once, so that every kind's connections tunnel through the proxy.
        self.prober = common.proxy == .direct ? prober : ProxiedProber(prober, setting: common.proxy)
    }

    /// Per-operation timeout.
    public var timeout: Duration { common.timeout }

    /// Looks `host` up through the check's resolvers, with the policy the kind chose.
    public func addresses(of host: String, policy: HostLookup.Policy,
                          types: [DNSRecordType] = [.a, .aaaa]) async -> HostLookup.Answer {
        await HostLookup(resolver: resolver, servers: common.dnsServers, timeout: timeout, bind: common.bind,
                         types: types, policy: policy).addresses(of: host)
    }
}
