import EdgeCheckModel

extension CommonSettings {
    /// The effective settings of one check: the check's own keys, then the suite's `defaults`,
    /// then the command line's defaults; `--dns-server`, `--bind`, `--ca-file` and `--proxy` override both.
    init(id: String, kind: String, check: Partial, defaults: Partial?, options: LoadOptions) {
        self.init(
            id: id,
            kind: kind,
            description: check.description ?? defaults?.description,
            timeout: check.timeout ?? defaults?.timeout ?? options.timeout,
            dnsServers: options.dnsServers.isEmpty ? (check.dnsServers ?? defaults?.dnsServers ?? [.system]) : options.dnsServers,
            bind: options.bind ?? check.bind ?? defaults?.bind,
            caFile: options.caFile ?? check.caFile ?? defaults?.caFile,
            severity: check.severity ?? defaults?.severity ?? .fail,
            // `SuiteLoader` has already turned an unreadable proxy variable into a suite error.
            proxy: (try? (options.proxy ?? check.proxy ?? defaults?.proxy ?? .none)
                .setting(environment: options.proxyEnvironment).get()) ?? .direct
        )
    }

    /// Throws when `proxy: env` meets a proxy variable that is not a proxy URL.
    static func checkProxyEnvironment(_ partial: Partial, _ settings: CheckSettings, options: LoadOptions) throws(SuiteError) {
        guard partial.proxy == .env, options.proxy == nil, case .failure(let problem) = options.proxyEnvironment else { return }
        throw settings.error("proxy", "env: \(problem.message)")
    }
}
