import Foundation
import Testing

extension LabTests {
    /// `tls-timing` on the three TLS hops of the lab, each measured directly.
    @Suite(.stopsLabAfterwards) struct TLSTimingLabTests {
        /// The ingress's self-signed certificate is verified by its pin, never trusted blindly.
        private static func ingressPin() throws -> String {
            let file = Lab.root.appendingPathComponent("lab/state/pki/ingress.pin")
            return try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// `ingressProxy`: how the ingress hop, whose bind has accept-proxy, starts its connections.
        private static func suite(samples: Int, budget: String = "", ingressProxy: String = "v2") throws -> String {
            """
            name: timing-lab
            defaults:
              timeout: 3s
              dns-servers: [127.0.53.1:10053]
              ca-file: ../lab/state/pki/trust.pem
            checks:
              - id: timing
                kind: tls-timing
                samples: \(samples)
                hops:
                  - name: nlb
                    url: https://www.edgecheck.test:8443/
                    connect-to: 127.0.10.1
                  - name: ingress
                    url: https://ingress.edgecheck.test:8443/
                    pin-sha256: \(try ingressPin())
                    proxy-protocol: \(ingressProxy)
                  - name: alb
                    url: https://alb.edgecheck.test:8443/
                    ca-file: ../lab/state/pki/alb-ca.pem
            \(budget)
            """
        }

        private func run(_ yaml: String) throws -> JSONReport.Check {
            let (output, report) = try Lab.runSuite(yaml)
            return try #require(report?.check("timing"), "no report: \(output.stderr)")
        }

        /// The p50 of `phase` per hop name.
        private func p50(_ check: JSONReport.Check, _ phase: String) -> [String: Double] {
            var result: [String: Double] = [:]
            for hop in check.data?["hops"]?.array ?? [] {
                if let name = hop["name"]?.string, let value = hop["phases"]?[phase]?["p50"]?.number { result[name] = value }
            }
            return result
        }

        @Test func healthyHopsAreTimedWithTheirTLSParameters() throws {
            try Lab.up([])
            let check = try run(try Self.suite(samples: 5, budget: "    budget:\n      tls-p50: 150ms"))
            #expect(check.status == "pass", "\(check.summary)")
            let hops = check.data?["hops"]?.array ?? []
            #expect(hops.compactMap { $0["name"]?.string } == ["nlb", "ingress", "alb"])
            for hop in hops {
                #expect(hop["samples"]?.number == 5)
                #expect(hop["tls_version"]?.string?.hasPrefix("TLSv1.") == true)
                #expect(hop["cipher"]?.string?.isEmpty == false)
                #expect(hop["insecure"]?.bool == false)
                for phase in ["dns", "connect", "tls", "ttfb", "total"] {
                    let stats = hop["phases"]?[phase]
                    let min = stats?["min"]?.number ?? -1, p50 = stats?["p50"]?.number ?? -1, max = stats?["max"]?.number ?? -1
                    #expect(min >= 0 && min <= p50 && p50 <= max, "\(phase) of \(hop["name"]?.string ?? "?")")
                }
            }
            #expect(hops[1]["pinned"]?.bool == true)
            #expect(hops[1]["address"]?.string == "127.0.20.1")
        }

        @Test func aSlowHopIsOverBudgetAndTheDelayShowsOnItsTLSPhaseOnly() throws {
            try Lab.up([])
            let healthy = try run(try Self.suite(samples: 10))
            #expect(healthy.status == "pass", "\(healthy.summary)")

            try Lab.up(["slow-hop"])  // the ingress, 200 ms before its handshake
            let slow = try run(try Self.suite(samples: 10, budget: "    budget:\n      tls-p50: 150ms"))
            #expect(slow.status == "fail")
            #expect(slow.findings.map(\.subject) == ["ingress"])
            #expect(slow.findings.map(\.class) == ["budget"])
            #expect(slow.findings.first?.message.hasPrefix("hop ingress: tls p50 is ") == true)
            #expect(slow.findings.first?.message.hasSuffix(", over the budget of 150.0 ms (tls-p50)") == true)

            let before = p50(healthy, "tls"), after = p50(slow, "tls")
            let ingressBefore = try #require(before["ingress"]), ingressAfter = try #require(after["ingress"])
            #expect(abs(ingressAfter - (ingressBefore + 200)) < 10,
                    "ingress tls p50 \(ingressAfter) ms, healthy \(ingressBefore) ms + 200 ms")
            for hop in ["nlb", "alb"] {
                let was = try #require(before[hop]), now = try #require(after[hop])
                #expect(abs(now - was) < 10, "\(hop) tls p50 moved from \(was) ms to \(now) ms")
            }
        }

        @Test(arguments: ["v1", "v2"])
        func theIngressHopIsTimedThroughAProxyHeader(version: String) throws {
            try Lab.up([])
            let check = try run(try Self.suite(samples: 5, ingressProxy: version))
            #expect(check.status == "pass", "\(check.summary)")
            let ingress = try #require(check.data?["hops"]?.array.first { $0["name"]?.string == "ingress" })
            #expect(ingress["samples"]?.number == 5)
            #expect(ingress["tls_version"]?.string?.hasPrefix("TLSv1.") == true)
            #expect((ingress["phases"]?["tls"]?["p50"]?.number ?? 0) > 0)
            #expect((ingress["phases"]?["connect"]?["p50"]?.number ?? 0) > 0)
        }

        /// Against accept-proxy, a hop without the header fails at once, and says what to set.
        @Test func withoutAHeaderTheIngressHopFailsFastWithTheHint() throws {
            try Lab.up([])
            let started = ContinuousClock.now
            let check = try run(try Self.suite(samples: 3, ingressProxy: "none"))
            #expect(ContinuousClock.now - started < .seconds(3 * 2), "within the timeout, not a wait per sample")
            #expect(check.status == "fail")
            #expect(check.findings.map(\.subject) == ["ingress"])
            #expect(check.findings.map(\.class) == ["reset"])
            let message = try #require(check.findings.first?.message)
            #expect(message.hasPrefix("hop ingress: 3 of 3 samples failed, the first: "), "\(message)")
            #expect(message.hasSuffix("; with a PROXY v2 header the handshake completes: this ingress expects a "
                                      + "PROXY header: set proxy-protocol: v2"), "\(message)")
        }

        @Test func aBlackholedHopTimesOutOnceAndStops() throws {
            try Lab.up(["blackhole"])
            let yaml = """
                name: blackhole-lab
                defaults:
                  timeout: 2s
                  ca-file: ../lab/state/pki/trust.pem
                checks:
                  - id: timing
                    kind: tls-timing
                    samples: 10
                    hops:
                      - name: static-1
                        url: https://www.edgecheck.test:8443/
                        connect-to: 127.0.10.1
                      - name: static-2
                        url: https://www.edgecheck.test:8443/
                        connect-to: 127.0.10.2
                """
            let (output, report) = try Lab.runSuite(yaml)
            let check = try #require(report?.check("timing"), "no report: \(output.stderr)")
            #expect(check.status == "fail")
            #expect(check.findings.map(\.subject) == ["static-2"])
            #expect(check.findings.map(\.class) == ["timeout"])
            #expect(check.findings.first?.message.hasSuffix("; sampling stopped after 1 of 10") == true)

            // One timeout for the hop, not one per sample.
            let raw = try JSONDecoder().decode(AnyJSON.self, from: Data(output.stdout.utf8))
            let duration = try #require(raw["suites"]?[0]?["checks"]?[0]?["duration_ms"]?.number)
            #expect(duration < 2000 * 2 + 1000, "the check took \(duration) ms")
        }
    }
}
