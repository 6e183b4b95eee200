import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct PluginOutputTests {
    @Test func summaryIsTheFirstLineBeforeTheBar() {
        let output = PluginOutput("DISK OK - 80% free | free=80%;20;10\n")
        #expect(output.summary == "DISK OK - 80% free")
        #expect(output.perfData == "free=80%;20;10")
        #expect(output.longText.isEmpty)
    }

    @Test func longTextEndsAtTheFirstLaterBarAndPerfDataContinuesAfterIt() {
        let text = """
            OK - all good | a=1
            first detail
            second detail | b=2
            c=3
            d=4
            """
        let output = PluginOutput(text)
        #expect(output.summary == "OK - all good")
        #expect(output.longText == ["first detail", "second detail "])
        #expect(output.perfData == "a=1 b=2 c=3 d=4")
    }

    @Test func controlCharactersCannotReachTheSummary() {
        let output = PluginOutput("\u{1B}[31mCRITICAL\u{07}\u{8} now\r\nmore")
        #expect(output.summary == "[31mCRITICAL   now")
        #expect(output.longText == ["more"])
    }

    @Test func emptyOutputHasAnEmptySummary() {
        #expect(PluginOutput("").summary == "")
        #expect(PluginOutput("").perfData == "")
    }
}
