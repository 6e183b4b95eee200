import EdgeCheckModel
import EdgeCheckNet

/// Where the client belongs in a forwarded chain, and the verdicts that follow from it.
///
/// Each of the `trustedHops` proxies in front of the service appends the address it received
/// the connection from, so the service can trust only the last `trustedHops` entries: the
/// client is the entry `trustedHops` from the right. Everything left of it was sent by the
/// client and may be forged.
struct ChainPosition: Sendable, Equatable {
    var trustedHops: Int

    /// The index (from the left) where the client is expected, or nil when the chain is too short.
    func clientIndex(in chain: ForwardedChain) -> Int? {
        let index = chain.entries.count - trustedHops
        return index >= 0 ? index : nil
    }

    /// The entry the service takes for the client.
    func observedClient(in chain: ForwardedChain) -> ForwardedChain.Entry? {
        clientIndex(in: chain).map { chain.entries[$0] }
    }

    /// 1 for the rightmost entry, 2 for the one left of it, ...
    static func positionFromRight(of index: Int, in chain: ForwardedChain) -> Int {
        chain.entries.count - index
    }

    /// What the chain says about the client.
    enum ClientVerdict: Sendable, Equatable {
        /// The client is where it belongs.
        case found
        /// The header was not echoed at all.
        case headerMissing
        /// Fewer entries than trusted hops: nothing at the client's position.
        case tooShort
        /// Something else is at the client's position; `clientPositions` are where (counted
        /// from the right) the client does appear, if anywhere.
        case mismatch(observed: ForwardedChain.Entry, clientPositions: [Int])
    }

    func judgeClient(_ chain: ForwardedChain, clientIP: String) -> ClientVerdict {
        guard !chain.entries.isEmpty else { return .headerMissing }
        guard let observed = observedClient(in: chain) else { return .tooShort }
        let wanted = IPAddress.canonical(clientIP) ?? clientIP
        if observed.address == wanted { return .found }
        let positions = chain.indices(of: wanted).map { Self.positionFromRight(of: $0, in: chain) }
        return .mismatch(observed: observed, clientPositions: positions)
    }

    /// What a chain that started with a forged entry says.
    enum SpoofVerdict: Sendable, Equatable {
        /// The forged entry is gone (the proxy dropped the client's header).
        case dropped
        /// The forged entry stays left of the client's position, where no one trusts it.
        case contained
        /// The forged entry is at or right of the client's position: the service would take it
        /// for the client. `position` counts from the right.
        case forged(position: Int)
    }

    func judgeSpoof(_ chain: ForwardedChain, forged: String) -> SpoofVerdict {
        let indices = chain.indices(of: forged)
        guard let rightmost = indices.max() else { return .dropped }
        guard let clientIndex = clientIndex(in: chain) else { return .contained }
        if rightmost >= clientIndex {
            return .forged(position: Self.positionFromRight(of: rightmost, in: chain))
        }
        return .contained
    }

    /// Junk entries right of the client's position: written by a proxy the service trusts.
    /// Junk further left came from the client and proves nothing; junk at the client's position
    /// is a `mismatch` already.
    func trustedJunk(in chain: ForwardedChain) -> [ForwardedChain.Entry] {
        guard let clientIndex = clientIndex(in: chain) else { return [] }
        return chain.entries[(clientIndex + 1)...].filter(\.isJunk)
    }
}
