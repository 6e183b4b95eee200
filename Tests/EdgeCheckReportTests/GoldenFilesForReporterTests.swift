import Foundation
import Testing

/// Golden files under `Golden/` beside this source file, found from `#filePath` so that the test
/// target needs no resources. `REGENERATE_GOLDEN=1 swift test` rewrites them from the output.
enum GoldenFile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["REGENERATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard actual != expected else { return }
        let actualLines = actual.components(separatedBy: "\n")
        let expectedLines = expected.components(separatedBy: "\n")
        let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let found = line < actualLines.count ? actualLines[line] : "<end>"
        let wanted = line < expectedLines.count ? expectedLines[line] : "<end>"
        let comment = "\(name) differs at line \(line + 1):\n  expected: \(wanted)\n  found:    \(found)\n"
            + "(REGENERATE_GOLDEN=1 rewrites the golden files)"
        Issue.record(Comment(rawValue: comment), sourceLocation: sourceLocation)
    }
}
