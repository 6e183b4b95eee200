import Foundation
import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckModel

/// A JSON report as `--format json` writes it, reduced to what `diff` and `allowlist` read.
enum SampleJSONReport {
    static func text(status: String = "pass", seen: [String] = ["127.0.10.1", "127.0.10.2"],
                     unexpected: [String] = [], serving: [String]? = nil, probe: String = "tls",
                     issuer: String = "CN=Edge Lab Issuing CA", sha256: String = "aa", daysLeft: Int = 80,
                     tlsP50: Double = 10, subjectStatus: String = "pass") -> String {
        func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        let probes = (serving ?? seen).map { "{\"address\":\"\($0)\",\"ok\":true,\"class\":null,\"ms\":1}" }
        return """
            {"edgecheck":"0.1.0","started":"2026-11-26T15:13:20.250Z","duration_ms":1,
             "summary":{"passed":3,"warned":0,"failed":0,"errored":0,"skipped":0},
             "suites":[{"name":"lab","file":"lab.yaml","checks":[
               {"id":"ips","kind":"static-ip","status":"\(status)","summary":"","duration_ms":1,"findings":[
                  {"status":"\(subjectStatus)","subject":"127.0.10.1","class":null,"message":"m"}],
                "subjects":\(list(seen)),
                "data":{"host":"www.edgecheck.test","port":8443,"probe":"\(probe)","seen":\(list(seen)),
                        "unexpected":\(list(unexpected)),"missing":[],"lookups":[],"probes":[\(probes.joined(separator: ","))]}},
               {"id":"cert","kind":"certificate","status":"pass","summary":"","duration_ms":1,"findings":[],
                "data":{"endpoints":[{"address":"127.0.10.1","issuer":"\(issuer)","sha256":"\(sha256)","days_left":\(daysLeft)}]}},
               {"id":"timing","kind":"tls-timing","status":"pass","summary":"","duration_ms":1,"findings":[],
                "data":{"hops":[{"name":"nlb","insecure":false,"phases":{"tls":{"min":1,"p50":\(tlsP50),"max":20}}}]}}
             ]}]}
            """
    }

    static func read(_ text: String, path: String = "r.json") throws -> ReadReport {
        try ReadReport.parse(Data(text.utf8), path: path)
    }
}

@Suite struct ReportDiffTests {
    private func diff(_ before: String, _ after: String) throws -> ReportDiff {
        ReportDiff(before: try SampleJSONReport.read(before, path: "before.json"),
                   after: try SampleJSONReport.read(after, path: "after.json"))
    }

    @Test func sameReportsHaveNoChanges() throws {
        let result = try diff(SampleJSONReport.text(), SampleJSONReport.text())
        #expect(result.changes.isEmpty && !result.worse)
        #expect(result.table().hasSuffix("\nno changes\n"))
    }

    @Test func aWorseStatusIsWorse() throws {
        let result = try diff(SampleJSONReport.text(), SampleJSONReport.text(status: "fail", subjectStatus: "fail"))
        #expect(result.worse)
        #expect(result.changes.contains(ReportDiff.Change(check: "ips", subject: "", aspect: "status", before: "pass",
                                                          after: "fail", worse: true)))
        #expect(result.changes.contains { $0.subject == "127.0.10.1" && $0.aspect == "status" && $0.worse })
        let better = try diff(SampleJSONReport.text(status: "fail"), SampleJSONReport.text())
        #expect(!better.worse && better.changes.count == 1)
    }

    @Test func anAddressThatAppearsOrVanishesIsWorse() throws {
        let appeared = try diff(SampleJSONReport.text(), SampleJSONReport.text(seen: ["127.0.10.1", "127.0.10.2", "127.0.10.66"]))
        #expect(appeared.changes == [ReportDiff.Change(check: "ips", subject: "127.0.10.66", aspect: "address",
                                                       before: nil, after: "seen", worse: true)])
        let vanished = try diff(SampleJSONReport.text(), SampleJSONReport.text(seen: ["127.0.10.1"]))
        #expect(vanished.worse && vanished.changes.first?.before == "seen")
    }

    @Test func aNewIssuerIsWorseANewLeafAndDaysLeftAreNot() throws {
        let renewed = try diff(SampleJSONReport.text(), SampleJSONReport.text(sha256: "bb", daysLeft: 89))
        #expect(!renewed.worse)
        #expect(renewed.changes.map(\.aspect) == ["fingerprint", "days-left"])
        let reissued = try diff(SampleJSONReport.text(), SampleJSONReport.text(issuer: "CN=Other CA", sha256: "bb"))
        #expect(reissued.worse && reissued.changes.contains { $0.aspect == "issuer" && $0.after == "CN=Other CA" })
    }

    @Test func aP50RiseIsWorseOnlyAbove20PercentAnd1ms() throws {
        #expect(try diff(SampleJSONReport.text(tlsP50: 10), SampleJSONReport.text(tlsP50: 12.5)).worse)
        #expect(try !diff(SampleJSONReport.text(tlsP50: 10), SampleJSONReport.text(tlsP50: 11.9)).worse, "under 20 %")
        #expect(try !diff(SampleJSONReport.text(tlsP50: 2), SampleJSONReport.text(tlsP50: 2.9)).worse, "under 1 ms")
        let faster = try diff(SampleJSONReport.text(tlsP50: 10), SampleJSONReport.text(tlsP50: 5))
        #expect(!faster.worse && faster.changes.first?.aspect == "p50 tls")
    }

    @Test func jsonNamesEveryChange() throws {
        let result = try diff(SampleJSONReport.text(), SampleJSONReport.text(issuer: "CN=Other CA"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.json().utf8)) as? [String: Any])
        #expect(root["worse"] as? Bool == true)
        let changes = try #require(root["changes"] as? [[String: Any]])
        #expect(changes.first?["what"] as? String == "issuer" && changes.first?["check"] as? String == "cert")
        #expect((root["before"] as? [String: Any])?["file"] as? String == "before.json")
    }

    @Test func unreadableInputSaysWhy() {
        #expect(throws: ReadReportError(path: "x", reason: "not JSON")) { try SampleJSONReport.read("{", path: "x") }
        #expect(throws: ReadReportError.self) { try SampleJSONReport.read("{\"a\":1}") }
        #expect(throws: ReadReportError(path: "/nonexistent.json", reason: "no such file")) {
            try ReadReport.read(path: "/nonexistent.json")
        }
    }

    @Test func readsTheReportThisVersionWrites() throws {
        let json = JSONReporter().render(SampleRun.report())
        let report = try ReadReport.parse(Data(json.utf8), path: "r.json")
        #expect(report.checks.map(\.id) == SampleRun.report().suites.flatMap(\.checks).map(\.id))
        #expect(report.checks[1].subjects.map(\.status) == [.warn, .fail])
    }
}
