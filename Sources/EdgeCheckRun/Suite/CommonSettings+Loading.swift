import EdgeCheckModel

extension CommonSettings {
    /// The effective settings of one check: the check's own keys, then the suite's `defaults`,
    /// then the command line's defaults; `--dns-server`, `--bind` and `--ca-file` override both.
    init(id: String, kind: String, check: Partial, defaults: Partial?, options: LoadOptions) {
        self.init(
            id: id,
            kind: kind,
            description: check.description ?? defaults?.description,
            timeout: check.timeout ?? defaults?.timeout ?? options.timeout,
            dnsServers: options.dnsServers.isEmpty ? (check.dnsServers ?? defaults?.dnsServers ?? [.system]) : options.dnsServers,
            bind: options.bind ?? check.bind ?? defaults?.bind,
            caFile: options.caFile ?? check.caFile ?? defaults?.caFile,
            severity: check.severity ?? defaults?.severity ?? .fail
        )
    }
}
