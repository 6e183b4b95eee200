import Foundation

/// The `proxy` key: how a check's connections reach the network.
public enum ProxySetting: Sendable, Equatable, CustomStringConvertible {
    /// `none`: straight to each address, whatever proxy variables say.
    case direct
    /// `env`: the proxy variables as curl reads them (read once, when the suite loads).
    case environment(ProxyEnvironment)
    /// A URL: every connection is a tunnel through this proxy.
    case through(Proxy)

    /// The proxy a connection to `url` goes through, or nil for a direct one. `connectAddress`
    /// (the pinned IP) is matched against `no_proxy` too.
    public func proxy(for url: URL, connectAddress: String? = nil) -> Proxy? {
        switch self {
        case .direct: nil
        case .through(let proxy): proxy
        case .environment(let environment): environment.proxy(for: url, connectAddress: connectAddress)
        }
    }

    /// Every proxy this setting may use, for reports (`env` may name one per scheme).
    public var proxies: [Proxy] {
        switch self {
        case .direct: []
        case .through(let proxy): [proxy]
        case .environment(let environment): environment.proxies
        }
    }

    /// `none`, `env` or the proxy's URL without credentials.
    public var description: String {
        switch self {
        case .direct: "none"
        case .environment: "env"
        case .through(let proxy): proxy.description
        }
    }
}
