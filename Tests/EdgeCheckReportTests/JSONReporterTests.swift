import Foundation
import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct JSONReporterTests {
    @Test func matchesTheGoldenReport() throws {
        try GoldenFile.expect(JSONReporter().render(SampleRun.report()), matches: "report.json")
    }

    @Test func keysFollowTheContractOrder() throws {
        let json = JSONReporter().render(SampleRun.report())
        func expectInOrder(_ keys: [String], after start: String) throws {
            let from = try #require(json.range(of: start)).lowerBound
            let positions = try keys.map { key in try #require(json[from...].range(of: "\"\(key)\": ")).lowerBound }
            #expect(positions.isSorted, "\(keys)")
        }
        try expectInOrder(["edgecheck", "started", "duration_ms", "summary", "suites"], after: "{")
        try expectInOrder(["passed", "warned", "failed", "errored", "skipped"], after: "\"summary\"")
        try expectInOrder(["name", "file", "checks"], after: "\"suites\"")
        try expectInOrder(["id", "kind", "status", "summary", "duration_ms", "findings", "data"], after: "\"checks\"")
        try expectInOrder(["status", "subject", "class", "message"], after: "\"findings\"")
    }

    @Test func parsesAsTheContractShape() throws {
        let object = try JSONSerialization.jsonObject(with: Data(JSONReporter().render(SampleRun.report()).utf8))
        let root = try #require(object as? [String: Any])
        #expect(root["edgecheck"] as? String == "0.1.0")
        #expect(root["started"] as? String == "2026-11-26T15:13:20.250Z")
        #expect((root["duration_ms"] as? NSNumber)?.doubleValue == 3204.75)
        let summary = try #require(root["summary"] as? [String: Int])
        #expect(summary == ["passed": 2, "warned": 2, "failed": 2, "errored": 1, "skipped": 1])
        let suites = try #require(root["suites"] as? [[String: Any]])
        #expect(suites.map { $0["name"] as? String } == ["verify-ingress", "plugins"])
        let checks = try #require(suites[0]["checks"] as? [[String: Any]])
        #expect(checks.map { $0["status"] as? String } == ["pass", "fail", "warn", "pass", "error"])
        let data = try #require(checks[0]["data"] as? [String: Any])
        #expect(data["seen"] as? [String] == ["127.0.10.1", "127.0.10.2"])
        #expect(data["lookups"] as? Int == 5)
        let findings = try #require(checks[1]["findings"] as? [[String: Any]])
        #expect(findings[1]["class"] as? String == "cert-expired")
        #expect(findings[0]["class"] is NSNull, "a finding without a class says null")
        #expect(checks[3]["insecure"] as? Bool == true)
        #expect(checks[0]["insecure"] as? Bool == false)
        #expect(checks[3]["description"] as? String == "What each TLS hop costs")
        #expect(checks[0]["description"] == nil)
        let measurements = try #require(checks[3]["measurements"] as? [[String: Any]])
        #expect(measurements.map { $0["subject"] as? String } == ["nlb", "ingress"])
    }

    @Test func hostileTextStaysValidJSONAndRoundTrips() throws {
        let json = JSONReporter().render(SampleRun.hostileReport())
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let suites = try #require(root["suites"] as? [[String: Any]])
        #expect(suites[0]["name"] as? String == SampleRun.hostileText)
        let check = try #require((suites[0]["checks"] as? [[String: Any]])?.first)
        #expect(check["summary"] as? String == SampleRun.hostileText)
        #expect(check["id"] as? String == "evil\n# id")
        let findings = try #require(check["findings"] as? [[String: Any]])
        #expect(findings[1]["message"] as? String == SampleRun.megabyte, "JSON keeps the whole text")
        let measurement = try #require((check["measurements"] as? [[String: Any]])?.first)
        #expect(measurement["value"] is NSNull, "NaN is not JSON")
        let data = try #require(check["data"] as? [String: Any])
        #expect(data["note"] as? String == SampleRun.hostileText)
    }
}

extension Array where Element: Comparable {
    var isSorted: Bool { zip(self, dropFirst()).allSatisfy { $0 <= $1 } }
}
