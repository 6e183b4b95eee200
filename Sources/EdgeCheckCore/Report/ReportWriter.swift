#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes report files so that a reader sees either the old file or the whole new one, never
/// half of it: the text goes to a uniquely named temporary file in the same folder, is flushed
/// to disk, and is then renamed over the target (rename is atomic within one file system).
public enum ReportWriter {
    /// Writes `text` as UTF-8 to `path`, replacing any file there.
    /// - Throws: `ReportWriteError` naming `path`; no temporary file is left behind.
    public static func write(_ text: String, to path: String) throws(ReportWriteError) {
        guard !path.isEmpty else { throw ReportWriteError(path: path, reason: "empty file name") }
        let folder = folder(of: path)
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard !name.isEmpty, name != ".", name != ".." else {
            throw ReportWriteError(path: path, reason: "not a file name")
        }

        var template = Array("\(folder)/.\(name).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure(path) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        do throws(ReportWriteError) {
            try writeAll(text, to: descriptor, path: path)
            // mkstemp creates 0600; a report is meant to be read by others, like any new file.
            var status = stat()
            let mode: mode_t = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
            guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else { throw failure(path) }
            guard close(descriptor) == 0 else {
                let error = failure(path)
                unlink(temporary)
                throw error
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable; a failure here does not undo a finished write.
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    private static func writeAll(_ text: String, to descriptor: Int32, path: String) throws(ReportWriteError) {
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            written += result
        }
    }

    /// The folder `path` is in, `.` for a bare file name.
    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The current `errno` as an error about `path`.
    private static func failure(_ path: String) -> ReportWriteError {
        ReportWriteError(path: path, reason: String(cString: strerror(errno)))
    }
}

/// The C library's `write`, which `ReportWriter.write` would otherwise shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
