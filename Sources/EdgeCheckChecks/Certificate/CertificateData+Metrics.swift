import EdgeCheckModel

/// The `certificate` series of the Prometheus exposition (each served leaf's notAfter), and the
/// leaf each address serves, which `watch` reports when it changes.
extension CertificateData {
    public var metricSamples: [MetricSample] {
        endpoints.compactMap { endpoint in
            endpoint.notAfter.map { notAfter in
                MetricSample(.certificateNotAfter, labels: [.init("address", endpoint.address)],
                             value: notAfter.timeIntervalSince1970.rounded())
            }
        }
    }

    public var observations: [Observation] {
        endpoints.map { endpoint in
            Observation(subject: endpoint.address, aspect: "leaf",
                        value: endpoint.sha256.map { String($0.prefix(16)) } ?? "none")
        }
    }
}
