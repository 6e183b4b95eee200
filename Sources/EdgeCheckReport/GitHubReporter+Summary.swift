import EdgeCheckModel

extension GitHubReporter {
    /// The Markdown job summary: the counts, a table of every check per suite, and the
    /// findings of the checks that did not pass. Network text is escaped for Markdown and for
    /// the HTML GitHub allows in it, and kept on one line per cell.
    public func summary(_ report: RunReport) -> String {
        let worst = CheckStatus.worst(report.suites.flatMap(\.checks).map(\.status))
        var lines = ["## edgecheck: \(worst.rawValue) (\(HTMLReporter.countsLine(report.summary)))", ""]
        let insecure = report.suites.flatMap(\.checks).filter(\.insecure).map(\.id)
        if !insecure.isEmpty {
            lines.append("> **insecure**: TLS verification was off for " + insecure.map(Self.code).joined(separator: ", "))
            lines.append("")
        }
        for suite in report.suites {
            var title = "### " + Self.markdown(suite.name)
            if let target = suite.target { title += " · " + Self.code(target) }
            lines.append(title)
            lines.append("")
            lines.append("| status | check | kind | summary |")
            lines.append("| --- | --- | --- | --- |")
            for check in suite.checks {
                let marker = check.insecure ? " **insecure**" : ""
                lines.append("| \(Self.emoji(check.status)) \(check.status.rawValue) | \(Self.code(check.id))\(marker) "
                             + "| \(Self.markdown(check.kind)) | \(Self.markdown(check.summary)) |")
            }
            lines.append("")
            for check in suite.checks where check.status != .pass && check.status != .skip {
                let findings = check.findings.filter { $0.status != .pass && $0.status != .skip }
                guard !findings.isEmpty else { continue }
                lines.append("<details><summary>\(Self.markdown(check.id)): \(findings.count) "
                             + "\(findings.count == 1 ? "finding" : "findings")</summary>")
                lines.append("")
                for finding in findings {
                    let status = HTMLReporter.capped(finding.status, by: check.status).rawValue
                    var item = "- \(status)"
                    if !finding.subject.isEmpty { item += " " + Self.code(finding.subject) }
                    item += ": " + Self.markdown(finding.message)
                    if let failureClass = finding.failureClass { item += " (\(Self.markdown(failureClass.rawValue)))" }
                    lines.append(item)
                }
                lines.append("")
                lines.append("</details>")
                lines.append("")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func emoji(_ status: CheckStatus) -> String {
        switch status {
        case .pass: "✅"
        case .warn: "⚠️"
        case .fail: "❌"
        case .error: "💥"
        case .skip: "⏭️"
        }
    }

    /// Text that Markdown shows as it is, on one line: HTML escaped, Markdown's punctuation
    /// backslash-escaped, line breaks as spaces.
    static func markdown(_ text: String) -> String {
        var result = ""
        for character in XMLText.capped(text, limit: XMLText.attributeLimit) {
            switch character {
            case "\n", "\r\n", "\r", "\t": result += " "
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!":
                result += "\\" + String(character)
            default: result.append(character)
            }
        }
        // Markdown first, HTML second: the entities HTML escaping writes must stay whole.
        return HTMLText.escaped(result)
    }

    /// Text as inline code when it holds no backtick or bar; otherwise escaped plain text.
    static func code(_ text: String) -> String {
        // Line breaks as spaces, every other control as a visible escape.
        let oneLine = TerminalText.oneLine(String(text.map { $0.isNewline ? " " : $0 }))
        guard !oneLine.contains("`"), !oneLine.contains("|"), !oneLine.contains("<"), !oneLine.contains("&") else {
            return markdown(text)
        }
        return "`" + XMLText.capped(XMLText.stripped(oneLine), limit: XMLText.attributeLimit) + "`"
    }
}
