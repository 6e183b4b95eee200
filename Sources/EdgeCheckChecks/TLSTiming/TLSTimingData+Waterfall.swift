import EdgeCheckModel

/// The `tls-timing` waterfall, as data for the reporters: per hop, its p50 dns, connect, tls and
/// ttfb, its total p50, and what it adds over the hop listed before it. With hops listed from
/// the service outward, that is the cost of each extra TLS termination.
extension TLSTimingData: CheckPresentation {
    /// The phases drawn, in order; `total` is each row's total.
    static let drawnPhases: [TimingPhase] = [.dns, .connect, .tls, .ttfb]

    public var waterfall: Waterfall? {
        guard !hops.isEmpty else { return nil }
        var rows: [Waterfall.Row] = []
        var previous: Hop?
        for hop in hops {
            guard let phases = hop.phases else {
                rows.append(Waterfall.Row(name: hop.name, values: nil, total: nil))
                previous = nil
                continue
            }
            var comparison: String?
            if let previous, let before = previous.phases {
                comparison = "\(Self.signed(phases.total.p50 - before.total.p50)) over \(previous.name)"
            }
            rows.append(Waterfall.Row(name: hop.name, values: Self.drawnPhases.map { phases[$0].p50 },
                                      total: phases.total.p50, comparison: comparison, insecure: hop.insecure))
            previous = hop
        }
        return Waterfall(title: "p50 per hop", segments: Self.drawnPhases.map(\.rawValue), rows: rows)
    }

    /// `+12.3 ms`, `−1.0 ms`.
    static func signed(_ value: Double) -> String {
        let text = TLSTimingEvaluation.ms(abs(value))
        return (value < 0 && text != "0.0 ms" ? "−" : "+") + text
    }
}
