import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The verdict of `tls-timing` on what was measured. Pure: it sees measurements, never the network.
struct TLSTimingEvaluation: Sendable {
    /// A statistic over its budget.
    static let budgetClass = FailureClass("budget")

    var configuration: TLSTimingConfiguration

    /// Everything the check reports.
    struct Verdict: Sendable {
        var findings: [Finding]
        var measurements: [EdgeCheckModel.Measurement]
        var data: TLSTimingData
        var summary: String
        var insecure: Bool
    }

    func evaluate(_ hops: [HopMeasurement]) -> Verdict {
        var findings: [Finding] = []
        var measurements: [EdgeCheckModel.Measurement] = []
        var dataHops: [TLSTimingData.Hop] = []
        for hop in hops {
            let phases = TLSTimingData.Phases(samples: hop.samples)
            let name = hop.hop.name
            findings += sampleFindings(hop)
            if let phases {
                for budget in configuration.budget {
                    let value = phases[budget.phase].value(budget.statistic)
                    if value > budget.limitMilliseconds {
                        findings.append(Finding(
                            status: .fail, subject: name, failureClass: Self.budgetClass,
                            message: "hop \(name): \(budget.phase.rawValue) \(budget.statistic.rawValue) is "
                              + "\(Self.ms(value)), over the budget of \(Self.ms(budget.limitMilliseconds)) (\(budget.key))"))
                    }
                }
                for phase in TimingPhase.allCases where phase != .tunnel || phases.tunnel != nil {
                    for statistic in TimingStatistic.allCases {
                        measurements.append(EdgeCheckModel.Measurement(name: "\(phase.rawValue)-\(statistic.rawValue)",
                                                        value: phases[phase].value(statistic), unit: "ms", subject: name))
                    }
                }
            }
            dataHops.append(TLSTimingData.Hop(
                name: name, url: hop.hop.url.absoluteString, address: hop.address, port: hop.port,
                tlsVersion: hop.tlsVersion, cipher: hop.cipher, insecure: hop.hop.insecure,
                pinned: hop.hop.pinSHA256 != nil, samples: hop.samples.count, requested: hop.requested,
                failed: hop.failures.count, phases: phases))
        }
        let data = TLSTimingData(hops: dataHops)
        let insecure = hops.contains { $0.hop.insecure }
        return Verdict(findings: findings, measurements: measurements, data: data,
                       summary: summary(findings: findings, data: data), insecure: insecure)
    }

    /// One finding per hop whose samples failed, with the class of the first failure.
    private func sampleFindings(_ hop: HopMeasurement) -> [Finding] {
        guard let first = hop.failures.first else { return [] }
        let name = hop.hop.name
        let attempted = hop.samples.count + hop.failures.count
        var message: String
        if hop.samples.isEmpty && hop.failures.count == 1 {
            message = "hop \(name): the sample failed: \(first.message)"
        } else {
            message = "hop \(name): \(hop.failures.count) of \(attempted) samples failed, the first: \(first.message)"
        }
        let otherClasses = Set(hop.failures.map(\.failureClass)).subtracting([first.failureClass])
        if !otherClasses.isEmpty {
            message += " (also \(otherClasses.map(\.rawValue).sorted().joined(separator: ", ")))"
        }
        if hop.stoppedEarly && attempted < hop.requested {
            message += "; sampling stopped after \(attempted) of \(hop.requested)"
        }
        if hop.expectsProxyHeader {
            message += "; with a PROXY v2 header the handshake completes: this ingress expects a PROXY header: "
                + "set proxy-protocol: v2"
        }
        return [Finding(status: .fail, subject: name, failureClass: first.failureClass, message: message)]
    }

    private func summary(findings: [Finding], data: TLSTimingData) -> String {
        var text: String
        if let headline = FindingSummary.headline(for: findings) {
            text = headline
        } else {
            let perHop = data.hops.map { hop -> String in
                guard let phases = hop.phases else { return "\(hop.name) no samples" }
                return "\(hop.name) \(Self.ms(phases.tls.p50))/\(Self.ms(phases.total.p50))"
            }
            text = "p50 tls/total over \(configuration.samples) samples: " + perHop.joined(separator: ", ")
        }
        let insecure = data.hops.filter(\.insecure).map(\.name)
        if !insecure.isEmpty {
            text += "; TLS verification OFF for \(insecure.joined(separator: ", "))"
        }
        return text
    }

    /// `12.3 ms`.
    static func ms(_ value: Double) -> String {
        // Whole tenths, not String(format:): its first use costs a fifth of a millisecond, on the
        // way out of every run. Rounding first keeps a tiny negative from printing as -0.0.
        guard value.isFinite else { return "\(value) ms" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10) ms"
    }
}
