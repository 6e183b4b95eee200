/// What asks DNS: the real `Resolver` (c-ares), or a scripted stand-in in unit tests.
///
/// A lookup never throws: a failure is in the returned `DNSLookup`, classified. It honours
/// `timeout` for the whole lookup and returns promptly when the task is cancelled.
public protocol Resolving: Sendable {
    /// Asks `server` for `name`'s records of `type`.
    func lookup(_ name: String, type: DNSRecordType, server: DNSServer, timeout: Duration,
                bind: String?) async -> DNSLookup
}

extension Resolving {
    /// A and AAAA (or the given types) from one server, concurrently, in `types` order.
    public func lookup(_ name: String, types: [DNSRecordType], server: DNSServer, timeout: Duration,
                       bind: String? = nil) async -> [DNSLookup] {
        await withTaskGroup(of: (Int, DNSLookup).self) { group in
            for (index, type) in types.enumerated() {
                group.addTask {
                    (index, await self.lookup(name, type: type, server: server, timeout: timeout, bind: bind))
                }
            }
            var results = [DNSLookup?](repeating: nil, count: types.count)
            for await (index, lookup) in group { results[index] = lookup }
            return results.compactMap { $0 }
        }
    }

    /// One type from one server, from no particular source address.
    public func lookup(_ name: String, type: DNSRecordType, server: DNSServer, timeout: Duration) async -> DNSLookup {
        await lookup(name, type: type, server: server, timeout: timeout, bind: nil)
    }
}
