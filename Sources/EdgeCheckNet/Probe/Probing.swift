/// What makes connections: the real `Prober` (libcurl), or a scripted stand-in in unit tests.
///
/// A probe never throws: a failure is in the returned `ProbeResponse`, classified. It honours
/// `request.timeout` and returns promptly when the task is cancelled.
public protocol Probing: Sendable {
    /// Makes one fresh connection as `request` says.
    func probe(_ request: ProbeRequest) async -> ProbeResponse
}
