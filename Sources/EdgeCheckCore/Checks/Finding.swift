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

    public init(status: CheckStatus, subject: String = "", failureClass: FailureClass? = nil, message: String) {
        self.status = status
        self.subject = subject
        self.failureClass = failureClass
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case status, subject, message
        case failureClass = "class"
    }
}
