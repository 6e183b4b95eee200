import ArgumentParser

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

    @Option(help: ArgumentHelp("Egress proxy for every connection, overriding suites: none (the default: direct, "
                               + "ignoring http_proxy and the like), env, http://HOST:PORT or socks5://HOST:PORT; "
                               + "credentials only as ${NAME}.", valueName: "PROXY"))
    var proxy: String?

    /// The parsed values, for the code that uses them.
    var arguments: SuiteArguments {
        SuiteArguments(variables: variables, dnsServers: dnsServers, bind: bind, caFile: caFile, timeout: timeout,
                       proxy: proxy)
    }

    func validate() throws {
        _ = try arguments.loadOptions(environment: [:], lookUpVariables: false)
    }
}
