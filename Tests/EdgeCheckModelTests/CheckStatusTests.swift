import Testing
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct CheckStatusTests {
    @Test func worstPicksErrorOverFail() {
        #expect(CheckStatus.worst([.pass, .fail, .error, .warn]) == .error)
        #expect(CheckStatus.worst([CheckStatus]()) == .pass)
        #expect(CheckStatus.worst([.skip, .pass]) == .pass)
    }

    @Test func exitCodeFollowsTheContract() {
        #expect(RunSummary([.pass, .warn]).exitCode(strict: false) == 0)
        #expect(RunSummary([.pass, .warn]).exitCode(strict: true) == 1)
        #expect(RunSummary([.pass, .error]).exitCode(strict: false) == 1)
        #expect(RunSummary([.skip]).exitCode(strict: false) == 0)
    }
}
