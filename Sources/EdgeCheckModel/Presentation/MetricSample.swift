/// One number a kind offers the Prometheus exposition: which of the contract's series it belongs
/// to, its labels (other than `check`) and its value.
public struct MetricSample: Sendable, Equatable {
    /// The per-kind series of the contract ("Many vantage points"). The reporter owns each one's
    /// name, type and help text, so every kind's samples of a series read the same.
    public enum Series: String, Sendable, CaseIterable {
        /// `edgecheck_address_seen{check,address,allowed}`: 1 for an address a resolver returned,
        /// 0 for an expected address none returned.
        case addressSeen = "edgecheck_address_seen"
        /// `edgecheck_cert_not_after_timestamp_seconds{check,address}`: the leaf's notAfter, Unix seconds.
        case certificateNotAfter = "edgecheck_cert_not_after_timestamp_seconds"
        /// `edgecheck_tls_phase_seconds{check,hop,phase,stat}`: a hop's phase statistic, seconds.
        case tlsPhase = "edgecheck_tls_phase_seconds"
    }

    /// One label: its name and value, in the order they are written.
    public struct Label: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var series: Series
    public var labels: [Label]
    public var value: Double

    public init(_ series: Series, labels: [Label], value: Double) {
        self.series = series
        self.labels = labels
        self.value = value
    }
}
