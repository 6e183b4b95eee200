/// Runs many independent network operations at once without opening an unbounded number of
/// sockets: at most `limit` are in flight, and a new one starts as soon as one finishes.
public enum BoundedConcurrency {
    /// How many probes one check keeps in flight. Large enough that a thousand addresses take a
    /// few round trips, small enough to stay far below the usual 1024 open-file limit.
    public static let defaultLimit = 64

    /// `transform` applied to every item, results in the items' order.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], limit: Int = defaultLimit, _ transform: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            while next < items.count && next < max(limit, 1) {
                let index = next
                group.addTask { (index, await transform(items[index])) }
                next += 1
            }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < items.count {
                    let index = next
                    group.addTask { (index, await transform(items[index])) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }
}
