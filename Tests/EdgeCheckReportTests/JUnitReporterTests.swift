import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct JUnitReporterTests {
    @Test func matchesTheGoldenReport() throws {
        try GoldenFile.expect(JUnitReporter().render(SampleRun.report()), matches: "report.junit.xml")
    }

    @Test func isValidAgainstTheJenkinsSchema() throws {
        let xml = JUnitReporter().render(SampleRun.report())
        try JUnitSchema.expectValid(xml)
        try JUnitSchema.expectStructure(xml)
    }

    @Test func hostileTextStaysValidXML() throws {
        let xml = JUnitReporter().render(SampleRun.hostileReport())
        try JUnitSchema.expectValid(xml)
        try JUnitSchema.expectStructure(xml)
        #expect(!xml.contains("<script>"))
        #expect(!xml.contains("\u{0}") && !xml.contains("\u{1B}") && !xml.contains("\u{FFFE}"))
        #expect(xml.contains("[truncated "), "megabytes of output are capped")
        #expect(xml.utf8.count < 400_000, "\(xml.utf8.count) bytes for 2 MB of output")
        #expect(xml.contains("😀🇬🇧"), "text XML allows is kept")
    }

    @Test func oneTestcasePerSubjectCarryingItsWorstFinding() throws {
        let cases = try testcases(in: JUnitReporter().render(SampleRun.report()))
        #expect(cases["front-cert [127.0.10.1]"]?.outcome == nil)
        #expect(cases["front-cert [127.0.10.1]"]?.systemOut.contains("warn 127.0.10.1: expires in 20 days") == true)
        #expect(cases["front-cert [127.0.10.2]"]?.outcome == "failure")
        #expect(cases["front-cert [127.0.10.2]"]?.type == "cert-expired")
        #expect(cases["front-cert [127.0.10.2]"]?.message == "127.0.10.2: leaf expired 3 days ago (not after 2026-11-23T00:00:00Z) [cert-expired]")
        #expect(cases["front-cert"] == nil, "no findings outside the subjects: no extra testcase")
        #expect(cases["egress-ips [127.0.10.1]"]?.classname == "edgecheck.static-ip")
    }

    @Test func severityWarnNeverFailsTheBuild() throws {
        let cases = try testcases(in: JUnitReporter().render(SampleRun.report()))
        let redirect = try #require(cases["http-redirect [127.0.10.1]"])
        #expect(redirect.outcome == nil)
        #expect(redirect.systemOut.contains("fail 127.0.10.1: expected a redirect status"))
    }

    @Test func aFailingCheckWithoutFindingsStillFails() throws {
        let cases = try testcases(in: JUnitReporter().render(SampleRun.report()))
        #expect(cases["backup"]?.outcome == "failure")
        #expect(cases["backup"]?.type == "fail")
        #expect(cases["backup"]?.message == "BACKUP CRITICAL - last run 3 days ago")
        #expect(cases["canary"]?.outcome == "error")
        #expect(cases["legacy"]?.outcome == "skipped")
    }

    @Test func aFailureNotTiedToASubjectGetsItsOwnTestcase() throws {
        var check = SampleRun.ingress.checks[1]
        check.findings.append(Finding(status: .fail, subject: "127.0.10.9", failureClass: .refused, message: "refused"))
        let cases = JUnitReporter.testCases(for: check)
        #expect(cases.map(\.name) == ["front-cert [127.0.10.1]", "front-cert [127.0.10.2]", "front-cert"])
        #expect(cases.map(\.status) == [.warn, .fail, .fail])
    }

    @Test func countsCountTestcases() throws {
        let document = try XMLDocument(xmlString: JUnitReporter().render(SampleRun.report()), options: [])
        let suites = try #require(document.rootElement()?.elements(forName: "testsuite"))
        let ingress = suites[0]
        // egress-ips ×2, front-cert ×2, http-redirect ×1, hops ×2, canary ×1
        #expect(ingress.attribute(forName: "tests")?.stringValue == "8")
        #expect(ingress.attribute(forName: "failures")?.stringValue == "1")
        #expect(ingress.attribute(forName: "errors")?.stringValue == "1")
        #expect(ingress.attribute(forName: "skipped")?.stringValue == "0")
        #expect(ingress.elements(forName: "testcase").count == 8)
        #expect(suites[1].attribute(forName: "skipped")?.stringValue == "1")
        #expect(document.rootElement()?.attribute(forName: "tests")?.stringValue == "11")
    }

    @Test func propertiesNameTargetVersionAndInsecure() throws {
        let document = try XMLDocument(xmlString: JUnitReporter().render(SampleRun.report()), options: [])
        let suites = try #require(document.rootElement()?.elements(forName: "testsuite"))
        func properties(_ suite: XMLElement) -> [String: String] {
            var result: [String: String] = [:]
            for property in suite.elements(forName: "properties").flatMap({ $0.elements(forName: "property") }) {
                result[property.attribute(forName: "name")?.stringValue ?? ""] = property.attribute(forName: "value")?.stringValue
            }
            return result
        }
        #expect(properties(suites[0]) == ["target": "https://www.edgecheck.test:8443", "edgecheck.version": "0.1.0",
                                          "insecure": "true", "insecure.checks": "hops"])
        #expect(properties(suites[1]) == ["edgecheck.version": "0.1.0"])
        #expect(suites[0].attribute(forName: "timestamp")?.stringValue == "2026-11-26T15:13:20")
        #expect(suites[0].attribute(forName: "hostname")?.stringValue == "ci-runner-7")
        let cases = try testcases(in: document.xmlString)
        #expect(cases["hops [nlb]"]?.systemOut.contains("insecure: TLS verification was off") == true)
        #expect(cases["hops [nlb]"]?.systemOut.contains("measurement tls-p50 = 12.5 ms [nlb]") == true)
        #expect(cases["hops [nlb]"]?.systemOut.contains("[ingress]") == false)
    }

    /// What CI shows of each testcase, by name.
    private struct Shown: Equatable {
        var classname: String?
        var outcome: String?
        var message: String?
        var type: String?
        var systemOut: String
    }

    private func testcases(in xml: String) throws -> [String: Shown] {
        let document = try XMLDocument(xmlString: xml, options: [])
        var result: [String: Shown] = [:]
        for suite in document.rootElement()?.elements(forName: "testsuite") ?? [] {
            for testCase in suite.elements(forName: "testcase") {
                let outcome = (testCase.children ?? []).compactMap { $0 as? XMLElement }
                    .first { ["failure", "error", "skipped"].contains($0.name ?? "") }
                result[testCase.attribute(forName: "name")?.stringValue ?? ""] = Shown(
                    classname: testCase.attribute(forName: "classname")?.stringValue,
                    outcome: outcome?.name,
                    message: outcome?.attribute(forName: "message")?.stringValue,
                    type: outcome?.attribute(forName: "type")?.stringValue,
                    systemOut: testCase.elements(forName: "system-out").first?.stringValue ?? "")
            }
        }
        return result
    }
}
