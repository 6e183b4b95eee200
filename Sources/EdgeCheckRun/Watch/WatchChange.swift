import Foundation
import EdgeCheckReport

/// One thing that changed between two runs of `watch`: a check's or a subject's status, an
/// address seen or gone, an observed fact (a leaf certificate's fingerprint).
public struct WatchChange: Sendable, Equatable, CustomStringConvertible {
    /// When the run that saw it started.
    public var time: Date
    public var check: String
    /// The address or hop, or empty for the check as a whole.
    public var subject: String
    /// `status`, `address` or an observation's aspect such as `leaf`.
    public var aspect: String
    public var was: String
    public var now: String

    public init(time: Date, check: String, subject: String = "", aspect: String, was: String, now: String) {
        self.time = time
        self.check = check
        self.subject = subject
        self.aspect = aspect
        self.was = was
        self.now = now
    }

    /// `2026-05-01T12:00:05.250Z front-certificate [127.0.10.2] status: pass → fail`.
    public var description: String {
        let subject = self.subject.isEmpty ? "" : " [\(self.subject)]"
        return "\(ReportFormatting.rfc3339(time)) \(check)\(subject) \(aspect): \(was) → \(now)"
    }
}
