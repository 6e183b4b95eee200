import Foundation

/// A forward proxy that connections go through: an HTTP CONNECT proxy or a SOCKS5 proxy.
///
/// Credentials are kept apart from the address and never appear in `description`, which is what
/// messages and reports print.
public struct Proxy: Sendable, Equatable, CustomStringConvertible {
    /// How the proxy is asked for a tunnel.
    public enum Scheme: String, Sendable, CaseIterable {
        /// `CONNECT IP:PORT` (an HTTP forward proxy such as Squid).
        case http
        /// SOCKS5, with the address (never a name) in the request.
        case socks5
    }

    public var scheme: Scheme
    /// The proxy's host name or IP, as written (IPv6 without brackets).
    public var host: String
    public var port: Int
    /// User and password for the proxy (Basic for HTTP, user/password for SOCKS5).
    public var username: String?
    public var password: String?

    public init(scheme: Scheme, host: String, port: Int, username: String? = nil, password: String? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// Reads `http://[USER:PASSWORD@]HOST:PORT` or `socks5://...`. With `schemeOptional` (proxy
    /// variables, which curl reads that way) a bare `HOST:PORT` is an HTTP proxy, and `socks5h`
    /// is read as `socks5`: the tunnel always names an address, so there is no name to resolve.
    public static func parse(_ text: String, schemeOptional: Bool = false) -> Result<Proxy, ProxyProblem> {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var scheme = Scheme.http
        if let range = rest.range(of: "://") {
            let written = rest[..<range.lowerBound].lowercased()
            switch written {
            case "http": scheme = .http
            case "socks5": scheme = .socks5
            case "socks5h" where schemeOptional: scheme = .socks5
            default:
                return .failure(ProxyProblem("'\(written)://' proxies are not supported (write http://HOST:PORT or socks5://HOST:PORT)"))
            }
            rest = rest[range.upperBound...]
        } else if !schemeOptional {
            return .failure(ProxyProblem("expected none, env, http://HOST:PORT or socks5://HOST:PORT"))
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                username = String(credentials[..<colon]).removingPercentEncoding ?? String(credentials[..<colon])
                let secret = credentials[credentials.index(after: colon)...]
                password = String(secret).removingPercentEncoding ?? String(secret)
            } else {
                username = String(credentials).removingPercentEncoding ?? String(credentials)
            }
        }
        if rest.contains("/") || rest.contains("?") || rest.contains("#") {
            return .failure(ProxyProblem("a proxy is HOST:PORT, without a path"))
        }
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return .failure(ProxyProblem("an unclosed '[' in the proxy's address")) }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            guard after.hasPrefix(":") else { return .failure(ProxyProblem("the proxy needs a port (HOST:PORT)")) }
            portText = after.dropFirst()
        } else {
            guard let colon = rest.lastIndex(of: ":") else { return .failure(ProxyProblem("the proxy needs a port (HOST:PORT)")) }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains(":") || IPAddress(String(host)) != nil else {
            return .failure(ProxyProblem("the proxy needs a host (HOST:PORT)"))
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            return .failure(ProxyProblem("'\(portText)' is not a port (1-65535)"))
        }
        return .success(Proxy(scheme: scheme, host: String(host), port: port, username: username, password: password))
    }

    /// Whether a user name or password goes to the proxy.
    public var hasCredentials: Bool { username != nil || password != nil }

    /// `HOST:PORT`, IPv6 bracketed.
    public var authority: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// The URL libcurl is given: scheme, host and port only (credentials go separately).
    var curlURL: String { "\(scheme.rawValue)://\(authority)" }

    /// `http://127.0.0.1:3128`: never the credentials, which reports must not hold.
    public var description: String { curlURL }
}

/// Why a proxy setting could not be read, without file, line or key.
public struct ProxyProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
