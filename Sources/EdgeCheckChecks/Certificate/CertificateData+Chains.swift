import EdgeCheckModel

/// The certificates each address served, as data for the reporters: the leaf and the rest of the
/// chain as served, and the verdicts the check reached on them.
extension CertificateData: CheckPresentation {
    /// A certificate check draws no chart.
    public var waterfall: Waterfall? { nil }

    public var certificateChains: [CertificateChain]? {
        guard !endpoints.isEmpty else { return nil }
        return endpoints.map { endpoint in
            var verdicts: [(name: String, ok: Bool?)] = [
                ("chain", endpoint.chainOK), ("hostname", endpoint.hostnameOK), ("dates", endpoint.datesOK),
            ]
            if let pin = endpoint.pinOK { verdicts.append(("pin", pin)) }
            return CertificateChain(
                address: endpoint.address, subjects: (endpoint.subject.map { [$0] } ?? []) + endpoint.chain,
                issuer: endpoint.issuer, notAfter: endpoint.notAfter.map(Endpoint.rfc3339),
                daysLeft: endpoint.daysLeft, fingerprint: endpoint.sha256,
                verdicts: endpoint.served ? verdicts : [], problem: endpoint.error ?? endpoint.chainError)
        }
    }
}
