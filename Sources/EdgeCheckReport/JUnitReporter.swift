import EdgeCheckModel

/// The JUnit XML report for CI (`--format junit`, `--junit FILE`), valid against the Jenkins
/// xunit `junit-10.xsd`.
///
/// One `<testsuite>` per suite file. One `<testcase>` per check, or per subject when the check
/// fanned out (`ID [SUBJECT]`): a subject's testcase carries the worst of the findings naming it.
/// Findings that name no subject of the check go to one more testcase named `ID`, which also
/// appears when no subject explains the check's own status (so a failing check can never show
/// as green in CI). No testcase is worse than its check: with `severity: warn` a failed finding
/// reports as a warning, and a warning passes with its text in `<system-out>`.
///
/// Each testcase's `time` is its whole check's time, since a check examines its subjects
/// together. `timestamp` is UTC without a zone, as Ant writes it.
public struct JUnitReporter: Reporter {
    /// `--format junit`.
    public static let identifier = "junit"

    /// A JUnit reporter; it has no options.
    public init() {}

    /// The whole XML document, ending in a newline.
    public func render(_ report: RunReport) -> String {
        let suites = report.suites.map { suite in (suite, suite.checks.flatMap(Self.testCases(for:))) }
        let allCases = suites.flatMap(\.1)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites" + Self.attributes([
            ("name", "edgecheck"),
            ("tests", "\(allCases.count)"),
            ("failures", "\(allCases.count { $0.status == .fail })"),
            ("errors", "\(allCases.count { $0.status == .error })"),
            ("time", ReportFormatting.junitSeconds(ms: report.durationMs)),
        ]) + ">\n"
        for (index, (suite, cases)) in suites.enumerated() {
            xml += Self.render(suite: suite, index: index, cases: cases, report: report)
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// What one `<testcase>` says.
    struct TestCase {
        var name: String
        var classname: String
        var timeMs: Double
        var status: CheckStatus
        var summary: String
        var findings: [Finding]
        var measurements: [Measurement]
        var check: CheckResult
    }

    /// The testcases of one check, in the order of its subjects, the general one last.
    static func testCases(for check: CheckResult) -> [TestCase] {
        var subjects: [String] = []
        for subject in check.subjects where !subjects.contains(subject) {
            subjects.append(subject)
        }
        func make(_ name: String, _ status: CheckStatus, _ findings: [Finding], _ measurements: [Measurement]) -> TestCase {
            // The check's status is final (severity applied), so no part of it may look worse.
            let capped = status.severityRank > check.status.severityRank ? check.status : status
            return TestCase(name: name, classname: "edgecheck." + check.kind, timeMs: check.durationMs,
                            status: capped, summary: check.summary, findings: findings,
                            measurements: measurements, check: check)
        }
        guard !subjects.isEmpty else {
            return [make(check.id, check.status, check.findings, check.measurements)]
        }
        var cases = subjects.map { subject in
            let findings = check.findings.filter { $0.subject == subject }
            return make("\(check.id) [\(subject)]", CheckStatus.worst(findings.map(\.status)), findings,
                        check.measurements.filter { $0.subject == subject })
        }
        let rest = check.findings.filter { !subjects.contains($0.subject) }
        let explained = CheckStatus.worst(cases.map(\.status) + rest.map(\.status))
        let unexplained = check.status.severityRank > explained.severityRank
        if !rest.isEmpty || unexplained {
            let status = unexplained ? check.status : CheckStatus.worst(rest.map(\.status))
            cases.append(make(check.id, status, rest, check.measurements.filter { !subjects.contains($0.subject) }))
        }
        return cases
    }

    private static func render(suite: SuiteReport, index: Int, cases: [TestCase], report: RunReport) -> String {
        var xml = "  <testsuite" + attributes([
            ("name", suite.name),
            ("tests", "\(cases.count)"),
            ("failures", "\(cases.count { $0.status == .fail })"),
            ("errors", "\(cases.count { $0.status == .error })"),
            ("skipped", "\(cases.count { $0.status == .skip })"),
            ("time", ReportFormatting.junitSeconds(ms: suite.durationMs)),
            ("timestamp", ReportFormatting.junitTimestamp(suite.started)),
            ("hostname", report.hostname),
            ("id", "\(index)"),
            ("package", "edgecheck"),
            ("file", suite.file),
        ]) + ">\n"
        var properties: [(String, String)] = []
        if let target = suite.target {
            properties.append(("target", target))
        }
        properties.append(("edgecheck.version", report.version))
        let insecure = suite.checks.filter(\.insecure).map(\.id)
        if !insecure.isEmpty {
            properties.append(("insecure", "true"))
            properties.append(("insecure.checks", insecure.joined(separator: ",")))
        }
        var proxies: [String] = []
        for proxy in suite.checks.flatMap(\.proxies) where !proxies.contains(proxy) { proxies.append(proxy) }
        if !proxies.isEmpty {
            properties.append(("proxy", proxies.joined(separator: ",")))
        }
        xml += "    <properties>\n"
        for (name, value) in properties {
            xml += "      <property" + attributes([("name", name), ("value", value)]) + "/>\n"
        }
        xml += "    </properties>\n"
        for testCase in cases {
            xml += render(testCase)
        }
        xml += "  </testsuite>\n"
        return xml
    }

    private static func render(_ testCase: TestCase) -> String {
        var xml = "    <testcase" + attributes([
            ("name", testCase.name),
            ("classname", testCase.classname),
            ("time", ReportFormatting.junitSeconds(ms: testCase.timeMs)),
        ]) + ">\n"
        switch testCase.status {
        case .fail, .error:
            let element = testCase.status == .fail ? "failure" : "error"
            // The message names the first finding that carries the testcase's status.
            let primary = testCase.findings.first { $0.status == testCase.status }
                ?? testCase.findings.first { $0.status.severityRank >= testCase.status.severityRank }
            let message = primary.map(oneLine(of:)) ?? testCase.summary
            let type = primary?.failureClass?.rawValue ?? testCase.status.rawValue
            var body = testCase.findings.flatMap(Self.lines(of:))
            if body.isEmpty { body = [testCase.summary] }
            xml += "      <\(element)" + attributes([("message", message), ("type", type)]) + ">"
            xml += XMLText.content(body.joined(separator: "\n")) + "</\(element)>\n"
        case .skip:
            xml += "      <skipped" + attributes([("message", testCase.summary)]) + "/>\n"
        case .pass, .warn:
            break
        }
        xml += "      <system-out>" + XMLText.content(systemOut(of: testCase).joined(separator: "\n")) + "</system-out>\n"
        xml += "    </testcase>\n"
        return xml
    }

    /// The status and summary, the description, the insecure warning, the findings not already
    /// in a failure or error element, and the measurements.
    private static func systemOut(of testCase: TestCase) -> [String] {
        let check = testCase.check
        var lines = ["check \(check.status.rawValue): \(check.summary)"]
        if let description = check.description, !description.isEmpty {
            lines.append("description: " + description)
        }
        if check.insecure {
            lines.append("insecure: TLS verification was off for this check")
        }
        if testCase.status != .fail && testCase.status != .error {
            lines += testCase.findings.flatMap(Self.lines(of:))
        }
        for measurement in testCase.measurements {
            var line = "measurement \(measurement.name) = \(ReportFormatting.humanNumber(measurement.value))"
            if !measurement.unit.isEmpty { line += " " + measurement.unit }
            if !measurement.subject.isEmpty { line += " [\(measurement.subject)]" }
            var limits: [String] = []
            if let warn = measurement.warn { limits.append("warn " + warn) }
            if let critical = measurement.critical { limits.append("critical " + critical) }
            if let min = measurement.min { limits.append("min " + ReportFormatting.humanNumber(min)) }
            if let max = measurement.max { limits.append("max " + ReportFormatting.humanNumber(max)) }
            if !limits.isEmpty { line += " (" + limits.joined(separator: ", ") + ")" }
            lines.append(line)
        }
        return lines
    }

    /// `subject: message [class]`.
    private static func oneLine(of finding: Finding) -> String {
        var text = finding.subject.isEmpty ? finding.message : finding.subject + ": " + finding.message
        if let failureClass = finding.failureClass { text += " [\(failureClass.rawValue)]" }
        return text
    }

    /// `status subject: message [class]`, and the hint on a line of its own when one is known.
    private static func lines(of finding: Finding) -> [String] {
        [finding.status.rawValue + " " + oneLine(of: finding)] + (finding.hint.map { ["  hint: " + $0] } ?? [])
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(XMLText.attribute($0.1))\"" }.joined()
    }
}
