/// What a kind's `data` may offer reporters beyond its JSON: a chart, numbers for a time-series
/// database and facts to watch, as values, never as formatted text. A reporter asks for them
/// without knowing the kind; every member has a default, so a kind offers only what it has.
public protocol CheckPresentation {
    /// The chart drawn under the check, or nil.
    var waterfall: Waterfall? { get }
    /// What each address served, in the order checked, or nil (default: nil).
    var certificateChains: [CertificateChain]? { get }
    /// Per-kind series of the Prometheus exposition (addresses seen, certificate expiry, TLS
    /// phase times), without the `check` label, which the reporter adds.
    var metricSamples: [MetricSample] { get }
    /// Facts about subjects whose change `watch` reports, e.g. the leaf certificate an address
    /// serves.
    var observations: [Observation] { get }
}

extension CheckPresentation {
    public var waterfall: Waterfall? { nil }
    public var metricSamples: [MetricSample] { [] }
    public var observations: [Observation] { [] }
}
