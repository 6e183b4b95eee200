import ArgumentParser
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks
import Foundation

/// The options that shape how suites load, as plain values: what `SuiteOptions` parses and what
/// the quick parser of `run` fills in.
struct SuiteArguments: Equatable {
    /// `--var NAME=VALUE`, in order.
    var variables: [String] = []
    /// `--dns-server`, in order.
    var dnsServers: [String] = []
    var bind: String?
    var caFile: String?
    var timeout = "5s"
    /// `--proxy`: none, env or a proxy URL, `${NAME}` substituted as in suites.
    var proxy: String?

    /// The options as the loader takes them, with `environment` for `${NAME}`; a bad value is a
    /// `ValidationError` naming the option.
    /// `lookUpVariables` false (validation before the run) leaves `${NAME}` in `--proxy` unread.
    func loadOptions(environment: [String: String] = ProcessInfo.processInfo.environment,
                     lookUpVariables: Bool = true) throws -> LoadOptions {
        var values: [String: String] = [:]
        for item in variables {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--var: '\(item)' is not NAME=VALUE")
            }
            values[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        var servers: [DNSServer] = []
        for text in dnsServers {
            guard let server = DNSServer(parsing: text) else {
                throw ValidationError("--dns-server: '\(text)' is not IP, IP:PORT, [IPv6]:PORT or system")
            }
            servers.append(server)
        }
        // The same rule as a suite's `bind`: one address, no prefix, in canonical form.
        var bindAddress: String?
        if let bind {
            guard let address = IPAddress(bind)?.description else {
                throw ValidationError("--bind: '\(bind)' is not an IP address")
            }
            bindAddress = address
        }
        var caPath: String?
        if let caFile {
            let path = URL(fileURLWithPath: caFile).standardizedFileURL.path
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ValidationError("--ca-file: cannot read '\(caFile)'")
            }
            caPath = path
        }
        guard let timeout = DurationParser.parse(self.timeout), timeout > .zero else {
            throw ValidationError("--timeout: '\(self.timeout)' is not a duration (write 250ms, 5s, 1.5s or 2m)")
        }
        var options = LoadOptions(variables: values, environment: environment,
                                  dnsServers: servers, bind: bindAddress, caFile: caPath, timeout: timeout)
        if let proxy {
            options.proxy = try Self.proxyChoice(proxy, options: options, lookUpVariables: lookUpVariables)
        }
        return options
    }

    /// `--proxy`, with credentials only from `${NAME}` (a command line shows in `ps` and in shell
    /// histories).
    private static func proxyChoice(_ text: String, options: LoadOptions, lookUpVariables: Bool) throws -> ProxyChoice {
        if ProxyChoice.hasLiteralCredentials(text) {
            throw ValidationError("--proxy: credentials must come from variables, e.g. 'http://${PROXY_USER}:${PROXY_PASSWORD}@HOST:PORT'")
        }
        var value = text
        if lookUpVariables {
            let substitution = VariableSubstitution(variables: options.variables, environment: options.environment)
            do {
                value = try substitution.substitute(text)
            } catch {
                throw ValidationError("--proxy: \(error.message)")
            }
        } else if text.contains("${") {
            // Checked again, with the environment, when the run starts.
            value = text.replacingOccurrences(of: #"\$\{[^}]*\}"#, with: "x", options: .regularExpression)
        }
        switch ProxyChoice.parse(value) {
        case .success(let choice):
            if choice == .env, lookUpVariables, case .failure(let problem) = options.proxyEnvironment {
                throw ValidationError("--proxy env: \(problem.message)")
            }
            return choice
        case .failure(let problem):
            throw ValidationError("--proxy: \(problem.message)")
        }
    }
}
