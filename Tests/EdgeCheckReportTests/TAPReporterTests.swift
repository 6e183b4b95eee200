import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct TAPReporterTests {
    @Test func matchesTheGoldenReport() throws {
        try GoldenFile.expect(TAPReporter().render(SampleRun.report()), matches: "report.tap")
    }

    @Test func planCountsEveryCheckOnce() {
        let lines = TAPReporter().render(SampleRun.report()).split(separator: "\n")
        #expect(lines.first == "TAP version 13")
        #expect(lines[1] == "1..8")
        let tests = lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("not ok ") }
        #expect(tests.count == 8)
        #expect(tests.filter { $0.hasPrefix("not ok ") }.count == 3, "fail, fail, error")
        #expect(tests.contains("ok 8 - legacy # SKIP skipped by --skip"))
        #expect(tests.contains("ok 3 - http-redirect"), "a warning does not fail")
    }

    @Test func hostileTextCannotForgeTestLines() {
        let tap = TAPReporter().render(SampleRun.hostileReport())
        let lines = tap.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines[1] == "1..2")
        for line in lines {
            let allowed = line.hasPrefix("TAP version 13") || line.hasPrefix("1..") || line.hasPrefix("ok ")
                || line.hasPrefix("not ok ") || line.hasPrefix("#") || line.hasPrefix("  ")
            #expect(allowed, "unexpected TAP line: \(line.prefix(120))")
        }
        #expect(lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("not ok ") }.count == 2)
        #expect(tap.contains("not ok 1 - evil\\\\n\\# id\n"), "a line break in an id is shown escaped, TAP-style")
        #expect(tap.contains("ok 2 - skipped \\# SKIP # SKIP "))
        #expect(!tap.contains("\u{1B}") && !tap.contains("\u{0}") && !tap.contains("\r"))
    }

    @Test func yamlStringsAreQuotedOnOneLine() {
        #expect(TAPReporter.yamlQuoted("a\"b\\c\nd\u{0}e\u{2028}") == "\"a\\\"b\\\\c\\nd\\0e\\L\"")
        #expect(TAPReporter.yamlQuoted("😀 ok") == "\"😀 ok\"")
    }
}
