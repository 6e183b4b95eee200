import Testing
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct DurationParserTests {
    @Test func readsEveryUnitTheContractNames() {
        #expect(DurationParser.parse("250ms") == .milliseconds(250))
        #expect(DurationParser.parse("5s") == .seconds(5))
        #expect(DurationParser.parse("1.5s") == .milliseconds(1500))
        #expect(DurationParser.parse("2m") == .seconds(120))
    }

    @Test func readsHoursAndFractions() {
        #expect(DurationParser.parse("1h") == .seconds(3600))
        #expect(DurationParser.parse("0.5m") == .seconds(30))
        #expect(DurationParser.parse("1.25ms") == .microseconds(1250))
        #expect(DurationParser.parse("0.000000001s") == .nanoseconds(1))
    }

    @Test func zeroIsADuration() {
        #expect(DurationParser.parse("0s") == .zero)
        #expect(DurationParser.parse("0ms") == .zero)
    }

    @Test(arguments: [
        "5", "5.0", "", "s", "ms", "-1s", "+1s", "1.s", ".5s", "5 s", " 5s", "5S", "5sec", "1m30s", "1e3ms",
        "0.0000000001s", "99999999999999999999s", "five s", "٥s", "5us",
    ])
    func rejectsWhatIsNotADuration(_ text: String) {
        #expect(DurationParser.parse(text) == nil)
    }

    @Test func formatsInTheLargestWholeUnit() {
        #expect(DurationParser.format(.seconds(5)) == "5s")
        #expect(DurationParser.format(.milliseconds(250)) == "250ms")
        #expect(DurationParser.format(.seconds(120)) == "2m")
        #expect(DurationParser.format(.seconds(90)) == "90s")
        #expect(DurationParser.format(.seconds(7200)) == "2h")
        #expect(DurationParser.format(.zero) == "0s")
    }

    @Test func formatsFractionsWithoutTrailingZeros() {
        #expect(DurationParser.format(.milliseconds(1500)) == "1.5s")
        #expect(DurationParser.format(.microseconds(1250)) == "1.25ms")
        #expect(DurationParser.format(.nanoseconds(1_000_000_001)) == "1.000000001s")
        #expect(DurationParser.format(.milliseconds(-1500)) == "-1.5s")
    }

    @Test(arguments: ["250ms", "5s", "1.5s", "2m", "1h", "1.25ms", "90s", "0.5ms"])
    func formatReadsBackToTheSameDuration(_ text: String) throws {
        let duration = try #require(DurationParser.parse(text))
        #expect(DurationParser.parse(DurationParser.format(duration)) == duration)
    }
}
