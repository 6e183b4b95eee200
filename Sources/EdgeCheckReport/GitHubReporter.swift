import EdgeCheckModel

/// GitHub Actions workflow commands (`--format github`): one `::error` (fail, error) or
/// `::warning` (warn) per finding, titled `ID [SUBJECT]`, then one plain line with the counts.
/// `summary(_:)` is the Markdown job summary the command line appends to `GITHUB_STEP_SUMMARY`.
///
/// A finding never shows worse than its check (with `severity: warn` a failed finding is a
/// warning), and a check that did not pass but has no finding of its status gets one command of
/// its own, so the annotations never look greener than the exit code. Network text is escaped as
/// the runner expects (`%`, CR and LF in the message; `:` and `,` as well in the title), so it
/// stays on one line and can never start a command of its own.
public struct GitHubReporter: Reporter {
    /// `--format github`.
    public static let identifier = "github"

    /// A GitHub reporter; it has no options.
    public init() {}

    /// The workflow commands, ending in a newline.
    public func render(_ report: RunReport) -> String {
        var lines: [String] = []
        for suite in report.suites {
            for check in suite.checks {
                lines += Self.commands(for: check)
            }
        }
        let summary = report.summary
        lines.append("edgecheck: \(HTMLReporter.countsLine(summary))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The commands for one check.
    static func commands(for check: CheckResult) -> [String] {
        guard check.status == .fail || check.status == .error || check.status == .warn else { return [] }
        var lines: [String] = []
        var explained = false
        for finding in check.findings {
            let status = HTMLReporter.capped(finding.status, by: check.status)
            guard let command = command(for: status) else { continue }
            if status == check.status { explained = true }
            let title = finding.subject.isEmpty ? check.id : "\(check.id) [\(finding.subject)]"
            var message = finding.message
            if let failureClass = finding.failureClass { message += " [\(failureClass.rawValue)]" }
            lines.append(line(command, title: title, message: message))
        }
        if !explained, let command = command(for: check.status) {
            lines.append(line(command, title: check.id, message: check.summary))
        }
        return lines
    }

    private static func command(for status: CheckStatus) -> String? {
        switch status {
        case .fail, .error: "error"
        case .warn: "warning"
        case .pass, .skip: nil
        }
    }

    private static func line(_ command: String, title: String, message: String) -> String {
        "::\(command) title=\(escapedProperty(title))::\(escapedData(message))"
    }

    /// A command's message: `%`, CR and LF encoded as the runner decodes them; tabs, DEL and C1
    /// controls, which it would pass to the log raw, as visible escapes (`\t`, `\x9B`).
    static func escapedData(_ text: String) -> String {
        var result = ""
        for scalar in XMLText.capped(XMLText.stripped(text), limit: XMLText.attributeLimit).unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case "\t", "\u{7F}"..."\u{9F}": result += TerminalText.oneLine(String(scalar))
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A property value: as a message, and `:` and `,` too, which end a property.
    static func escapedProperty(_ text: String) -> String {
        escapedData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
