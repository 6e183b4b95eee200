import Foundation
import Testing

@Suite struct VersionTests {
    @Test func versionPrintsAndExitsZero() throws {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var binary = bundleDir.appendingPathComponent("edgecheck")
        if !FileManager.default.isExecutableFile(atPath: binary.path) {
            binary = bundleDir.deletingLastPathComponent().appendingPathComponent("edgecheck")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines).first?.isNumber == true)
    }
}
