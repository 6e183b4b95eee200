import Testing
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// Probing many addresses at once keeps the input order and never exceeds its limit.
@Suite struct StaticIPBoundedConcurrencyTests {
    /// Counts operations in flight and remembers the most seen at once.
    private actor Gauge {
        var current = 0
        var peak = 0
        func enter() { current += 1; peak = max(peak, current) }
        func leave() { current -= 1 }
    }

    @Test func resultsKeepTheInputOrder() async {
        let results = await BoundedConcurrency.map(Array(0..<200), limit: 7) { $0 * 2 }
        #expect(results == (0..<200).map { $0 * 2 })
    }

    @Test func neverMoreThanTheLimitInFlight() async {
        let gauge = Gauge()
        _ = await BoundedConcurrency.map(Array(0..<100), limit: 5) { item in
            await gauge.enter()
            await Task.yield()
            await gauge.leave()
            return item
        }
        #expect(await gauge.peak <= 5)
        #expect(await gauge.current == 0)
    }

    @Test func anEmptyListIsEmpty() async {
        #expect(await BoundedConcurrency.map([Int](), limit: 3) { $0 }.isEmpty)
    }
}
