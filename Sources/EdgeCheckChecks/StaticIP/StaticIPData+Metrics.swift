import EdgeCheckModel
import EdgeCheckNet

/// The `static-ip` series of the Prometheus exposition: every address a resolver returned (1),
/// allowed or not, and every expected single address none returned (0). `watch` compares the
/// addresses seen through the same samples.
extension StaticIPData: CheckPresentation {
    public var metricSamples: [MetricSample] {
        var samples = seen.map { address in
            MetricSample(.addressSeen, labels: [.init("address", address),
                                                .init("allowed", unexpected.contains(address) ? "false" : "true")],
                         value: 1)
        }
        // A missing CIDR has no one address to name; a missing single address does.
        for entry in missing where IPAddress(entry) != nil && !seen.contains(entry) {
            samples.append(MetricSample(.addressSeen, labels: [.init("address", entry), .init("allowed", "true")], value: 0))
        }
        return samples
    }
}
