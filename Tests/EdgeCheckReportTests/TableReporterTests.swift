import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct TableReporterTests {
    @Test func matchesTheGoldenTable() throws {
        try GoldenFile.expect(TableReporter().render(SampleRun.report()), matches: "table.txt")
    }

    @Test func matchesTheGoldenColouredTable() throws {
        try GoldenFile.expect(TableReporter(colors: true).render(SampleRun.report()), matches: "table-color.txt")
    }

    @Test func matchesTheGoldenVerboseTable() throws {
        try GoldenFile.expect(TableReporter(verbose: true).render(SampleRun.report()), matches: "table-verbose.txt")
    }

    @Test func columnsLineUpWhateverTheContent() {
        var report = SampleRun.report()
        report.suites[0].checks[0].summary = "✓ 2 addresses 😀 界"
        let rows = TableReporter().render(report).split(separator: "\n").map(String.init)
            .filter { line in CheckStatus.allCases.contains { line.hasPrefix($0.rawValue + " ") } || line.hasPrefix("STATUS") }
        #expect(rows.count == 9)
        let widths = Set(rows.map(\.displayWidth))
        #expect(widths.count == 1, "rows end at different columns: \(rows)")
        let kindColumn = Set(rows.map { row in
            let kind = ["KIND", "static-ip", "certificate", "redirect", "tls-timing", "xff-echo", "exec"]
                .compactMap { row.range(of: "  \($0) ") }.first!
            return String(row[..<kind.lowerBound]).displayWidth
        })
        #expect(kindColumn.count == 1, "the KIND column starts at one column")
    }

    @Test func aMessageThatNamesItsSubjectIsNotPrefixedAgain() {
        var report = SampleRun.report()
        report.suites[0].checks[1].findings[1].message = "127.0.10.2:8443 serves an expired certificate"
        let table = TableReporter().render(report)
        #expect(table.contains("        127.0.10.2:8443 serves an expired certificate [cert-expired]\n"))
        #expect(!table.contains("127.0.10.2: 127.0.10.2"))
    }

    @Test func everyNonPassRowListsItsNonPassFindings() {
        let table = TableReporter().render(SampleRun.report())
        #expect(table.contains("        127.0.10.2: leaf expired 3 days ago (not after 2026-11-23T00:00:00Z) [cert-expired]\n"))
        #expect(table.contains("        127.0.10.1: expires in 20 days (warn-days 30)\n"))
        #expect(table.contains("        the canary reply is not JSON: unexpected character 'h' at 1\n"))
        #expect(!table.contains("serves TLS"), "a passing finding is only shown with verbose")
    }

    @Test func insecureIsMarkedOnTheRowAndAtTheEnd() {
        let table = TableReporter().render(SampleRun.report())
        let row = table.split(separator: "\n").first { $0.contains(" hops ") }
        #expect(row?.contains("[insecure] 2 hops within budget") == true)
        #expect(table.contains("insecure: TLS verification was off in 1 check: hops\n"))
    }

    @Test func closesWithTheCounts() {
        let table = TableReporter().render(SampleRun.report())
        #expect(table.hasSuffix("8 checks: 2 passed, 2 warned, 2 failed, 1 error, 1 skipped in 3.2s\n"
                                + "insecure: TLS verification was off in 1 check: hops\n"))
    }

    @Test func coloursOnlyWhenAsked() {
        #expect(!TableReporter(colors: false).render(SampleRun.report()).contains("\u{1B}"))
        let coloured = TableReporter(colors: true).render(SampleRun.report())
        #expect(coloured.contains("\u{1B}[1;31mfail  \u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32mpass  \u{1B}[0m"))
    }

    @Test func hostileTextCannotReachTheTerminal() {
        let table = TableReporter(verbose: true).render(SampleRun.hostileReport())
        #expect(!table.contains("\u{1B}"))
        #expect(!table.contains("\u{0}"))
        #expect(!table.contains("\u{202E}"))
        #expect(!table.contains("\r"))
        #expect(table.contains("ESC\\x1B[2J"))
        // The id's line break is shown, not obeyed: the row still starts with its status.
        #expect(table.contains("\nfail    evil\\n# id "))
    }

    @Test func truncatesTheSummaryOnlyToAGivenWidth() {
        let report = SampleRun.report()
        let narrow = TableReporter(width: 80).render(report)
        for line in narrow.split(separator: "\n") where CheckStatus.allCases.contains(where: { line.hasPrefix($0.rawValue + " ") }) {
            #expect(String(line).displayWidth <= 80, "\(line)")
        }
        #expect(narrow.contains("…"))
        #expect(!TableReporter().render(report).contains("…"))
    }

    @Test func durationsReadNaturally() {
        #expect(ReportFormatting.humanDuration(ms: 850.4) == "850ms")
        #expect(ReportFormatting.humanDuration(ms: 3_204.75) == "3.2s")
        #expect(ReportFormatting.humanDuration(ms: 125_000) == "2m05s")
    }
}
