import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct ReportWriterTests {
    private func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgecheck-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func writesTheTextAndLeavesNoTemporaryFile() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.xml").path
        try ReportWriter.write("<testsuites/>\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "<testsuites/>\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.xml"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644, "readable like any report, not the temporary file's 0600")
    }

    @Test func replacesTheOldFileWhole() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.json").path
        try String(repeating: "old report ", count: 10_000).write(toFile: path, atomically: false, encoding: .utf8)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try ReportWriter.write("{}\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}\n")
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        #expect(before != after, "a new file was renamed into place, not the old one rewritten")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }

    @Test func writesMegabytesWhole() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.txt").path
        let text = String(repeating: SampleRun.megabyte, count: 3) + "😀"
        try ReportWriter.write(text, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func aMissingFolderIsAnErrorNamingThePath() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("no-such-folder/report.xml").path
        #expect(throws: ReportWriteError(path: path, reason: "No such file or directory")) {
            try ReportWriter.write("x", to: path)
        }
    }

    @Test func aFolderInTheWayIsAnErrorAndLeavesNoTemporaryFile() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.xml")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        #expect(FileManager.default.createFile(atPath: target.appendingPathComponent("keep").path, contents: Data("x".utf8)))
        let error = #expect(throws: ReportWriteError.self) { try ReportWriter.write("new", to: target.path) }
        #expect(error?.description == "cannot write report \(target.path): is a folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.xml"])
    }
}

extension ReportWriterTests {
    @Test func followsASymbolicLinkAndKeepsIt() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real.xml").path
        let link = folder.appendingPathComponent("latest.xml").path
        try "old".write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.xml")
        try ReportWriter.write("new", to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.xml")
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["latest.xml", "real.xml"])
    }

    @Test func writesIntoAPipeInsteadOfReplacingIt() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader must exist before a writer can open the pipe without blocking.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try ReportWriter.write("through the pipe\n", to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "through the pipe\n")
        var status = stat()
        #expect(lstat(fifo, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO, "still a pipe, not replaced by a file")
    }
}
