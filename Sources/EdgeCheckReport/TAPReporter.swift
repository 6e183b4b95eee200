import Foundation
import EdgeCheckModel

/// The Test Anything Protocol report, version 13 (`--format tap`): one test line per check.
///
/// `pass` and `warn` are `ok` (a warning does not fail, as in every other format), `fail` and
/// `error` are `not ok`, `skip` is `ok … # SKIP reason`. TAP's `TODO` means an expected failure,
/// which is not what a warning is, so it is not used. Every check that did not pass, or ran with
/// TLS verification off, gets a YAML diagnostic block (status, kind, summary, its non-pass
/// findings, insecure); a warning or an insecure run also gets a `#` comment line, which TAP
/// harnesses show even when they ignore YAML.
public struct TAPReporter: Reporter {
    /// `--format tap`.
    public static let identifier = "tap"

    /// A TAP reporter; it has no options.
    public init() {}

    /// The TAP stream: version, plan, one test line per check in report order, a closing comment.
    public func render(_ report: RunReport) -> String {
        let total = report.suites.reduce(0) { $0 + $1.checks.count }
        var lines = ["TAP version 13", "1..\(total)"]
        var number = 0
        for suite in report.suites {
            var title = "# suite " + TerminalText.oneLine(suite.name)
            if !suite.file.isEmpty { title += " (" + TerminalText.oneLine(suite.file) + ")" }
            lines.append(title)
            for check in suite.checks {
                number += 1
                lines += Self.lines(for: check, number: number)
            }
        }
        for proxy in report.proxies {
            lines.append("# proxy: connections went through " + TerminalText.oneLine(proxy))
        }
        let summary = report.summary
        lines.append("# \(total) \(total == 1 ? "check" : "checks"): \(summary.passed) passed, \(summary.warned) warned, \(summary.failed) failed, "
                     + "\(summary.errored) \(summary.errored == 1 ? "error" : "errors"), \(summary.skipped) skipped")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func lines(for check: CheckResult, number: Int) -> [String] {
        let ok = check.status == .fail || check.status == .error ? "not ok" : "ok"
        var testLine = "\(ok) \(number) - \(description(check.id))"
        if check.status == .skip {
            testLine += " # SKIP " + description(check.summary)
        }
        var lines = [testLine]
        guard check.status != .pass || check.insecure else { return lines }

        lines.append("  ---")
        lines.append("  status: \(check.status.rawValue)")
        lines.append("  kind: " + yamlQuoted(check.kind))
        lines.append("  summary: " + yamlQuoted(check.summary))
        lines.append("  duration_ms: " + ReportFormatting.jsonMilliseconds(check.durationMs))
        if check.insecure {
            lines.append("  insecure: true")
        }
        let findings = check.findings.filter { $0.status != .pass }
        if !findings.isEmpty {
            lines.append("  findings:")
            for finding in findings {
                lines.append("    - status: \(finding.status.rawValue)")
                lines.append("      subject: " + yamlQuoted(finding.subject))
                if let failureClass = finding.failureClass {
                    lines.append("      class: " + yamlQuoted(failureClass.rawValue))
                }
                lines.append("      message: " + yamlQuoted(finding.message))
            }
        }
        lines.append("  ...")
        if check.status == .warn {
            lines.append("# warn: \(description(check.id)): " + TerminalText.oneLine(check.summary))
        }
        if check.insecure {
            lines.append("# insecure: \(description(check.id)) ran with TLS verification off")
        }
        return lines
    }

    /// Text for a test line: one line, and `#` escaped so it cannot start a directive.
    private static func description(_ text: String) -> String {
        TerminalText.oneLine(text)
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "#", with: "\\#")
    }

    /// A YAML double-quoted scalar on one line: every character YAML does not print, and the
    /// characters YAML 1.1 reads as line breaks, written as escapes.
    static func yamlQuoted(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append("\"")
        for scalar in text.unicodeScalars {
            let escape: String?
            switch scalar.value {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x00: escape = "\\0"
            case 0x09: escape = "\\t"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x85: escape = "\\N"
            case 0x2028: escape = "\\L"
            case 0x2029: escape = "\\P"
            case 0..<0x20, 0x7F...0x9F: escape = "\\x" + hex(scalar.value, digits: 2)
            case 0xFEFF, 0xFFFE, 0xFFFF: escape = "\\u" + hex(scalar.value, digits: 4)
            default: escape = nil
            }
            if let escape {
                result.append(contentsOf: escape.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        result.append("\"")
        return String(result)
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
