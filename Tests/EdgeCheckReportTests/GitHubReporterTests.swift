import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct GitHubReporterTests {
    @Test func matchesTheGoldenCommands() throws {
        try GoldenFile.expect(GitHubReporter().render(SampleRun.report()), matches: "report.github.txt")
    }

    @Test func matchesTheGoldenSummary() throws {
        try GoldenFile.expect(GitHubReporter().summary(SampleRun.report()), matches: "report.github-summary.md")
    }

    @Test func oneCommandPerFindingTitledByIdAndSubject() {
        let lines = GitHubReporter().render(SampleRun.report()).split(separator: "\n")
        #expect(lines.contains("::warning title=front-cert [127.0.10.1]::expires in 20 days (warn-days 30)"))
        #expect(lines.contains("::error title=front-cert [127.0.10.2]::leaf expired 3 days ago "
                               + "(not after 2026-11-23T00%3A00%3A00Z) [cert-expired]") == false,
                "a message keeps its colons")
        #expect(lines.contains("::error title=front-cert [127.0.10.2]::leaf expired 3 days ago "
                               + "(not after 2026-11-23T00:00:00Z) [cert-expired]"))
        #expect(lines.contains { $0.hasPrefix("::warning title=http-redirect [127.0.10.1]::") },
                "severity warn: a failed finding is a warning")
        #expect(lines.contains("::error title=backup::BACKUP CRITICAL - last run 3 days ago"),
                "a failed check without findings still gets one")
        #expect(!lines.contains { $0.contains("egress-ips") }, "passing checks make no annotation")
        #expect(lines.last == "edgecheck: 2 passed, 2 warned, 2 failed, 1 errored, 1 skipped")
    }

    @Test func hostileTextStaysOnOneCommandLine() {
        let output = GitHubReporter().render(SampleRun.hostileReport())
        for line in output.split(separator: "\n") {
            #expect(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("edgecheck: "),
                    "unexpected line: \(line.prefix(80))")
        }
        #expect(!output.contains("\r") && !output.contains("\u{1B}"))
        #expect(output.contains("title=evil%0A# id [NUL BEL ESC[2J[31m red ]]> <script>alert(1)</script> & \"quoted\" 'single'"))
        #expect(GitHubReporter.escapedProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }

    @Test func summaryEscapesMarkdownAndHTML() {
        let summary = GitHubReporter().summary(SampleRun.hostileReport())
        #expect(!summary.contains("<script>"))
        #expect(summary.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(GitHubReporter.markdown("a|b *c* <i> &#") == "a\\|b \\*c\\* &lt;i&gt; &amp;\\#")
    }
}
