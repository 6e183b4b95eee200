#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
import EdgeCheckModel
#endif

/// Writes report files so that a reader sees either the old file or the whole new one, never
/// half of it: the text goes to a uniquely named temporary file in the same folder, is flushed
/// to disk, and is then renamed over the target (rename is atomic within one file system).
///
/// A symbolic link is followed, so the file it points to is replaced and the link kept. A target
/// that is a terminal, a pipe or another device (`--output /dev/stdout`) is written directly,
/// since such a target cannot be renamed over and has no half-written state to hide.
public enum ReportWriter {
    /// Writes `text` as UTF-8 to `path`, replacing any file there.
    /// - Throws: `ReportWriteError` naming `path`; no temporary file is left behind and an
    ///   existing file is left as it was.
    public static func write(_ text: String, to path: String) throws(ReportWriteError) {
        guard !path.isEmpty else { throw ReportWriteError(path: path, reason: "empty file name") }

        var status = stat()
        let exists = stat(path, &status) == 0
        if exists {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw ReportWriteError(path: path, reason: "is a folder")
            default: return try writeInPlace(text, to: path)
            }
        }
        let target = exists ? resolvedPath(path) : path
        let name = target.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? target
        guard !name.isEmpty, name != ".", name != ".." else {
            throw ReportWriteError(path: path, reason: "not a file name")
        }
        let folder = folder(of: target)

        var template = Array("\(folder)/.\(name).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure(path) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        // mkstemp creates 0600; a report keeps the mode of the file it replaces, or is readable
        // like any new file.
        let mode: mode_t = exists ? status.st_mode & 0o7777 : 0o644
        var problem: ReportWriteError?
        do throws(ReportWriteError) {
            try writeAll(text, to: descriptor, path: path)
            guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else { throw failure(path) }
        } catch {
            problem = error
        }
        if close(descriptor) != 0, problem == nil {
            problem = failure(path)
        }
        if problem == nil, rename(temporary, target) != 0 {
            problem = failure(path)
        }
        if let problem {
            unlink(temporary)
            throw problem
        }
        // Make the rename itself durable; a failure here does not undo a finished write.
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Appends `text` as UTF-8 to `path` in one write, creating the file when missing: for files
    /// that others append to as well, such as GitHub's `GITHUB_STEP_SUMMARY`.
    /// - Throws: `ReportWriteError` naming `path`.
    public static func append(_ text: String, to path: String) throws(ReportWriteError) {
        guard !path.isEmpty else { throw ReportWriteError(path: path, reason: "empty file name") }
        try write(text, toOpened: open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644), path: path)
    }

    /// Writes to a device or pipe as it is.
    private static func writeInPlace(_ text: String, to path: String) throws(ReportWriteError) {
        try write(text, toOpened: open(path, O_WRONLY | O_TRUNC | O_CLOEXEC), path: path)
    }

    /// Writes all of `text` to a descriptor just opened for `path`, then closes it.
    private static func write(_ text: String, toOpened descriptor: Int32, path: String) throws(ReportWriteError) {
        guard descriptor >= 0 else { throw failure(path) }
        var problem: ReportWriteError?
        do throws(ReportWriteError) {
            try writeAll(text, to: descriptor, path: path)
        } catch {
            problem = error
        }
        if close(descriptor) != 0, problem == nil {
            problem = failure(path)
        }
        if let problem { throw problem }
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

    /// `path` with symbolic links resolved, or as given when that fails.
    private static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(decoding: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)), as: UTF8.self)
    }

    /// The folder `path` is in, `.` for a bare file name.
    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The current `errno` as an error about `path`.
    private static func failure(_ path: String) -> ReportWriteError {
        let code = errno
        guard let message = strerror(code) else { return ReportWriteError(path: path, reason: "error \(code)") }
        return ReportWriteError(path: path, reason: String(decoding: UnsafeRawBufferPointer(start: message, count: strlen(message)), as: UTF8.self))
    }
}

/// The C library's `write`, which `ReportWriter.write` would otherwise shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
