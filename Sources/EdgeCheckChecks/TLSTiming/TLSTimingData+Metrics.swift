import EdgeCheckModel

/// The `tls-timing` series of the Prometheus exposition: per hop, each phase's statistics in
/// seconds, for the statistics a budget can name.
extension TLSTimingData {
    public var metricSamples: [MetricSample] {
        var samples: [MetricSample] = []
        for hop in hops {
            guard let phases = hop.phases else { continue }
            for phase in TimingPhase.allCases {
                for statistic in TimingStatistic.budgetable {
                    samples.append(MetricSample(.tlsPhase, labels: [.init("hop", hop.name), .init("phase", phase.rawValue),
                                                                    .init("stat", statistic.rawValue)],
                                                value: phases[phase].value(statistic) / 1000))
                }
            }
        }
        return samples
    }
}
