import EdgeCheckModel

/// The report for people at a terminal: one aligned row per check (STATUS, ID, KIND, SUMMARY,
/// TIME), what went wrong under every row that did not pass, and a closing count.
///
/// Everything a check produced is printed through `TerminalText.oneLine`, so output from the
/// network or a plugin cannot move the cursor, recolour the terminal or fake a row.
public struct TableReporter: Reporter {
    /// `--format table`, the default.
    public static let identifier = "table"

    /// ANSI colours per status.
    public var colors: Bool
    /// Every finding and measurement under every row, not only the non-pass findings.
    public var verbose: Bool
    /// Fit rows into this many columns by shortening the summary; nil never truncates.
    public var width: Int?

    /// A table reporter; by default plain, non-pass details only, never truncated.
    public init(colors: Bool = false, verbose: Bool = false, width: Int? = nil) {
        self.colors = colors
        self.verbose = verbose
        self.width = width
    }

    /// The marker put before the summary of a check that ran with TLS verification off.
    static let insecureMarker = "[insecure]"
    private static let gap = "  "
    private static let headers = (status: "STATUS", id: "ID", kind: "KIND", summary: "SUMMARY", time: "TIME")

    /// The table, the closing count and the insecure note, ending in a newline.
    public func render(_ report: RunReport) -> String {
        let rows = report.suites.map { suite in suite.checks.map(Row.init) }
        let allRows = rows.flatMap { $0 }
        var widths = (
            status: Self.headers.status.displayWidth,
            id: Self.headers.id.displayWidth,
            kind: Self.headers.kind.displayWidth,
            summary: Self.headers.summary.displayWidth,
            time: Self.headers.time.displayWidth
        )
        for row in allRows {
            widths.status = max(widths.status, row.status.rawValue.displayWidth)
            widths.id = max(widths.id, row.id.displayWidth)
            widths.kind = max(widths.kind, row.kind.displayWidth)
            widths.summary = max(widths.summary, row.summaryWidth)
            widths.time = max(widths.time, row.time.displayWidth)
        }
        if let width {
            let fixed = widths.status + widths.id + widths.kind + widths.time + 4 * Self.gap.count
            widths.summary = min(widths.summary, max(Self.headers.summary.count, width - fixed))
        }
        let detailIndent = String(repeating: " ", count: widths.status + Self.gap.count)

        var lines: [String] = []
        let header = [
            pad(Self.headers.status, to: widths.status),
            pad(Self.headers.id, to: widths.id),
            pad(Self.headers.kind, to: widths.kind),
            pad(Self.headers.summary, to: widths.summary),
            padLeft(Self.headers.time, to: widths.time),
        ].joined(separator: Self.gap)
        lines.append(style(header, "1"))

        for (suite, suiteRows) in zip(report.suites, rows) {
            if report.suites.count > 1 {
                lines.append(style(suiteTitle(suite), "1"))
            }
            for row in suiteRows {
                lines.append(line(for: row, widths: widths))
                for detail in details(for: row.result) {
                    lines.append(detailIndent + detail)
                }
                for extra in TableWaterfall.lines(for: row.result, colors: colors) {
                    lines.append(detailIndent + extra)
                }
            }
        }

        lines.append("")
        lines.append(closingLine(report))
        for proxy in report.proxies {
            lines.append("proxy: connections went through \(TerminalText.oneLine(proxy))")
        }
        let insecure = report.suites.flatMap(\.checks).filter(\.insecure)
        if !insecure.isEmpty {
            let ids = insecure.map { TerminalText.oneLine($0.id) }.joined(separator: ", ")
            let noun = insecure.count == 1 ? "check" : "checks"
            lines.append(style("insecure: TLS verification was off in \(insecure.count) \(noun): \(ids)", "1;33"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One check as the table shows it, every field already made safe for the terminal.
    private struct Row {
        var result: CheckResult
        var status: CheckStatus
        var id: String
        var kind: String
        var summary: String
        var time: String

        init(_ result: CheckResult) {
            self.result = result
            status = result.status
            id = TerminalText.oneLine(result.id)
            kind = TerminalText.oneLine(result.kind)
            summary = TerminalText.oneLine(result.summary)
            time = ReportFormatting.humanDuration(ms: result.durationMs)
        }

        var summaryWidth: Int {
            result.insecure ? TableReporter.insecureMarker.displayWidth + 1 + summary.displayWidth : summary.displayWidth
        }
    }

    private func line(for row: Row, widths: (status: Int, id: Int, kind: Int, summary: Int, time: Int)) -> String {
        var summaryCell: String
        if row.result.insecure {
            let room = widths.summary - Self.insecureMarker.displayWidth - 1
            let text = TerminalText.truncated(row.summary, toColumns: max(0, room))
            summaryCell = style(Self.insecureMarker, "1;33") + " " + text
            summaryCell += String(repeating: " ", count: max(0, room - text.displayWidth))
        } else {
            summaryCell = pad(TerminalText.truncated(row.summary, toColumns: widths.summary), to: widths.summary)
        }
        return [
            style(pad(row.status.rawValue, to: widths.status), Self.colorCode(row.status)),
            pad(row.id, to: widths.id),
            pad(row.kind, to: widths.kind),
            summaryCell,
            padLeft(row.time, to: widths.time),
        ].joined(separator: Self.gap)
    }

    /// The lines under a row: the non-pass findings of a non-pass check, or with `verbose` every
    /// finding, measurement and the description of every check.
    private func details(for result: CheckResult) -> [String] {
        var details: [String] = []
        if verbose {
            if let description = result.description, !description.isEmpty {
                details.append(TerminalText.oneLine(description))
            }
            for finding in result.findings {
                details.append(style(finding.status.rawValue, Self.colorCode(finding.status)) + " " + text(of: finding))
                if let hint = finding.hint, finding.status != .pass {
                    details.append("  hint: " + TerminalText.oneLine(hint))
                }
            }
            for measurement in result.measurements {
                details.append(text(of: measurement))
            }
        } else if result.status != .pass {
            for finding in result.findings where finding.status != .pass {
                details.append(style(text(of: finding), Self.colorCode(finding.status)))
            }
        }
        return details
    }

    /// `subject: message [class]`, leaving out what is empty. Messages that already begin with
    /// their subject (most name their address) are not prefixed again.
    private func text(of finding: Finding) -> String {
        let prefixed = finding.subject.isEmpty || finding.message.hasPrefix(finding.subject)
        var text = prefixed ? "" : TerminalText.oneLine(finding.subject) + ": "
        text += TerminalText.oneLine(finding.message)
        if let failureClass = finding.failureClass {
            text += " [" + TerminalText.oneLine(failureClass.rawValue) + "]"
        }
        return text
    }

    /// `name = value unit [subject]`.
    private func text(of measurement: Measurement) -> String {
        var text = TerminalText.oneLine(measurement.name) + " = " + ReportFormatting.humanNumber(measurement.value)
        if !measurement.unit.isEmpty { text += " " + TerminalText.oneLine(measurement.unit) }
        if !measurement.subject.isEmpty { text += " [" + TerminalText.oneLine(measurement.subject) + "]" }
        return text
    }

    private func suiteTitle(_ suite: SuiteReport) -> String {
        var title = "suite " + TerminalText.oneLine(suite.name)
        if !suite.file.isEmpty { title += " (" + TerminalText.oneLine(suite.file) + ")" }
        if let target = suite.target { title += " → " + TerminalText.oneLine(target) }
        return title
    }

    /// "6 checks: 4 passed, 1 warned, 1 failed, 0 errors, 0 skipped in 3.2s"
    private func closingLine(_ report: RunReport) -> String {
        let summary = report.summary
        let total = summary.passed + summary.warned + summary.failed + summary.errored + summary.skipped
        let counts = [
            count(summary.passed, "passed", .pass),
            count(summary.warned, "warned", .warn),
            count(summary.failed, "failed", .fail),
            count(summary.errored, summary.errored == 1 ? "error" : "errors", .error),
            count(summary.skipped, "skipped", .skip),
        ].joined(separator: ", ")
        let noun = total == 1 ? "check" : "checks"
        return "\(total) \(noun): \(counts) in \(ReportFormatting.humanDuration(ms: report.durationMs))"
    }

    private func count(_ value: Int, _ word: String, _ status: CheckStatus) -> String {
        let text = "\(value) \(word)"
        return value > 0 && status != .pass ? style(text, Self.colorCode(status)) : text
    }

    private static func colorCode(_ status: CheckStatus) -> String {
        switch status {
        case .pass: "32"
        case .warn: "33"
        case .fail: "1;31"
        case .error: "1;35"
        case .skip: "2"
        }
    }

    private func style(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.displayWidth))
    }

    private func padLeft(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.displayWidth)) + text
    }
}
