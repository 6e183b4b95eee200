import Testing
@testable import EdgeCheckModel
@testable import EdgeCheckNet

/// The one line a failing check shows: the single problem, or each class with what it concerns.
@Suite struct StaticIPFindingSummaryTests {
    @Test func oneProblemIsItsOwnMessage() {
        let findings = [Finding(status: .fail, subject: "127.0.10.2", failureClass: .refused, message: "127.0.10.2 refused")]
        #expect(FindingSummary.line(for: findings) == "127.0.10.2 refused")
    }

    @Test func severalAreGroupedByClassWorstFirst() {
        let findings = [
            Finding(status: .warn, subject: "127.0.10.9", failureClass: FailureClass("missing-address"), message: "m"),
            Finding(status: .fail, subject: "127.0.10.2", failureClass: .refused, message: "r"),
            Finding(status: .fail, subject: "127.0.10.3", failureClass: .refused, message: "r"),
            Finding(status: .pass, subject: "127.0.10.1", message: "fine"),
        ]
        #expect(FindingSummary.line(for: findings) == "refused on 127.0.10.2, 127.0.10.3; missing-address on 127.0.10.9")
    }

    @Test func longSubjectListsAreCounted() {
        let findings = (1...5).map { Finding(status: .fail, subject: "192.0.2.\($0)", failureClass: .timeout, message: "t") }
        #expect(FindingSummary.line(for: findings) == "timeout on 192.0.2.1, 192.0.2.2, 192.0.2.3 and 2 more")
    }

    @Test func countsAreSingularOrPlural() {
        #expect(FindingSummary.count(1, "address", "addresses") == "1 address")
        #expect(FindingSummary.count(2, "address", "addresses") == "2 addresses")
    }
}
