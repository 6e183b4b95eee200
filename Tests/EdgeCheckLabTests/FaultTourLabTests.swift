import EdgeCheckChecks
import EdgeCheckNet
import Foundation
import Testing

extension LabTests {
    /// Every fault the lab can inject, once each, seen three ways: the lab suite fails on the
    /// check that holds what the fault changes, every failing finding carries the hint of its
    /// class; `diff` against the healthy run exits 1 naming that check; and the suite `init`
    /// wrote on the healthy lab fails on its own check for the same reason. One lab start per
    /// fault serves all three (the egress proxy's faults have their own tests: the lab suite
    /// connects directly).
    @Suite(.stopsLabAfterwards) struct FaultTourLabTests {
        struct Fault: Sendable, CustomStringConvertible {
            var name: String
            var environment: [String: String] = [:]
            /// The lab suite's check that fails, and its class.
            var labCheck: String
            var labClass: String
            /// The init-written suite's check that fails and its class; nil when it has none for it.
            var initCheck: String?
            var initClass: String?
            var description: String { name }
        }

        static let faults: [Fault] = [
            Fault(name: "rogue-ip", labCheck: "static-ips", labClass: "unexpected-address",
                  initCheck: "static-ips", initClass: "unexpected-address"),
            Fault(name: "split-dns", labCheck: "static-ips", labClass: "unexpected-address",
                  initCheck: "static-ips", initClass: "unexpected-address"),
            Fault(name: "dead-ip", labCheck: "static-ips", labClass: "refused", initCheck: "static-ips", initClass: "refused"),
            Fault(name: "blackhole", labCheck: "static-ips", labClass: "timeout", initCheck: "static-ips", initClass: "timeout"),
            Fault(name: "expired-cert", labCheck: "front-certificate", labClass: "cert-expired",
                  initCheck: "certificate", initClass: "cert-expired"),
            Fault(name: "wrong-issuer", labCheck: "front-certificate", labClass: "cert-issuer",
                  initCheck: "certificate", initClass: "cert-issuer"),
            Fault(name: "wrong-host", labCheck: "front-certificate", labClass: "cert-hostname",
                  initCheck: "certificate", initClass: "cert-hostname"),
            Fault(name: "no-intermediate", labCheck: "front-certificate", labClass: "cert-untrusted",
                  initCheck: "certificate", initClass: "cert-untrusted"),
            Fault(name: "no-redirect", labCheck: "http-redirect", labClass: "http-status",
                  initCheck: "redirect", initClass: "http-status"),
            Fault(name: "redirect-drops-path", labCheck: "http-redirect", labClass: "redirect-location",
                  initCheck: "redirect", initClass: "redirect-location"),
            Fault(name: "redirect-to-http", labCheck: "http-redirect", labClass: "redirect-location",
                  initCheck: "redirect", initClass: "redirect-location"),
            Fault(name: "no-forwardfor", labCheck: "client-address", labClass: "xff-client",
                  initCheck: "client-address", initClass: "xff-client"),
            Fault(name: "spoofable-xff", labCheck: "client-address", labClass: "xff-spoofable",
                  initCheck: "client-address", initClass: "xff-spoofable"),
            // The NLB hop: the one hop both suites time.
            Fault(name: "slow-hop", environment: ["LAB_SLOW_HOP": "nlb", "LAB_SLOW_MS": "300"], labCheck: "hop-timing",
                  labClass: "budget", initCheck: "tls-timing", initClass: "budget"),
            Fault(name: "proxy-optional", labCheck: "ingress-proxy-protocol", labClass: "proxy-optional"),
            Fault(name: "proxy-spoofable", labCheck: "ingress-proxy-protocol", labClass: "proxy-spoofable"),
        ]

        private static let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("edgecheck-tour-\(UUID().uuidString)")

        /// checks/lab.yaml with more tls-timing samples, so that a p50 moves by loopback jitter
        /// alone less than the 20 % and 1 ms `diff` calls worse.
        private static func steadyLabSuite() throws -> URL {
            let lab = try String(contentsOf: Lab.root.appendingPathComponent("checks/lab.yaml"), encoding: .utf8)
            let file = Lab.root.appendingPathComponent("checks/.test-tour-\(UUID().uuidString).yaml")
            try lab.replacingOccurrences(of: "    samples: 5\n", with: "    samples: 25\n")
                .write(to: file, atomically: true, encoding: .utf8)
            return file
        }

        /// Runs `suite` (plus `extra`) with its JSON report written to the tour's folder.
        private static func run(_ suite: URL, json name: String, extra: [String] = []) throws -> (Lab.Output, String, JSONReport?) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let json = folder.appendingPathComponent(name).path
            let output = try Lab.edgecheck(["run", suite.path, "--json", json, "--format", "tap", "-q"] + extra)
            let report = try? JSONDecoder().decode(JSONReport.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
            return (output, json, report)
        }

        @Test func everyFaultFailsTheRightCheckWithItsHintAndDiffAndTheInitSuiteSeeIt() throws {
            let labSuite = try Self.steadyLabSuite()
            let initSuite = Lab.root.appendingPathComponent(".init-tour-\(UUID().uuidString).yaml")
            defer {
                try? FileManager.default.removeItem(at: labSuite)
                try? FileManager.default.removeItem(at: initSuite)
                try? FileManager.default.removeItem(at: Self.folder)
            }
            try Lab.up()
            let written = try Lab.edgecheck(["init"] + InitLabTests.arguments + ["--output", initSuite.lastPathComponent])
            try #require(written.status == 0, "init on the healthy lab: \(written.stderr)")
            let (healthyOutput, healthy, _) = try Self.run(labSuite, json: "healthy.json")
            try #require(healthyOutput.status == 0, "the lab suite passes on the healthy lab: \(healthyOutput.stdout)")

            for fault in Self.faults {
                try Lab.up([fault.name], environment: fault.environment)

                // The lab suite: the right check fails, and every failing finding has its class's hint.
                let (output, faulty, report) = try Self.run(labSuite, json: "\(fault.name).json")
                #expect(output.status == 1, "\(fault): the lab suite fails")
                let check = try #require(report?.check(fault.labCheck), "\(fault): no report: \(output.stderr)")
                #expect(check.status == "fail", "\(fault): \(fault.labCheck) fails: \(check.summary)")
                #expect(check.findings.contains { $0.class == fault.labClass },
                        "\(fault): \(fault.labCheck) fails with \(fault.labClass): \(check.findings.map(\.class))")
                for result in report?.suites.flatMap(\.checks) ?? [] {
                    for finding in result.findings where finding.status == "fail" || finding.status == "warn" {
                        guard let failureClass = finding.class else { continue }
                        let hint = CheckRegistry.hint(for: FailureClass(failureClass), kind: result.kind)
                        #expect(hint != nil, "\(fault): \(result.id) \(failureClass) has no hint: \(finding.message)")
                        // A finding may carry a hint of its own, more precise than its class's.
                        #expect(finding.hint != nil, "\(fault): \(result.id) \(failureClass) carries no hint")
                    }
                }

                // diff: exit 1, naming the check that got worse, in both formats.
                let diff = try Lab.edgecheck(["diff", healthy, faulty])
                #expect(diff.status == 1, "\(fault):\n\(diff.stdout)\(diff.stderr)")
                let worse = diff.stdout.split(separator: "\n").filter { $0.hasPrefix("WORSE") }
                #expect(worse.contains { $0.contains(" \(fault.labCheck) ") }, "\(fault) makes \(fault.labCheck) worse:\n\(diff.stdout)")
                let json = try Lab.edgecheck(["diff", healthy, faulty, "--format", "json"])
                let root = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
                #expect(root?["worse"] as? Bool == true && json.status == 1, "\(fault)")

                // The suite init wrote: only the check that holds what the fault changes (the
                // others passed above, and static-ip's rounds a second apart would cost 4 s each).
                guard let initCheck = fault.initCheck else { continue }
                let (initOutput, _, initReport) = try Self.run(initSuite, json: "\(fault.name)-init.json",
                                                                extra: ["--only", initCheck])
                #expect(initOutput.status == 1, "\(fault): the init suite fails")
                let initResult = try #require(initReport?.check(initCheck))
                #expect(initResult.status == "fail", "\(fault): \(initCheck) fails: \(initResult.summary)")
                #expect(initResult.findings.contains { $0.class == fault.initClass },
                        "\(fault): \(initCheck) fails with \(fault.initClass ?? ""): \(initResult.findings.map(\.class))")
            }
        }
    }
}
