import Foundation
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

/// Kind data as a check would define it, to see `data` reach the JSON report as encoded.
struct SampleCheckData: CheckData {
    var seen: [String]
    var unexpected: [String]
    var lookups: Int
    var note: String?
    var probes: [SampleProbe] = []
    var checkedAt: Date?
}

/// A nested object inside kind data.
struct SampleProbe: Encodable, Sendable {
    var address: String
    var ok: Bool
    var ms: Double
}

/// Fixed runs the reporter tests render: every status, a check fanning out over subjects,
/// warnings, failure classes, measurements, an insecure check and kind data; and one run whose
/// every string is hostile.
enum SampleRun {
    static let started = Date(timeIntervalSince1970: 1_795_706_000.25)  // 2026-11-26T15:13:20.250Z

    static let ingress = SuiteReport(
        name: "verify-ingress", file: "checks/ingress.yaml", target: "https://www.edgecheck.test:8443",
        started: started, durationMs: 2_950.5,
        checks: [
            CheckResult(
                id: "egress-ips", kind: "static-ip", status: .pass,
                summary: "5 lookups: 2 addresses, all expected and serving", durationMs: 1_204.25,
                findings: [
                    Finding(status: .pass, subject: "127.0.10.1", message: "serves TLS"),
                    Finding(status: .pass, subject: "127.0.10.2", message: "serves TLS"),
                ],
                subjects: ["127.0.10.1", "127.0.10.2"],
                data: SampleCheckData(seen: ["127.0.10.1", "127.0.10.2"], unexpected: [], lookups: 5, note: nil,
                                      probes: [SampleProbe(address: "127.0.10.1", ok: true, ms: 3.25),
                                               SampleProbe(address: "127.0.10.2", ok: true, ms: 4)],
                                      checkedAt: started)),
            CheckResult(
                id: "front-cert", kind: "certificate", status: .fail,
                summary: "1 of 2 addresses serves an expired certificate", durationMs: 412,
                findings: [
                    Finding(status: .warn, subject: "127.0.10.1", message: "expires in 20 days (warn-days 30)"),
                    Finding(status: .fail, subject: "127.0.10.2", failureClass: .certExpired,
                            message: "leaf expired 3 days ago (not after 2026-11-23T00:00:00Z)"),
                ],
                subjects: ["127.0.10.1", "127.0.10.2"]),
            CheckResult(
                id: "http-redirect", kind: "redirect", status: .warn,
                summary: "127.0.10.1 answers 200 instead of redirecting (severity warn)", durationMs: 88.4,
                findings: [
                    Finding(status: .fail, subject: "127.0.10.1", failureClass: .httpStatus,
                            message: "expected a redirect status (301, 302, 303, 307, 308), found 200"),
                ],
                subjects: ["127.0.10.1"]),
            CheckResult(
                id: "hops", kind: "tls-timing", status: .pass,
                summary: "2 hops within budget", durationMs: 1_730,
                subjects: ["nlb", "ingress"],
                measurements: [
                    Measurement(name: "tls-p50", value: 12.5, unit: "ms", subject: "nlb"),
                    Measurement(name: "tls-p50", value: 30, unit: "ms", subject: "ingress"),
                ],
                insecure: true, description: "What each TLS hop costs"),
            CheckResult(
                id: "canary", kind: "xff-echo", status: .error,
                summary: "the canary reply is not JSON", durationMs: 20,
                findings: [Finding(status: .error, message: "the canary reply is not JSON: unexpected character 'h' at 1")]),
        ])

    static let plugins = SuiteReport(
        name: "plugins", file: "checks/plugins.yaml", target: nil,
        started: started.addingTimeInterval(3), durationMs: 250,
        checks: [
            CheckResult(
                id: "disk", kind: "exec", status: .warn, summary: "DISK WARNING - 81% used", durationMs: 31,
                measurements: [
                    Measurement(name: "used", value: 81, unit: "%", warn: "80", critical: "90", min: 0, max: 100),
                ],
                description: "Disk space on the log volume"),
            CheckResult(id: "backup", kind: "exec", status: .fail, summary: "BACKUP CRITICAL - last run 3 days ago",
                        durationMs: 12),
            CheckResult(id: "legacy", kind: "exec", status: .skip, summary: "skipped by --skip", durationMs: 0),
        ])

    /// Both suites: 8 checks, 2 passed, 2 warned, 2 failed, 1 error, 1 skipped.
    static func report() -> RunReport {
        RunReport(version: "0.1.0", started: started, durationMs: 3_204.75, hostname: "ci-runner-7",
                  suites: [ingress, plugins])
    }

    /// The worst text a network reply or a plugin could put in a result.
    static let hostileText = "NUL\u{0} BEL\u{7} ESC\u{1B}[2J\u{1B}[31m red ]]> <script>alert(1)</script> & \"quoted\" 'single'"
        + " line\nbreak tab\t cr\r U+FFFE\u{FFFE} U+FFFF\u{FFFF} emoji 😀🇬🇧 bidi \u{202E}txt.exe ---\n... # not a directive"

    /// One megabyte of plugin output.
    static let megabyte = String(repeating: "0123456789abcdef", count: 65_536)

    /// Every kind of control a hostile server could put in a header or a plugin in its output:
    /// C0 (with CR and a line that fakes a row), DEL, C1 (NEL, the 8-bit CSI) and escape sequences.
    static let controlText = hostileText + " DEL\u{7F} NEL\u{85} CSI\u{9B}2J OSC\u{1B}]0;title\u{7} \r\nok 99 fake\n"
        + "PASS   fake-row\u{0B}\u{0C}"

    static func hostileReport(_ hostileText: String = hostileText) -> RunReport {
        let check = CheckResult(
            id: "evil\n# id", kind: "exec", status: .fail, summary: hostileText, durationMs: 5,
            findings: [
                Finding(status: .fail, subject: hostileText, failureClass: FailureClass(hostileText), message: hostileText,
                        hint: hostileText),
                Finding(status: .error, subject: "", message: megabyte),
                Finding(status: .warn, subject: "127.0.10.1", message: "]]>" + megabyte + "]]>"),
            ],
            subjects: [hostileText, "127.0.10.1"],
            measurements: [Measurement(name: hostileText, value: .nan, unit: hostileText, subject: hostileText,
                                       warn: hostileText, min: .infinity)],
            data: SampleCheckData(seen: [hostileText], unexpected: [megabyte], lookups: 1, note: hostileText),
            insecure: true, description: hostileText)
        let skipped = CheckResult(id: "skipped # SKIP", kind: "exec", status: .skip, summary: hostileText, durationMs: 0)
        let suite = SuiteReport(name: hostileText, file: hostileText, target: hostileText, started: started,
                                durationMs: 5, checks: [check, skipped])
        return RunReport(version: "0.1.0", started: started, durationMs: 5, hostname: hostileText, suites: [suite])
    }
}
