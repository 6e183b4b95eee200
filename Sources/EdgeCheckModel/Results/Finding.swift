import EdgeCheckNet

/// One observation a check makes about one subject (an address, a hop, a resolver, a key).
public struct Finding: Sendable, Codable, Equatable {
    /// The verdict this observation carries.
    public var status: CheckStatus
    /// What it is about: an address, a hop name, a resolver; empty for the check as a whole.
    public var subject: String
    /// The failure class, when there is one.
    public var failureClass: FailureClass?
    /// One line a person understands: what was expected and what was found.
    public var message: String
    /// The likely misconfiguration behind a non-pass, in one line, where one is known.
    public var hint: String?

    /// A `fail` of class `local` becomes `error`: a failure on this machine's side (a source
    /// address it does not have, an unreadable CA file, no usable libcurl) says nothing about the
    /// deployment, so no verdict was reached.
    public init(status: CheckStatus, subject: String = "", failureClass: FailureClass? = nil, message: String,
                hint: String? = nil) {
        self.status = status == .fail && failureClass == .local ? .error : status
        self.subject = subject
        self.failureClass = failureClass
        self.message = message
        self.hint = hint
    }

    public enum CodingKeys: String, CodingKey {
        case status, subject, message, hint
        case failureClass = "class"
    }
}
