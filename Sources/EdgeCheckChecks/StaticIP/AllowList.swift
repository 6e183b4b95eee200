import EdgeCheckModel
import EdgeCheckNet

/// The `expect` list of a `static-ip` check: which addresses the name may resolve to.
public struct AllowList: Sendable, Equatable {
    public var entries: [AddressRange]

    public init(_ entries: [AddressRange]) {
        self.entries = entries
    }

    /// Whether some entry contains `address`.
    public func allows(_ address: String) -> Bool {
        entries.contains { $0.contains(address) }
    }

    /// The seen addresses no entry contains, in numeric order.
    public func unexpected(in seen: [String]) -> [String] {
        IPAddress.sorted(seen.filter { !allows($0) })
    }

    /// The entries nothing seen falls in: single addresses never returned, and CIDR blocks none of
    /// whose addresses was returned (a block is a pool, so one address of it seen is enough).
    public func missing(from seen: [String]) -> [AddressRange] {
        entries.filter { entry in !seen.contains { entry.contains($0) } }
    }

    /// The entries that are single addresses, which can be probed even when never returned.
    public var singleAddresses: [String] {
        entries.compactMap(\.singleAddress)
    }

    /// The entries as written, for messages: `127.0.10.1, 127.0.10.2` or the first few and a count.
    public var shortDescription: String {
        FindingSummary.list(entries.map(\.description), max: 4)
    }
}
