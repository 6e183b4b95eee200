import EdgeCheckModel

/// One self-contained HTML page for people (`--html FILE`): the run's counts, every check with
/// its status, summary and findings, a row per subject (address or hop), the certificates each
/// address served, and the tls-timing waterfall as SVG. A check that ran with TLS verification
/// off is marked `insecure` in its heading and named in a banner at the top.
///
/// The page loads nothing: the style is inline and a Content-Security-Policy forbids every
/// script, fetch and remote resource, so even a mistake in escaping could not make it run code.
/// Every string from a result goes through `HTMLText`.
public struct HTMLReporter: Reporter {
    /// `--format html`; `--html FILE` writes the same page to a file.
    public static let identifier = "html"

    /// An HTML reporter; it has no options, so the page is the same wherever it is written.
    public init() {}

    /// The whole page, ending in a newline.
    public func render(_ report: RunReport) -> String {
        var page = HTMLPage()
        let summary = report.summary
        let worst = CheckStatus.worst(report.suites.flatMap(\.checks).map(\.status))
        page.line("<!DOCTYPE html>")
        page.line("<html lang=\"en\">")
        page.line("<head>")
        page.line("<meta charset=\"utf-8\">")
        page.line("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        page.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.line("<title>edgecheck: \(worst.rawValue) – \(HTMLText.escaped(Self.countsLine(summary)))</title>")
        page.line("<style>\n\(Self.styleSheet)\n</style>")
        page.line("</head>")
        page.line("<body>")
        page.line("<header>")
        page.line("<h1>edgecheck report</h1>")
        page.line("<p class=\"meta\">Started \(Self.text(ReportFormatting.rfc3339(report.started))) on "
                  + "<span class=\"mono\">\(Self.text(report.hostname))</span>, took "
                  + "\(ReportFormatting.humanDuration(ms: report.durationMs)), edgecheck \(Self.text(report.version))</p>")
        page.line("<ul class=\"counts\" id=\"summary\">")
        for (status, count) in Self.counts(summary) {
            page.line("<li><span class=\"status \(status.rawValue)\">\(status.rawValue)</span> \(count)</li>")
        }
        page.line("</ul>")
        if report.interrupted {
            page.line("<p class=\"banner\"><strong>Interrupted:</strong> the checks that had not finished are "
                      + "reported as error.</p>")
        }
        let insecure = report.suites.flatMap(\.checks).filter(\.insecure).map(\.id)
        if !insecure.isEmpty {
            let names = insecure.map { "<code>\(Self.text($0))</code>" }.joined(separator: ", ")
            page.line("<p class=\"banner\" id=\"insecure\"><span class=\"insecure\">insecure</span> "
                      + "TLS verification was off for: \(names)</p>")
        }
        page.line("</header>")
        page.line("<main>")
        for suite in report.suites {
            render(suite, into: &page)
        }
        page.line("</main>")
        page.line("<footer>Written by edgecheck \(Self.text(report.version)). This page loads nothing from the network.</footer>")
        page.line("</body>")
        page.line("</html>")
        return page.text
    }

    private func render(_ suite: SuiteReport, into page: inout HTMLPage) {
        page.line("<section class=\"suite\">")
        page.line("<h2>\(Self.text(suite.name))</h2>")
        var meta = suite.file.isEmpty ? "built-in suite" : "<span class=\"mono\">\(Self.text(suite.file))</span>"
        if let target = suite.target { meta += " · target <span class=\"mono\">\(Self.text(target))</span>" }
        meta += " · \(HTMLText.escaped(Self.countsLine(suite.summary)))"
        page.line("<p class=\"meta\">\(meta)</p>")
        for check in suite.checks {
            render(check, into: &page)
        }
        page.line("</section>")
    }

    private func render(_ check: CheckResult, into page: inout HTMLPage) {
        let status = check.status.rawValue
        page.line("<article class=\"check \(status)\" id=\"check-\(HTMLText.token(check.id))\">")
        var heading = "<h3><span class=\"status \(status)\">\(status)</span> <code class=\"check-id\">"
            + "\(Self.text(check.id))</code> <span class=\"kind\">\(Self.text(check.kind))</span>"
        if check.insecure { heading += " <span class=\"insecure\">insecure</span>" }
        heading += " <span class=\"time\">\(ReportFormatting.humanDuration(ms: check.durationMs))</span></h3>"
        page.line(heading)
        page.line("<p class=\"summary\">\(Self.text(check.summary))</p>")
        if let description = check.description, !description.isEmpty {
            page.line("<p class=\"meta\">\(Self.text(description))</p>")
        }
        renderSubjects(of: check, into: &page)
        let presentation = check.data as? any CheckPresentation
        if let chains = presentation?.certificateChains, !chains.isEmpty {
            Self.renderChains(chains, into: &page)
        }
        if let waterfall = presentation?.waterfall, !waterfall.rows.isEmpty {
            Self.renderWaterfall(waterfall, into: &page)
        }
        renderMeasurements(of: check, into: &page)
        page.line("</article>")
    }

    /// A row per subject with its worst finding's status (never worse than the check's, which
    /// has severity applied) and its findings; then the findings that name no subject.
    private func renderSubjects(of check: CheckResult, into page: inout HTMLPage) {
        var subjects: [String] = []
        for subject in check.subjects where !subjects.contains(subject) { subjects.append(subject) }
        let general = check.findings.filter { !subjects.contains($0.subject) }
        if !subjects.isEmpty {
            page.line("<table class=\"subjects\">")
            page.line("<thead><tr><th>status</th><th>subject</th><th>findings</th></tr></thead>")
            page.line("<tbody>")
            for subject in subjects {
                let findings = check.findings.filter { $0.subject == subject }
                let status = Self.capped(CheckStatus.worst(findings.map(\.status)), by: check.status).rawValue
                let text = findings.map(Self.findingText).joined(separator: "<br>")
                page.line("<tr class=\"subject\"><td><span class=\"status \(status)\">\(status)</span></td>"
                          + "<td><code>\(Self.text(subject))</code></td><td>\(text)</td></tr>")
            }
            page.line("</tbody>")
            page.line("</table>")
        }
        if !general.isEmpty {
            page.line("<ul class=\"findings\">")
            for finding in general {
                let status = Self.capped(finding.status, by: check.status).rawValue
                var item = "<li><span class=\"status \(status)\">\(status)</span> "
                if !finding.subject.isEmpty { item += "<code>\(Self.text(finding.subject))</code>: " }
                page.line(item + Self.findingText(finding) + "</li>")
            }
            page.line("</ul>")
        }
    }

    private func renderMeasurements(of check: CheckResult, into page: inout HTMLPage) {
        guard !check.measurements.isEmpty else { return }
        page.line("<details class=\"measurements\"><summary>\(check.measurements.count) "
                  + "\(check.measurements.count == 1 ? "measurement" : "measurements")</summary>")
        page.line("<table>")
        page.line("<thead><tr><th>name</th><th>subject</th><th>value</th><th>limits</th></tr></thead>")
        page.line("<tbody>")
        for measurement in check.measurements {
            var value = ReportFormatting.humanNumber(measurement.value)
            if !measurement.unit.isEmpty { value += " " + measurement.unit }
            var limits: [String] = []
            if let warn = measurement.warn { limits.append("warn " + warn) }
            if let critical = measurement.critical { limits.append("critical " + critical) }
            if let min = measurement.min { limits.append("min " + ReportFormatting.humanNumber(min)) }
            if let max = measurement.max { limits.append("max " + ReportFormatting.humanNumber(max)) }
            page.line("<tr><td><code>\(Self.text(measurement.name))</code></td><td><code>\(Self.text(measurement.subject))"
                      + "</code></td><td class=\"number\">\(Self.text(value))</td><td>\(Self.text(limits.joined(separator: ", ")))</td></tr>")
        }
        page.line("</tbody>")
        page.line("</table>")
        page.line("</details>")
    }

    /// `message [class]`, escaped.
    static func findingText(_ finding: Finding) -> String {
        var text = text(finding.message)
        if let failureClass = finding.failureClass {
            text += " <code class=\"class\">[\(Self.text(failureClass.rawValue))]</code>"
        }
        return text
    }

    /// No part of a check looks worse than the check: with `severity: warn` a failed finding
    /// shows as a warning.
    static func capped(_ status: CheckStatus, by check: CheckStatus) -> CheckStatus {
        status.severityRank > check.severityRank ? check : status
    }

    static func counts(_ summary: RunSummary) -> [(CheckStatus, Int)] {
        [(.pass, summary.passed), (.warn, summary.warned), (.fail, summary.failed), (.error, summary.errored),
         (.skip, summary.skipped)]
    }

    /// `2 passed, 1 failed`.
    static func countsLine(_ summary: RunSummary) -> String {
        let words: [(Int, String)] = [(summary.passed, "passed"), (summary.warned, "warned"), (summary.failed, "failed"),
                                      (summary.errored, "errored"), (summary.skipped, "skipped")]
        let parts = words.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "no checks" : parts.joined(separator: ", ")
    }

    /// Escaped text: the one door through which a result's strings reach the page.
    static func text(_ value: String) -> String {
        HTMLText.escaped(value)
    }
}

/// The page as it is written, line by line, into one buffer.
struct HTMLPage {
    private(set) var text = ""

    mutating func line(_ line: String) {
        text += line
        text += "\n"
    }
}
