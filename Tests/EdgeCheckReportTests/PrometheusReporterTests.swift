import Foundation
import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

/// `--format prometheus`: the contract's series with the right values, from the results alone
/// and the kinds' metric samples; valid for the real `promtool check metrics`.
@Suite struct PrometheusReporterTests {
    /// `name{labels} value` lines of an exposition, by everything before the value.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                Issue.record("not a sample line: \(line)")
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    /// A run of the three kinds that offer series: a rogue address, two leaves, one hop.
    static func kindsReport() -> RunReport {
        let notAfter = Date(timeIntervalSince1970: 1_800_000_000)
        let staticIP = StaticIPData(host: "www.edgecheck.test", port: 8443, probe: "tls",
                                    expect: ["127.0.10.1", "127.0.10.2", "127.0.12.0/24"], resolvers: ["127.0.53.1:10053"],
                                    rounds: 1, seen: ["127.0.10.1", "127.0.10.66"], unexpected: ["127.0.10.66"],
                                    missing: ["127.0.10.2", "127.0.12.0/24"], lookups: [], probes: [])
        let certificate = CertificateData(host: "www.edgecheck.test", port: 8443, resolver: nil,
                                          addresses: ["127.0.10.1", "127.0.10.2"], endpoints: [
                                              .init(address: "127.0.10.1", notAfter: notAfter, sha256: "aa"),
                                              .init(address: "127.0.10.2", notAfter: notAfter.addingTimeInterval(-86_400), sha256: "bb"),
                                          ])
        let stats = PhaseStatistics(min: 1, p50: 2, p90: 3, p95: 4, p99: 5, max: 6)
        let timing = TLSTimingData(hops: [.init(name: "nlb", url: "https://www.edgecheck.test:8443/", address: "127.0.10.1",
                                                port: 8443, tlsVersion: "TLSv1.3", cipher: nil, insecure: false, pinned: false,
                                                samples: 5, requested: 5, failed: 0,
                                                phases: .init(dns: stats, connect: stats, tls: stats, ttfb: stats, total: stats))])
        let checks = [
            CheckResult(id: "static-ips", kind: "static-ip", status: .fail, summary: "rogue", durationMs: 250,
                        findings: [Finding(status: .fail, subject: "127.0.10.66", failureClass: FailureClass("unexpected-address"), message: "not allowed")],
                        subjects: ["127.0.10.1", "127.0.10.66"], data: staticIP),
            CheckResult(id: "front-cert", kind: "certificate", status: .pass, summary: "ok", durationMs: 40,
                        subjects: ["127.0.10.1", "127.0.10.2"], data: certificate),
            CheckResult(id: "hop-timing", kind: "tls-timing", status: .pass, summary: "ok", durationMs: 90,
                        subjects: ["nlb"], data: timing),
        ]
        let suite = SuiteReport(name: "edge-lab", file: "checks/lab.yaml", target: nil, started: SampleRun.started,
                                durationMs: 400, checks: checks)
        return RunReport(version: "0.1.0", started: SampleRun.started, durationMs: 400.5, hostname: "h", suites: [suite])
    }

    @Test func writesTheContractsSeriesForEveryCheckThatRan() {
        let samples = Self.samples(PrometheusReporter().render(SampleRun.report()))
        #expect(samples["probe_success"] == 0)
        #expect(samples["probe_duration_seconds"] == 3.20475)
        #expect(samples[#"edgecheck_check_success{suite="verify-ingress",check="egress-ips",kind="static-ip"}"#] == 1)
        #expect(samples[#"edgecheck_check_success{suite="verify-ingress",check="front-cert",kind="certificate"}"#] == 0)
        // A warning is a success, as in `run`'s exit code without --strict.
        #expect(samples[#"edgecheck_check_success{suite="plugins",check="disk",kind="exec"}"#] == 1)
        #expect(samples[#"edgecheck_check_success{suite="verify-ingress",check="canary",kind="xff-echo"}"#] == 0)
        #expect(samples[#"edgecheck_check_insecure{suite="verify-ingress",check="hops",kind="tls-timing"}"#] == 1)
        #expect(samples[#"edgecheck_subject_success{check="front-cert",kind="certificate",subject="127.0.10.1"}"#] == 1)
        #expect(samples[#"edgecheck_subject_success{check="front-cert",kind="certificate",subject="127.0.10.2"}"#] == 0)
        // A skipped check said nothing, so it has no series.
        #expect(!samples.keys.contains { $0.contains(#"check="legacy""#) })
    }

    @Test func probeSuccessIsOneWhenEveryCheckPassedOrWarned() {
        var report = SampleRun.report()
        report.suites = [SuiteReport(name: "s", file: "", target: nil, started: SampleRun.started, durationMs: 1, checks: [
            CheckResult(id: "a", kind: "exec", status: .pass, summary: "", durationMs: 1),
            CheckResult(id: "b", kind: "exec", status: .warn, summary: "", durationMs: 1),
            CheckResult(id: "c", kind: "exec", status: .skip, summary: "", durationMs: 0),
        ])]
        #expect(Self.samples(PrometheusReporter().render(report))["probe_success"] == 1)
    }

    @Test func kindsOfferAddressesCertificatesAndPhasesWithoutTheReporterKnowingThem() {
        let samples = Self.samples(PrometheusReporter().render(Self.kindsReport()))
        #expect(samples[#"edgecheck_address_seen{check="static-ips",address="127.0.10.1",allowed="true"}"#] == 1)
        #expect(samples[#"edgecheck_address_seen{check="static-ips",address="127.0.10.66",allowed="false"}"#] == 1)
        #expect(samples[#"edgecheck_address_seen{check="static-ips",address="127.0.10.2",allowed="true"}"#] == 0)
        #expect(!samples.keys.contains { $0.contains("127.0.12.0/24") })
        #expect(samples[#"edgecheck_subject_success{check="static-ips",kind="static-ip",subject="127.0.10.66"}"#] == 0)
        #expect(samples[#"edgecheck_cert_not_after_timestamp_seconds{check="front-cert",address="127.0.10.1"}"#] == 1_800_000_000)
        #expect(samples[#"edgecheck_cert_not_after_timestamp_seconds{check="front-cert",address="127.0.10.2"}"#] == 1_799_913_600)
        #expect(samples["probe_ssl_earliest_cert_expiry"] == 1_799_913_600)
        #expect(samples[#"edgecheck_tls_phase_seconds{check="hop-timing",hop="nlb",phase="tls",stat="p50"}"#] == 0.002)
        #expect(samples[#"edgecheck_tls_phase_seconds{check="hop-timing",hop="nlb",phase="total",stat="max"}"#] == 0.006)
        #expect(!samples.keys.contains { $0.contains(#"stat="min""#) })
    }

    @Test func theSameRunIsTheSameBytes() {
        let report = Self.kindsReport()
        #expect(PrometheusReporter().render(report) == PrometheusReporter().render(report))
    }

    @Test func everyFamilyHasHelpAndType() {
        let text = PrometheusReporter().render(Self.kindsReport())
        for name in ["probe_success", "probe_duration_seconds", "probe_ssl_earliest_cert_expiry", "edgecheck_check_success",
                     "edgecheck_subject_success", "edgecheck_address_seen", "edgecheck_cert_not_after_timestamp_seconds",
                     "edgecheck_tls_phase_seconds"] {
            #expect(text.contains("# HELP \(name) "), "\(name)")
            #expect(text.contains("# TYPE \(name) gauge\n"), "\(name)")
        }
    }

    @Test func hostileTextStaysInsideItsLabel() {
        let text = PrometheusReporter().render(SampleRun.hostileReport())
        // Every line is a comment or a sample: a newline or quote from the network never starts one.
        for line in text.split(separator: "\n") {
            #expect(line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") || line.hasPrefix("probe_")
                    || line.hasPrefix("edgecheck_"), "\(line.prefix(80))")
        }
    }

    @Test(arguments: ["sample", "kinds", "hostile"])
    func promtoolAcceptsTheExposition(_ which: String) throws {
        let report = switch which {
        case "sample": SampleRun.report()
        case "kinds": Self.kindsReport()
        default: SampleRun.hostileReport()
        }
        let (status, output) = try Self.promtool(PrometheusReporter().render(report))
        #expect(status == 0, "\(output)")
    }

    /// `promtool check metrics` (Debian's prometheus package; scripts/install-deps installs it)
    /// reads the exposition on stdin; its exit status and messages.
    static func promtool(_ text: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["promtool", "check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let messages = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: messages, as: UTF8.self))
    }
}
