import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct PerfDataParserTests {
    @Test func readsTheFullForm() {
        let parsed = PerfDataParser.parse("time=0.25s;1;2;0;10 size=512B;;;0")
        #expect(parsed.ignored.isEmpty)
        #expect(parsed.measurements == [
            Measurement(name: "time", value: 0.25, unit: "s", warn: "1", critical: "2", min: 0, max: 10),
            Measurement(name: "size", value: 512, unit: "B", min: 0),
        ])
    }

    @Test func readsQuotedLabelsWithSpacesAndQuotes() {
        let parsed = PerfDataParser.parse("'free space /var'=80% 'it''s'=3c")
        #expect(parsed.measurements.map(\.name) == ["free space /var", "it's"])
        #expect(parsed.measurements.map(\.unit) == ["%", "c"])
    }

    @Test(arguments: ["s", "ms", "us", "%", "B", "KB", "MB", "GB", "TB", "c", ""])
    func acceptsEveryUnit(unit: String) {
        let parsed = PerfDataParser.parse("x=1.5\(unit)")
        #expect(parsed.measurements == [Measurement(name: "x", value: 1.5, unit: unit)])
    }

    @Test func keepsThresholdRangesAsWritten() {
        let parsed = PerfDataParser.parse("load=3;@10:20;~:5")
        #expect(parsed.measurements.first?.warn == "@10:20")
        #expect(parsed.measurements.first?.critical == "~:5")
    }

    @Test func readsNegativeAndExponentValues() {
        let parsed = PerfDataParser.parse("offset=-0.5s big=1e3B")
        #expect(parsed.measurements.map(\.value) == [-0.5, 1000])
    }

    @Test func skipsGarbageWithAReasonAndKeepsTheRest() {
        let parsed = PerfDataParser.parse(
            "good=1 noequals bad=abc unit=5parsecs =3 nan=nan hex=0x10 U=U x=1;2;3;4;5;6 w=1;abc 'open=1")
        #expect(parsed.measurements.map(\.name) == ["good"])
        #expect(parsed.ignored.count == 10)
        #expect(parsed.ignored.contains("'unit=5parsecs': unknown unit 'parsecs' (known: s, ms, us, %, B, KB, MB, GB, TB, c)"))
        #expect(parsed.ignored.contains("'noequals': expected label=value"))
        #expect(parsed.ignored.contains("'w=1;abc': the warn range 'abc' is not a threshold range"))
    }

    @Test func emptyTextHasNoMeasurements() {
        #expect(PerfDataParser.parse("   ") == PerfDataParser.Parsed(measurements: [], ignored: []))
    }
}
