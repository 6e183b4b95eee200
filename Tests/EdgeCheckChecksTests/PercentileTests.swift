import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct PercentileTests {
    let oneToTen: [Double] = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6]

    @Test func linearInterpolationBetweenClosestRanks() {
        // The values NumPy's default and R's type 7 give for 1...10.
        #expect(Percentile.value(0.5, of: oneToTen) == 5.5)
        #expect(Percentile.value(0.9, of: oneToTen)! == 9.1)
        #expect(abs(Percentile.value(0.95, of: oneToTen)! - 9.55) < 1e-9)
        #expect(abs(Percentile.value(0.99, of: oneToTen)! - 9.91) < 1e-9)
    }

    @Test func endsAreTheMinimumAndMaximum() {
        #expect(Percentile.value(0, of: oneToTen) == 1)
        #expect(Percentile.value(1, of: oneToTen) == 10)
    }

    @Test func smallSamples() {
        #expect(Percentile.value(0.5, of: [42]) == 42)
        #expect(Percentile.value(0.99, of: [42]) == 42)
        #expect(Percentile.value(0.5, of: [10, 20]) == 15)
        #expect(Percentile.value(0.9, of: [20, 10]) == 19)
        #expect(Percentile.value(0.5, of: []) == nil)
    }

    @Test func statisticsOfAPhase() throws {
        let stats = try #require(PhaseStatistics(samples: oneToTen))
        #expect(stats == PhaseStatistics(min: 1, p50: 5.5, p90: 9.1, p95: 9.55, p99: 9.91, max: 10))
        #expect(PhaseStatistics(samples: []) == nil)
    }
}
