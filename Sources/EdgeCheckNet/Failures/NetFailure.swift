/// A classified network failure: the class a script matches on and a sentence a person reads.
public struct NetFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var failureClass: FailureClass
    /// E.g. "connection refused by 127.0.10.2:8443", "no answer from 127.0.53.9:5353 within 2s".
    public var message: String

    public init(_ failureClass: FailureClass, _ message: String) {
        self.failureClass = failureClass
        self.message = message
    }

    public var description: String { "\(failureClass): \(message)" }
}
