import Foundation
import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckModel

/// No report, in any format, carries a raw control character that came from the network or a
/// plugin: each format escapes or strips them, and only its own line breaks remain.
@Suite struct ControlCharacterReportTests {
    /// C0 controls but the line feed, DEL, and the C1 controls.
    static func rawControls(in text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar.value != 0x0A) || (0x7F...0x9F).contains(scalar.value)
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test(arguments: ReporterRegistry.identifiers)
    func noRawControlCharacterReachesTheReport(identifier: String) throws {
        let reporter = try #require(ReporterRegistry.reporter(for: identifier, options: ReporterOptions(colors: false, verbose: true)))
        let output = reporter.render(SampleRun.hostileReport(SampleRun.controlText))
        #expect(Self.rawControls(in: output).isEmpty, "\(identifier): \(Set(Self.rawControls(in: output)))")
        // A line break in the text cannot start a line of its own in the line-based formats
        // (in XML a line break in character data is only text).
        guard identifier == "table" || identifier == "tap" else { return }
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("ok 99 fake") || $0.hasPrefix("PASS   fake-row") }, "\(identifier)")
    }

    @Test func theCheckDetectsAControlCharacter() {
        // The test above can fail: the detector sees what it must.
        #expect(Self.rawControls(in: "a\u{1B}b\u{9B}c\rd\ne") == ["U+001B", "U+009B", "U+000D"])
    }
}
