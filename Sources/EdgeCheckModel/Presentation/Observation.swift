/// A fact a check observed about one subject, which `watch` compares from run to run: the leaf
/// certificate an address serves, say. Statuses and addresses seen are compared without one.
public struct Observation: Sendable, Equatable {
    /// The address or hop it is about.
    public var subject: String
    /// What it is, in a word, e.g. `leaf`.
    public var aspect: String
    /// Its value as a person reads it, e.g. a fingerprint's first 16 hex digits.
    public var value: String

    public init(subject: String, aspect: String, value: String) {
        self.subject = subject
        self.aspect = aspect
        self.value = value
    }
}
