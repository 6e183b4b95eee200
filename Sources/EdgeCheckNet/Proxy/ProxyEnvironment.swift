import Foundation

/// The proxy variables as curl reads them: `https_proxy`/`HTTPS_PROXY` for https URLs,
/// `http_proxy` (lower case only, as curl does) for http URLs, then `all_proxy`/`ALL_PROXY`;
/// `no_proxy`/`NO_PROXY` lists hosts, domains and CIDR ranges that go direct (`*`: all).
public struct ProxyEnvironment: Sendable, Equatable {
    public var http: Proxy?
    public var https: Proxy?
    public var all: Proxy?
    /// `no_proxy` entries, lower-cased, without a leading dot.
    public var noProxy: [String]

    /// The variables curl looks at, for the notice that says they were ignored.
    public static let variableNames = ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                                       "no_proxy", "NO_PROXY"]

    public init(http: Proxy? = nil, https: Proxy? = nil, all: Proxy? = nil, noProxy: [String] = []) {
        self.http = http
        self.https = https
        self.all = all
        self.noProxy = noProxy
    }

    /// Reads the variables of `environment`; an unusable value is a problem naming its variable.
    public init(reading environment: [String: String]) throws(ProxyProblem) {
        func value(_ names: String...) -> (name: String, text: String)? {
            for name in names { if let text = environment[name], !text.isEmpty { return (name, text) } }
            return nil
        }
        func proxy(_ names: String...) throws(ProxyProblem) -> Proxy? {
            var found: (name: String, text: String)?
            for name in names where found == nil { found = value(name) }
            guard let found else { return nil }
            switch Proxy.parse(found.text, schemeOptional: true) {
            case .success(let proxy): return proxy
            case .failure(let problem): throw ProxyProblem("\(found.name): \(problem.message)")
            }
        }
        http = try proxy("http_proxy")
        https = try proxy("https_proxy", "HTTPS_PROXY")
        all = try proxy("all_proxy", "ALL_PROXY")
        noProxy = (value("no_proxy", "NO_PROXY")?.text ?? "")
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
            .filter { !$0.isEmpty }
    }

    /// The names of the proxy variables set (not empty) in `environment`, in a fixed order.
    public static func variablesSet(in environment: [String: String]) -> [String] {
        variableNames.filter { !(environment[$0] ?? "").isEmpty }
    }

    /// The proxies named, each once.
    public var proxies: [Proxy] {
        var seen: [Proxy] = []
        for proxy in [https, http, all].compactMap({ $0 }) where !seen.contains(proxy) { seen.append(proxy) }
        return seen
    }

    /// The proxy for `url`, or nil when none is set for its scheme or `no_proxy` matches its host
    /// or `connectAddress`.
    public func proxy(for url: URL, connectAddress: String? = nil) -> Proxy? {
        let scheme = url.scheme?.lowercased() ?? "https"
        guard let proxy = (scheme == "https" ? https : http) ?? all else { return nil }
        let hosts = [url.host, connectAddress].compactMap { $0?.lowercased() }
        return hosts.contains(where: bypasses) ? nil : proxy
    }

    /// Whether `no_proxy` sends `host` direct: `*`, the host itself, a parent domain, or a CIDR
    /// range holding the address.
    private func bypasses(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let address = IPAddress(bare)
        for entry in noProxy {
            if entry == "*" || entry == bare || bare.hasSuffix("." + entry) { return true }
            if let address, let range = AddressRange(entry), range.contains(address) { return true }
        }
        return false
    }
}
