import EdgeCheckNet

/// The `proxy` key or `--proxy` as written: `none`, `env` or a proxy URL. It becomes a
/// `ProxySetting` once the proxy variables of the environment are known.
public enum ProxyChoice: Sendable, Equatable {
    case none
    case env
    case url(Proxy)

    /// Reads `none`, `env`, `http://HOST:PORT` or `socks5://HOST:PORT` (credentials as
    /// `USER:PASSWORD@`, which the caller makes sure came from a variable).
    public static func parse(_ text: String) -> Result<ProxyChoice, ProxyProblem> {
        switch text {
        case "none": return .success(.none)
        case "env": return .success(.env)
        default: return Proxy.parse(text).map(ProxyChoice.url)
        }
    }

    /// The setting, with `env` read from `environment` (its problem, when a variable is unusable).
    public func setting(environment: Result<ProxyEnvironment, ProxyProblem>) -> Result<ProxySetting, ProxyProblem> {
        switch self {
        case .none: .success(.direct)
        case .url(let proxy): .success(.through(proxy))
        case .env: environment.map(ProxySetting.environment)
        }
    }

    /// Whether `text`, as written before `${VAR}` substitution, holds credentials outside a
    /// variable: a user name or password spelt out in a file or on a command line ends up in
    /// shell histories, CI logs and version control.
    public static func hasLiteralCredentials(_ text: String) -> Bool {
        guard let scheme = text.range(of: "://"), let at = text.lastIndex(of: "@"), at > scheme.upperBound else { return false }
        let credentials = text[scheme.upperBound..<at]
        // Every part of USER:PASSWORD must be a reference.
        return credentials.split(separator: ":", omittingEmptySubsequences: false).contains { part in
            !(part.isEmpty || (part.hasPrefix("${") && part.hasSuffix("}") && part.firstIndex(of: "}") == part.index(before: part.endIndex)))
        }
    }
}
