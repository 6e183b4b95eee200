/// Runs probes over libcurl: one fresh easy handle per connection, driven concurrently.
public final class Prober: Sendable {
    /// The process-wide prober (one libcurl multi loop).
    public static let shared = Prober()

    public init() {}

    /// Makes one connection. Never throws; honours `request.timeout` and task cancellation.
    public func probe(_ request: ProbeRequest) async -> ProbeResponse {
        fatalError("Prober.probe: implemented by the network work")
    }
}
