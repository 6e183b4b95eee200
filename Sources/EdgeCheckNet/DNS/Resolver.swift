import CCares
import Foundation

/// Our own DNS resolution against chosen servers (c-ares), so a partner can ask each resolver
/// in turn instead of whatever the system resolver caches.
///
/// Each lookup gets its own c-ares channel, driven on a thread of its own (c-ares blocks in
/// `poll`, which must not happen on Swift's cooperative pool). UDP first; c-ares retries over TCP
/// when the answer is truncated. Outcomes: answers (possibly none, for NODATA), or a failure of
/// class `nxdomain`, `servfail`, `dns-timeout`, `refused` (or `local` for a bad `bind`).
public struct Resolver: Resolving {
    public init() {}

    /// Asks `server` for `name`'s records of `type`. Never throws: failures are in the result.
    /// Honours `timeout` for the whole lookup (UDP, then TCP when truncated) and cancellation.
    public func lookup(_ name: String, type: DNSRecordType, server: DNSServer, timeout: Duration,
                       bind: String?) async -> DNSLookup {
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
}
