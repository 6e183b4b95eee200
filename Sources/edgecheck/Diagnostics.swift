import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks
import Foundation

/// Messages on stderr, each line prefixed `edgecheck:` as compilers do, so that an editor or a CI
/// log points at the file and line at fault.
enum Diagnostics {
    /// Invalid invocation or suite: nothing was run.
    static let invalidInvocation: Int32 = 2
    /// Stopped by SIGINT/SIGTERM after the reports were written.
    static let interrupted: Int32 = 130

    private static let lock = NSLock()

    /// `edgecheck: MESSAGE` on stderr.
    static func error(_ message: String) {
        let text = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
        line("edgecheck: " + text)
    }

    /// A suite or selection problem, in `FILE:LINE: KEY: message` form.
    static func error(_ suiteError: SuiteError) {
        error(suiteError.description)
    }

    /// One line on stderr, whole even when several threads write.
    static func line(_ text: String) {
        let data = Data((text.hasSuffix("\n") ? text : text + "\n").utf8)
        lock.withLock { FileHandle.standardError.write(data) }
    }

    /// Text on stdout, as it is.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
