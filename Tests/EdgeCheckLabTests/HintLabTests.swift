import EdgeCheckChecks
import EdgeCheckNet
import Foundation
import Testing

extension LabTests {
    /// Under every fault the lab can inject, the lab suite fails, and each failing finding names
    /// the likely misconfiguration: the hint of its class for its kind.
    @Suite(.stopsLabAfterwards) struct HintLabTests {
        static let faults: [(fault: String, environment: [String: String], expected: String)] = [
            ("rogue-ip", [:], "unexpected-address"),
            ("split-dns", [:], "unexpected-address"),
            ("dead-ip", [:], "refused"),
            ("expired-cert", [:], "cert-expired"),
            ("wrong-issuer", [:], "cert-issuer"),
            ("wrong-host", [:], "cert-hostname"),
            ("no-intermediate", [:], "cert-untrusted"),
            ("no-redirect", [:], "http-status"),
            ("redirect-drops-path", [:], "redirect-location"),
            ("redirect-to-http", [:], "redirect-location"),
            ("no-forwardfor", [:], "xff-client"),
            ("spoofable-xff", [:], "xff-spoofable"),
            ("slow-hop", ["LAB_SLOW_HOP": "alb", "LAB_SLOW_MS": "300"], "budget"),
            ("blackhole", [:], "timeout"),
            ("proxy-optional", [:], "proxy-optional"),
            ("proxy-spoofable", [:], "proxy-spoofable"),
        ]

        @Test(arguments: faults.map(\.fault))
        func everyFailingFindingCarriesTheHintOfItsClass(fault: String) throws {
            let entry = try #require(Self.faults.first { $0.fault == fault })
            try Lab.up([fault], environment: entry.environment)
            let output = try Lab.edgecheck(["run", "checks/lab.yaml", "--format", "json"])
            #expect(output.status == 1, "\(fault): the lab suite fails: \(output.stderr)")
            let report = try JSONDecoder().decode(JSONReport.self, from: Data(output.stdout.utf8))
            var classes: Set<String> = []
            for check in report.suites.flatMap(\.checks) {
                for finding in check.findings where finding.status == "fail" || finding.status == "warn" {
                    guard let failureClass = finding.class else { continue }
                    classes.insert(failureClass)
                    let hint = CheckRegistry.hint(for: FailureClass(failureClass), kind: check.kind)
                    #expect(hint != nil, "\(fault): \(check.id) \(failureClass) has no hint: \(finding.message)")
                    #expect(finding.hint == hint, "\(fault): \(check.id) \(failureClass) carries \(finding.hint ?? "none")")
                }
            }
            #expect(classes.contains(entry.expected), "\(fault): expected a \(entry.expected) finding among \(classes.sorted())")
        }
    }
}
