import ArgumentParser
import EdgeCheckCore
import Foundation

/// The options that shape how suites load, shared by `run` and `validate`.
struct SuiteOptions: ParsableArguments {
    @Option(name: .customLong("var"), help: ArgumentHelp("Value for ${NAME} in suites (repeatable).",
                                                         valueName: "NAME=VALUE"))
    var variables: [String] = []

    @Option(name: .customLong("dns-server"),
            help: ArgumentHelp("Resolver for every lookup, overriding suites (repeatable): IP, IP:PORT, [IPv6]:PORT or system.",
                               valueName: "ADDR"))
    var dnsServers: [String] = []

    @Option(help: ArgumentHelp("Source address for every connection.", valueName: "IP"))
    var bind: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Extra trust anchors for every TLS connection.",
                                                             valueName: "PEM"))
    var caFile: String?

    @Option(help: ArgumentHelp("Default per-operation timeout (250ms, 5s, 1.5s, 2m).", valueName: "DURATION"))
    var timeout: String = "5s"

    func validate() throws {
        _ = try loadOptions()
    }

    /// The options as the loader takes them; a bad value is a `ValidationError` naming the option.
    func loadOptions() throws -> LoadOptions {
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
        if let bind, AddressRange(bind)?.singleAddress == nil {
            throw ValidationError("--bind: '\(bind)' is not an IP address")
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
        return LoadOptions(variables: values, environment: ProcessInfo.processInfo.environment,
                           dnsServers: servers, bind: bind, caFile: caPath, timeout: timeout)
    }
}
