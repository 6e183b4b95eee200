import CCares
import Foundation

/// Our own DNS resolution against chosen servers (c-ares), so a partner can ask each resolver
/// in turn instead of whatever the system resolver caches.
///
/// Each lookup gets its own c-ares channel, driven on a thread of its own (c-ares blocks in
/// `poll`, which must not happen on Swift's cooperative pool). UDP first; c-ares retries over TCP
/// when the answer is truncated. Outcomes: answers (possibly none, for NODATA), or a failure of
/// class `nxdomain`, `servfail`, `dns-timeout`, `refused` (or `local` for a bad `bind`).
public struct Resolver: Sendable {
    public init() {}

    /// Asks `server` for `name`'s records of `type`. Never throws: failures are in the result.
    /// Honours `timeout` for the whole lookup (UDP, then TCP when truncated) and cancellation.
    public func lookup(_ name: String, type: DNSRecordType, server: DNSServer, timeout: Duration,
                       bind: String? = nil) async -> DNSLookup {
        let query = DNSQuery(name: name, type: type, server: server, timeout: timeout, bind: bind)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<DNSLookup, Never>) in
                let thread = Thread {
                    continuation.resume(returning: query.run())
                }
                thread.name = "edgecheck-dns"
                thread.stackSize = 256 * 1024
                thread.start()
            }
        } onCancel: {
            query.cancel()
        }
    }

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
}
