import Testing

/// A suite trait that stops the lab once every test of the suite has run, whatever their outcome,
/// so no lab process outlives the test run.
struct StopsLabAfterwards: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        defer { Lab.down() }
        try await function()
    }
}

extension Trait where Self == StopsLabAfterwards {
    /// Stops the lab after the suite: `@Suite(.stopsLabAfterwards)`.
    static var stopsLabAfterwards: Self { Self() }
}
