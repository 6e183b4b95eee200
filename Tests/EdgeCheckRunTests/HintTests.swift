import Foundation
import Testing
@testable import EdgeCheckRun
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
@testable import EdgeCheckReport

/// Every non-pass finding of a class with a known cause leaves the runner with its hint.
@Suite struct HintTests {
    private func result(kind: String, _ findings: [Finding]) -> CheckResult {
        let check = ConfiguredCheck(common: CommonSettings(id: "c", kind: kind),
                                    check: ResolvedAddressesCheck(target: URL(string: "https://www.edgecheck.test/")!))
        return Runner.makeResult(CheckOutcome(summary: "s", findings: findings), for: check, durationMs: 1)
    }

    @Test func aFailureGetsTheHintOfItsKindBeforeTheNetworks() throws {
        let findings = result(kind: "redirect", [
            Finding(status: .fail, subject: "127.0.10.1", failureClass: .httpStatus, message: "answered 200"),
            Finding(status: .fail, subject: "127.0.10.2", failureClass: .refused, message: "refused"),
        ]).findings
        #expect(findings[0].hint?.contains("redirect rule") == true)
        #expect(findings[0].hint == CheckRegistry.hint(for: .httpStatus, kind: "redirect"))
        // redirect has no hint of its own for refused: the network's.
        #expect(findings[1].hint == NetworkHints.hints[.refused])
        // The same class means something else to another kind.
        #expect(CheckRegistry.hint(for: .httpStatus, kind: "xff-echo") != findings[0].hint)
    }

    @Test func passesUnknownClassesAndOwnHintsAreLeftAlone() {
        let findings = result(kind: "static-ip", [
            Finding(status: .pass, subject: "127.0.10.1", failureClass: .refused, message: "fine"),
            Finding(status: .fail, subject: "127.0.10.2", failureClass: FailureClass("made-up"), message: "odd"),
            Finding(status: .fail, subject: "127.0.10.3", failureClass: .refused, message: "refused", hint: "own"),
            Finding(status: .fail, subject: "127.0.10.4", message: "no class"),
        ]).findings
        #expect(findings.map(\.hint) == [nil, nil, "own", nil])
    }

    @Test func aWarningKeepsTheHintOfTheFailureItWas() {
        let check = ConfiguredCheck(common: CommonSettings(id: "c", kind: "static-ip", severity: .warn),
                                    check: ResolvedAddressesCheck(target: URL(string: "https://www.edgecheck.test/")!))
        let finding = Finding(status: .fail, subject: "127.0.10.66", failureClass: StaticIPEvaluation.unexpectedAddress,
                              message: "unexpected")
        let result = Runner.makeResult(CheckOutcome(summary: "s", findings: [finding]), for: check, durationMs: 1)
        #expect(result.findings.first?.status == .warn)
        #expect(result.findings.first?.hint?.contains("allow-list") == true)
    }

    @Test func everyKindsHintIsOneLineOfText() {
        let all = CheckRegistry.kinds.flatMap { $0.hints.values } + NetworkHints.hints.values
        for hint in all {
            #expect(!hint.isEmpty && !hint.contains("\n") && hint.count < 300, "\(hint)")
        }
    }

    @Test func reportsCarryTheHint() throws {
        var hinted = result(kind: "xff-echo", [Finding(status: .fail, failureClass: XFFEchoEvaluation.spoofableClass,
                                                       message: "a forged header is taken for the client")])
        hinted.status = .fail
        let report = RunReport(version: "test", started: Date(timeIntervalSince1970: 0), durationMs: 1, hostname: "h",
                               suites: [SuiteReport(name: "s", file: "s.yaml", target: nil,
                                                    started: Date(timeIntervalSince1970: 0), durationMs: 1,
                                                    checks: [hinted])])
        let hint = try #require(hinted.findings.first?.hint)
        let json = JSONReporter().render(report)
        #expect(json.contains("\"hint\""))
        #expect(JUnitReporter().render(report).contains("hint: " + XMLText.content(hint)))
        #expect(TableReporter(verbose: true).render(report).contains("hint: " + hint))
        #expect(!TableReporter(verbose: false).render(report).contains("hint:"))
    }
}
