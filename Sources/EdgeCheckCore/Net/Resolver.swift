/// Our own DNS resolution against chosen servers (c-ares), so a partner can ask each resolver
/// in turn instead of whatever the system resolver caches.
public struct Resolver: Sendable {
    public init() {}

    /// Asks `server` for `name`'s records of `type`. Never throws: failures are in the result.
    /// Honours `timeout` for the whole lookup (UDP, then TCP when truncated) and cancellation.
    public func lookup(_ name: String, type: DNSRecordType, server: DNSServer, timeout: Duration,
                       bind: String? = nil) async -> DNSLookup {
        fatalError("Resolver.lookup: implemented by the network work")
    }

    /// A and AAAA (or the given types) from one server, concurrently, in `types` order.
    public func lookup(_ name: String, types: [DNSRecordType], server: DNSServer, timeout: Duration,
                       bind: String? = nil) async -> [DNSLookup] {
        fatalError("Resolver.lookup(types:): implemented by the network work")
    }
}
