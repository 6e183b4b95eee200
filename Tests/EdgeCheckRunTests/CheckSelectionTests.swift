import Foundation
import Testing
@testable import EdgeCheckRun
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
@testable import EdgeCheckReport
import EdgeCheckTestSupport

@Suite struct CheckSelectionTests {
    private let suites = [Suite(
        name: "front", file: "front.yaml", directory: URL(fileURLWithPath: "/tmp"), target: nil,
        checks: ["egress-ips", "front-cert"].map { id in
            ConfiguredCheck(common: CommonSettings(id: id, kind: "exec"), check: ExecCheck(command: "/bin/true"))
        })]

    @Test func anUnknownOnlyIdNamesTheNearestExistingId() {
        #expect(throws: SuiteError(file: "", line: nil, key: "--only",
                                   message: "no check has the id 'front-crt'; did you mean 'front-cert'?")) {
            try CheckSelection(only: ["front-crt"]).validate(against: suites)
        }
    }

    @Test func anUnknownSkipIdFarFromEveryIdListsThem() {
        let error = #expect(throws: SuiteError.self) {
            try CheckSelection(skip: ["zzzzzzzzzzzz"]).validate(against: suites)
        }
        #expect(error?.key == "--skip")
        #expect(error?.message == "no check has the id 'zzzzzzzzzzzz' (the ids are: egress-ips, front-cert)")
    }

    @Test func knownIdsAreAccepted() {
        #expect(throws: Never.self) {
            try CheckSelection(only: ["front-cert"], skip: ["egress-ips"]).validate(against: suites)
        }
    }

    @Test func skipWinsOverOnlyAndEachSaysWhy() {
        let selection = CheckSelection(only: ["a", "b"], skip: ["b"])
        #expect(selection.skipReason(for: "a") == nil)
        #expect(selection.skipReason(for: "b") == "skipped by --skip")
        #expect(selection.skipReason(for: "c") == "not selected by --only")
        #expect(CheckSelection().skipReason(for: "anything") == nil)
    }
}
