import EdgeCheckModel
import Prometheus

/// The Prometheus text exposition (`--format prometheus`, `--prometheus FILE`, `serve`'s
/// `/probe`): the series of the contract, named as blackbox_exporter names them where the
/// meaning is the same (`probe_success`, `probe_duration_seconds`, `probe_ssl_earliest_cert_expiry`),
/// and per check, subject, address and hop beside them.
///
/// Skipped checks write no series: they said nothing. Kind-specific series come from the data's
/// `CheckPresentation.metricSamples`, never from the kind's type. Families come in a fixed order
/// and samples sorted within each, so two files of the same run are the same bytes. When two
/// suites give the same check id, series without a `suite` label keep the worse value.
public struct PrometheusReporter: Reporter {
    /// `--format prometheus`.
    public static let identifier = "prometheus"

    public init() {}

    /// One metric family: its name, help text and samples, in first-written order.
    struct Family {
        var name: String
        var help: String
        /// How two samples with the same labels combine (a success keeps the worse: the minimum).
        var combine: (Double, Double) -> Double = { Swift.min($0, $1) }
        private(set) var samples: [(labels: [(String, String)], value: Double)] = []
        private var index: [[String]: Int] = [:]

        init(_ name: String, help: String, combine: @escaping (Double, Double) -> Double = { Swift.min($0, $1) }) {
            self.name = name
            self.help = help
            self.combine = combine
        }

        mutating func add(_ labels: [(String, String)], _ value: Double) {
            // The format escapes only backslash, quote and line feed; any other control in a value
            // (a check id, a subject) would reach a terminal that shows the file, so it is written
            // as a visible escape first.
            let labels = labels.map { ($0.0, TerminalText.oneLine($0.1)) }
            let key = labels.flatMap { [$0.0, $0.1] }
            if let position = index[key] {
                samples[position].value = combine(samples[position].value, value)
            } else {
                index[key] = samples.count
                samples.append((labels, value))
            }
        }
    }

    /// Every series of `report`, ending in a newline.
    public func render(_ report: RunReport) -> String {
        families(of: report).map(Self.exposition(of:)).joined()
    }

    /// The families of `report`, in the order they are written; a family without samples is left out.
    func families(of report: RunReport) -> [Family] {
        var success = Family("probe_success", help: "1 when every selected check passed or warned, else 0")
        var duration = Family("probe_duration_seconds", help: "How long the whole run took, in seconds",
                              combine: { Swift.max($0, $1) })
        var earliest = Family("probe_ssl_earliest_cert_expiry",
                              help: "The earliest notAfter of any leaf certificate served, in Unix seconds")
        var checkSuccess = Family("edgecheck_check_success", help: "1 when the check passed or warned, else 0")
        var checkDuration = Family("edgecheck_check_duration_seconds", help: "How long the check took, in seconds",
                                   combine: { Swift.max($0, $1) })
        var checkInsecure = Family("edgecheck_check_insecure",
                                   help: "1 when a connection of the check ran with TLS verification off",
                                   combine: { Swift.max($0, $1) })
        var subjectSuccess = Family("edgecheck_subject_success",
                                    help: "1 when no finding about the subject (an address or a hop) failed, else 0")
        var kindFamilies: [MetricSample.Series: Family] = [:]
        for series in MetricSample.Series.allCases {
            kindFamilies[series] = Family(series.rawValue, help: Self.help(for: series), combine: Self.combine(for: series))
        }

        let ran = report.suites.flatMap(\.checks).filter { $0.status != .skip }
        success.add([], ran.allSatisfy { $0.status.succeeded } ? 1 : 0)
        duration.add([], report.durationMs / 1000)
        for suite in report.suites {
            for check in suite.checks where check.status != .skip {
                let checkLabels = [("suite", suite.name), ("check", check.id), ("kind", check.kind)]
                checkSuccess.add(checkLabels, check.status.succeeded ? 1 : 0)
                checkDuration.add(checkLabels, check.durationMs / 1000)
                checkInsecure.add(checkLabels, check.insecure ? 1 : 0)
                for (subject, status) in check.subjectStatuses {
                    subjectSuccess.add([("check", check.id), ("kind", check.kind), ("subject", subject)],
                                       status.succeeded ? 1 : 0)
                }
                for sample in check.presentation?.metricSamples ?? [] {
                    kindFamilies[sample.series]?.add([("check", check.id)] + sample.labels.map { ($0.name, $0.value) },
                                                     sample.value)
                }
            }
        }
        if let first = kindFamilies[.certificateNotAfter]?.samples.map(\.value).min() {
            earliest.add([], first)
        }
        let families = [success, duration, earliest, checkSuccess, checkDuration, checkInsecure, subjectSuccess]
            + MetricSample.Series.allCases.compactMap { kindFamilies[$0] }
        return families.filter { !$0.samples.isEmpty }
    }

    /// `# HELP`, `# TYPE` and the samples of one family, sorted, through swift-prometheus (which
    /// escapes label values and help text as the format requires).
    static func exposition(of family: Family) -> String {
        let registry = PrometheusCollectorRegistry()
        for sample in family.samples {
            // The whole name as metricName: the families are named in full, with their unit.
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: family.name, unitName: "", helpText: family.help),
                               labels: sample.labels).set(sample.value)
        }
        let lines = registry.emitToString().split(separator: "\n", omittingEmptySubsequences: true)
        let comments = lines.filter { $0.hasPrefix("#") }
        let samples = lines.filter { !$0.hasPrefix("#") }.sorted()
        return (comments + samples).map { $0 + "\n" }.joined()
    }

    static func help(for series: MetricSample.Series) -> String {
        switch series {
        case .addressSeen: "1 for an address a resolver returned, 0 for an expected address none returned"
        case .certificateNotAfter: "The notAfter of the leaf certificate the address serves, in Unix seconds"
        case .tlsPhase: "A statistic of one TLS timing phase of a hop over its samples, in seconds"
        }
    }

    /// Two suites' samples of the same series and labels: an address counts as seen when either
    /// saw it; the earliest expiry and the slowest time are the ones to alert on.
    static func combine(for series: MetricSample.Series) -> (Double, Double) -> Double {
        switch series {
        case .addressSeen, .tlsPhase: { Swift.max($0, $1) }
        case .certificateNotAfter: { Swift.min($0, $1) }
        }
    }
}

extension CheckStatus {
    /// What the exposition counts as success: passed or warned. A skipped check has no series.
    var succeeded: Bool { self == .pass || self == .warn }
}
