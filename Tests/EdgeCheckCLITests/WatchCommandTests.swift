import Foundation
import Testing

/// `edgecheck watch`: a check that fails in one run of the window prints its change lines, fails
/// the window's exit code and reports; SIGINT ends it with 130 and valid reports.
@Suite struct WatchCommandTests {
    /// A plugin that fails on its second run only.
    static func flapping(_ edgecheck: EdgeCheckBinary) throws {
        try edgecheck.plugin("flap", """
            n=$(cat "\(edgecheck.path("count"))" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "\(edgecheck.path("count"))"
            if [ $n -eq 2 ]; then echo 'CRITICAL - down on run 2'; exit 2; fi
            echo 'OK - up'
            """)
        try edgecheck.file("edgecheck.yaml", "name: window\nchecks:\n  - id: flap\n    kind: exec\n    command: flap\n")
    }

    @Test func aFaultDuringTheWindowPrintsItsChangesAndFailsTheWindow() throws {
        let edgecheck = try EdgeCheckBinary()
        try Self.flapping(edgecheck)
        let output = try edgecheck.run(["watch", "--every", "200ms", "--for", "1s", "--json", "report.json",
                                        "--junit", "junit.xml", "--prometheus", "window.prom"])
        #expect(output.status == 1, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(output.stdout)")
        #expect(lines.first?.hasSuffix(" flap status: pass → fail") == true, "\(output.stdout)")
        #expect(lines.last?.hasSuffix(" flap status: fail → pass") == true, "\(output.stdout)")
        let report = try JSONSerialization.jsonObject(with: Data(try edgecheck.read("report.json").utf8)) as? [String: Any]
        let runs = report?["runs"] as? [[String: Any]] ?? []
        #expect(runs.count >= 3, "\(runs.count) runs")
        #expect((report?["summary"] as? [String: Any])?["failed"] as? Int == 1)
        let junit = try edgecheck.read("junit.xml")
        #expect(junit.contains("<failure"))
        #expect(junit.contains("down on run 2"))
        #expect(junit.contains(" (at 20"), "the failure names when")
        #expect(try EdgeCheckBinary.xmllint(edgecheck.path("junit.xml")).status == 0)
        let prometheus = try edgecheck.read("window.prom")
        #expect(prometheus.contains("probe_success 0.0"))
        #expect(try PromtoolForCLITests.check(prometheus).0 == 0)
    }

    @Test func aQuietWindowPrintsNothingAndPasses() throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("up", "echo 'OK - up'")
        try edgecheck.file("edgecheck.yaml", "checks:\n  - id: up\n    kind: exec\n    command: up\n")
        let output = try edgecheck.run(["watch", "--every", "200ms", "--for", "600ms"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty, "\(output.stdout)")
    }

    @Test func sigintEndsTheWindowWith130AndValidReports() async throws {
        let edgecheck = try EdgeCheckBinary()
        try Self.flapping(edgecheck)
        let running = try edgecheck.start(["watch", "--every", "200ms", "--json", "report.json", "--junit", "junit.xml"])
        while (Int((try? edgecheck.read("count"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0) < 3 {
            try await Task.sleep(for: .milliseconds(20))
        }
        running.process.interrupt()
        let output = running.wait()
        #expect(output.status == 130, "\(output.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(try edgecheck.read("report.json").utf8)) as? [String: Any]
        #expect((report?["runs"] as? [Any])?.isEmpty == false)
        #expect(try EdgeCheckBinary.xmllint(edgecheck.path("junit.xml")).status == 0)
    }

    @Test func aBadEveryIsAUsageError() throws {
        let edgecheck = try EdgeCheckBinary()
        let output = try edgecheck.run(["watch", "--every", "5"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--every"))
    }
}
