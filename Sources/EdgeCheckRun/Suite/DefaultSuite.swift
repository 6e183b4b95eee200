import Foundation
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// The built-in suite of `edgecheck run --target URL`: the addresses the name resolves to, the
/// certificate on each, the HTTP→HTTPS redirect, and TLS timing for that one hop.
///
/// Check ids: `addresses` (static-ip), `certificate`, `redirect`, `tls-timing`. Without an
/// allow-list there is nothing to hold the addresses against, so `addresses` takes what the
/// resolvers answer when it starts as the expected set, then runs `static-ip` against it: it
/// reports every address, fails when later lookups bring a new one or fail, and probes every
/// address with a verified TLS handshake. It proves the addresses are stable and serve, not that
/// they are the right ones: that takes a suite with `expect`.
///
/// The redirect is requested on `http://HOST/PATH?QUERY` (port 80) and expected to land on the
/// target's own https port. When plain HTTP listens elsewhere, name the URL with
/// `--var EDGECHECK_HTTP_URL=http://HOST:PORT/` (or that environment variable).
public enum DefaultSuite {
    /// The variable that replaces the plain-HTTP URL of the `redirect` check.
    public static let httpURLVariable = "EDGECHECK_HTTP_URL"

    /// A canary behind the chain for an `xff-echo` check (`init --canary`), and where the client
    /// asks its own address.
    public struct Canary: Sendable {
        public var url: URL
        public var clientIPURL: URL?
        /// Where the client is expected, counted from the right.
        public var trustedHops: Int

        public init(url: URL, clientIPURL: URL? = nil, trustedHops: Int = 1) {
            self.url = url
            self.clientIPURL = clientIPURL
            self.trustedHops = trustedHops
        }
    }

    /// The suite for `target`; with `canary`, also an `xff-echo` check `client-address`.
    public static func make(target: URL, options: LoadOptions, canary: Canary? = nil) throws(SuiteError) -> Suite {
        guard target.scheme?.lowercased() == "https", let host = target.host, !host.isEmpty else {
            throw SuiteError(file: "", line: nil, key: "--target",
                             message: "'\(target.absoluteString)' is not an https URL with a host "
                               + "(write e.g. https://www.example.com)")
        }
        var suite = try SuiteLoader.parse(yaml: yaml(for: target, canary: canary), file: "--target",
                                          directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                          options: options)
        suite.file = ""
        // The address check needs the answers of the moment it runs, so it is built here rather
        // than from the text; it runs with the same effective settings as its neighbours.
        if let neighbour = suite.checks.first {
            var common = neighbour.common
            common.id = "addresses"
            common.kind = StaticIPCheck.description.kind
            common.description = "No allow-list: the addresses resolved when the check starts are taken as the "
                + "expected set; reports them, fails on new ones or failed lookups, and probes each with TLS."
            suite.checks.insert(ConfiguredCheck(common: common, check: ResolvedAddressesCheck(target: target)), at: 0)
        }
        return suite
    }

    /// The suite text for everything but `addresses`.
    static func yaml(for target: URL, canary: Canary? = nil) -> String {
        let targetText = target.absoluteString
        let httpURL = RedirectConfiguration.defaultURL(for: target)?.absoluteString ?? targetText
        var lines = [
            "name: \(quoted("target \(targetText)"))",
            "target: \(quoted(targetText))",
            "checks:",
            "  - id: certificate",
            "    kind: certificate",
            "  - id: redirect",
            "    kind: redirect",
            // The fallback of ${NAME:-fallback} is taken literally, so only the quote is escaped there.
            "    url: '${\(httpURLVariable):-\(httpURL.replacingOccurrences(of: "'", with: "''"))}'",
        ]
        if let port = target.port, port != 443 {
            lines.append("    https-port: \(port)")
        }
        lines += [
            "  - id: tls-timing",
            "    kind: tls-timing",
        ]
        if let canary {
            lines += [
                "  - id: client-address",
                "    kind: xff-echo",
                "    url: \(quoted(canary.url.absoluteString))",
                "    client-ip: auto",
                "    trusted-hops: \(canary.trustedHops)",
            ]
            if let clientIPURL = canary.clientIPURL {
                lines.append("    client-ip-url: \(quoted(clientIPURL.absoluteString))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A single-quoted YAML scalar whose `$` survives variable substitution.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "$", with: "$$") + "'"
    }
}
