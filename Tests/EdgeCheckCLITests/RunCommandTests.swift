import Foundation
import Testing
import EdgeCheckRun
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// `edgecheck run`, through the built binary: exit codes, reports on stdout and on disk, signals.
@Suite struct RunCommandTests {
    /// A suite of plugins that answer with fixed exit codes, in a fresh scratch folder.
    private func scratch(_ codes: [String: Int], severity: [String: String] = [:]) throws -> EdgeCheckBinary {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("plugins/answer", #"echo "ANSWER $1 - exit $1 | value=$1c;1;2"; exit "$1""#)
        var yaml = "name: answers\nchecks:\n"
        for (id, code) in codes.sorted(by: { $0.key < $1.key }) {
            yaml += "  - id: \(id)\n    kind: exec\n    command: plugins/answer\n    args: [\"\(code)\"]\n"
            if let level = severity[id] { yaml += "    severity: \(level)\n" }
        }
        try edgecheck.file("edgecheck.yaml", yaml)
        return edgecheck
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func statuses(_ report: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for suite in report["suites"] as? [[String: Any]] ?? [] {
            for check in suite["checks"] as? [[String: Any]] ?? [] {
                result[check["id"] as? String ?? ""] = check["status"] as? String
            }
        }
        return result
    }

    @Test func passingChecksExitZeroWithTheDefaultSuiteFile() throws {
        let edgecheck = try scratch(["a": 0, "b": 0])
        let output = try edgecheck.run(["run"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("ANSWER 0 - exit 0"))
        #expect(output.stderr.isEmpty)
    }

    @Test func withoutASuiteRunPointsAtInitAndTarget() throws {
        let output = try EdgeCheckBinary().run(["run"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("edgecheck: edgecheck.yaml: no suite here."))
        #expect(output.stderr.contains("edgecheck init https://HOST/"))
        #expect(output.stderr.contains("edgecheck run --target https://HOST/"))
        #expect(output.stdout.isEmpty)
    }

    @Test func aFailureOrAnErrorExitsOne() throws {
        #expect(try scratch(["ok": 0, "bad": 2]).run(["run"]).status == 1)
        #expect(try scratch(["ok": 0, "broken": 3]).run(["run"]).status == 1)
    }

    @Test func theExampleSuiteShowsEveryKindOfRow() throws {
        let edgecheck = try EdgeCheckBinary()
        let suite = EdgeCheckBinary.repository.appendingPathComponent("checks/examples.yaml").path
        let output = try edgecheck.run(["run", suite, "--format", "json"])
        #expect(output.status == 1)
        let found = Set(statuses(try json(output.stdout)).values)
        #expect(found == ["pass", "warn", "fail", "error"])
    }

    @Test func strictTurnsAWarningIntoExitOne() throws {
        let edgecheck = try scratch(["ok": 0, "meh": 1])
        #expect(try edgecheck.run(["run"]).status == 0)
        #expect(try edgecheck.run(["run", "--strict"]).status == 1)
    }

    @Test func severityWarnKeepsAFailureFromFailingTheRun() throws {
        let edgecheck = try scratch(["ok": 0, "soft": 2], severity: ["soft": "warn"])
        let output = try edgecheck.run(["run", "--format", "json"])
        #expect(output.status == 0)
        #expect(statuses(try json(output.stdout))["soft"] == "warn")
    }

    @Test func onlyAndSkipSelectChecksAndReportTheRestAsSkipped() throws {
        let edgecheck = try scratch(["good": 0, "bad": 2, "ugly": 3])
        let only = try edgecheck.run(["run", "--only", "good", "--format", "json"])
        #expect(only.status == 0)
        #expect(statuses(try json(only.stdout)) == ["good": "pass", "bad": "skip", "ugly": "skip"])
        let skip = try edgecheck.run(["run", "--skip", "bad", "--skip", "ugly", "--format", "json"])
        #expect(skip.status == 0)
        #expect(statuses(try json(skip.stdout)) == ["good": "pass", "bad": "skip", "ugly": "skip"])
    }

    @Test func anUnknownSelectedIdIsExitTwoNamingTheNearest() throws {
        let edgecheck = try scratch(["good": 0, "bad": 2])
        let output = try edgecheck.run(["run", "--only", "goood"])
        #expect(output.status == 2)
        #expect(output.stderr == "edgecheck: --only: no check has the id 'goood'; did you mean 'good'?\n")
        #expect(output.stdout.isEmpty)
    }

    @Test(arguments: [
        (["--jobs", "0"], "--jobs"), (["--format", "xml"], "--format"), (["--bogus"], "--bogus"),
        (["--var", "NOVALUE"], "--var"), (["--timeout", "5"], "--timeout"), (["--color", "pink"], "pink"),
        (["--dns-server", "not-an-ip"], "--dns-server"), (["--target", "ftp://x"], "--target"),
        (["--bind", "127.0.0.1/32"], "--bind"),
        (["--target", "https://www.edgecheck.test", "edgecheck.yaml"], "--target"),
        (["--output", "/nonexistent/folder/report.txt"], "--output"),
    ])
    func badOptionsExitTwoAndRunNothing(arguments: [String], named: String) throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("touch", "echo ran > \"\(edgecheck.path("ran"))\"; echo OK")
        try edgecheck.file("edgecheck.yaml", "checks:\n  - kind: exec\n    command: touch\n")
        let output = try edgecheck.run(["run"] + arguments)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("edgecheck: "))
        #expect(output.stderr.contains(named))
        #expect(!FileManager.default.fileExists(atPath: edgecheck.path("ran")))
    }

    @Test func aBadSuiteExitsTwoNamingFileLineAndKey() throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("check", "echo OK")
        try edgecheck.file("bad.yaml", """
            name: bad
            checks:
              - id: first
                kind: exec
                command: check
                timeout: 5
            """)
        let output = try edgecheck.run(["run", "bad.yaml"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("edgecheck: bad.yaml:6: checks[0].timeout: "), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test func aPluginThatIsNotThereIsASuiteError() throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.file("edgecheck.yaml", "checks:\n  - id: gone\n    kind: exec\n    command: plugins/gone\n")
        let output = try edgecheck.run(["run"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("edgecheck: edgecheck.yaml:4: checks[0].command: "), "\(output.stderr)")
        #expect(output.stderr.contains("does not exist"))
    }

    @Test func aMissingDefaultSuiteIsExitTwo() throws {
        let output = try EdgeCheckBinary().run(["run"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("edgecheck: edgecheck.yaml"))
    }

    @Test func everyFormatGoesToStdout() throws {
        let edgecheck = try scratch(["good": 0, "bad": 2])
        let table = try edgecheck.run(["run", "--format", "table", "--color", "never"])
        #expect(table.stdout.contains("ANSWER 2 - exit 2"))
        #expect(!table.stdout.contains("\u{1B}["))
        let colored = try edgecheck.run(["run", "--format", "table", "--color", "always"])
        #expect(colored.stdout.contains("\u{1B}["))

        let json = try json(try edgecheck.run(["run", "--format", "json"]).stdout)
        #expect(json["edgecheck"] as? String == EdgeCheckVersion.current)
        #expect(statuses(json) == ["good": "pass", "bad": "fail"])

        let tap = try edgecheck.run(["run", "--format", "tap"])
        #expect(tap.stdout.hasPrefix("TAP version 13\n1..2\n"))
        #expect(tap.status == 1)

        let junit = try edgecheck.run(["run", "--format", "junit"])
        try edgecheck.file("stdout.xml", junit.stdout)
        let lint = try EdgeCheckBinary.xmllint(edgecheck.path("stdout.xml"))
        #expect(lint.status == 0, "\(lint.messages)")
        #expect(junit.stdout.contains(#"failures="1""#))
    }

    @Test func outputJunitAndJSONFilesAreWrittenTogether() throws {
        let edgecheck = try scratch(["good": 0, "bad": 2])
        let output = try edgecheck.run(["run", "--format", "tap", "--output", "report.tap",
                                        "--junit", "reports.xml", "--json", "report.json"])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(try edgecheck.read("report.tap").hasPrefix("TAP version 13"))
        #expect(statuses(try json(try edgecheck.read("report.json"))) == ["good": "pass", "bad": "fail"])
        let lint = try EdgeCheckBinary.xmllint(edgecheck.path("reports.xml"))
        #expect(lint.status == 0, "\(lint.messages)")
        // Written by rename from a temporary file: nothing else is left in the folder.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: edgecheck.folder.path)
            .filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func varFillsInSuiteVariables() throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("echo-args", #"echo "$1" > got.txt; echo "OK - got $1""#)
        try edgecheck.file("edgecheck.yaml", """
            checks:
              - id: echo
                kind: exec
                command: echo-args
                args: ["${GREETING}"]
            """)
        let output = try edgecheck.run(["run", "--var", "GREETING=hello world; echo no", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try edgecheck.read("got.txt") == "hello world; echo no\n")
        // What came from a variable in args is shown as the suite wrote it, never in clear.
        #expect(output.stdout.contains("OK - got ${GREETING}"))
        let undefined = try edgecheck.run(["run"])
        #expect(undefined.status == 2)
        #expect(undefined.stderr.hasPrefix("edgecheck: edgecheck.yaml:5"), "\(undefined.stderr)")
        #expect(undefined.stderr.contains("GREETING"))
    }

    @Test func hostilePluginOutputStillMakesValidReports() throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("hostile", #"""
            printf 'CRITICAL \033[2J\001 ]]> <x> & \377\376 | t=1s;;;0 junk\n'
            printf ']]>\000\013\033]0;title\007\n' >&2
            head -c 1048576 /dev/zero | tr '\000' '<'
            exit 2
            """#)
        try edgecheck.file("edgecheck.yaml", "checks:\n  - id: hostile\n    kind: exec\n    command: hostile\n")
        let output = try edgecheck.run(["run", "--junit", "junit.xml", "--json", "report.json", "--format", "tap"])
        #expect(output.status == 1)
        let lint = try EdgeCheckBinary.xmllint(edgecheck.path("junit.xml"))
        #expect(lint.status == 0, "\(lint.messages)")
        let report = try json(try edgecheck.read("report.json"))
        #expect(statuses(report) == ["hostile": "fail"])
        let check = (report["suites"] as? [[String: Any]])?.first?["checks"] as? [[String: Any]]
        let data = check?.first?["data"] as? [String: Any]
        #expect(data?["output_truncated"] as? Bool == true)
        #expect((data?["perfdata_ignored"] as? [String])?.count == 1)
        #expect(!output.stdout.contains("\u{1B}"))
    }

    @Test func sigintStopsTheRunWritesAValidReportAndExits130() async throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("quick", "echo 'OK - quick'")
        try edgecheck.plugin("hang", "echo $$ > \"\(edgecheck.path("started"))\"\nsleep 300")
        try edgecheck.file("edgecheck.yaml", """
            name: interrupted
            checks:
              - id: quick
                kind: exec
                command: quick
              - id: hang
                kind: exec
                command: hang
                timeout: 2m
              - id: later
                kind: exec
                command: quick
            """)
        // One at a time: `quick` has passed, `hang` runs, `later` has not started when SIGINT comes.
        let running = try edgecheck.start(["run", "--jobs", "1", "--junit", "junit.xml", "--json", "report.json",
                                           "--format", "json"])
        try await edgecheck.waitForFile("started")
        // The plugin writes its pid before the shell reaches `sleep`; give it that moment.
        while try edgecheck.read("started").isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        running.process.interrupt()
        let output = running.wait()
        #expect(output.status == 130)
        #expect(output.stderr.contains("SIGINT"))
        let report = try json(try edgecheck.read("report.json"))
        #expect(statuses(report) == ["quick": "pass", "hang": "error", "later": "error"])
        let checks = (report["suites"] as? [[String: Any]])?.first?["checks"] as? [[String: Any]] ?? []
        #expect(checks.filter { $0["summary"] as? String == "interrupted" }.count == 2)
        #expect(try json(output.stdout)["summary"] != nil)

        let lint = try EdgeCheckBinary.xmllint(edgecheck.path("junit.xml"))
        #expect(lint.status == 0, "\(lint.messages)")
        #expect(try edgecheck.read("junit.xml").contains("interrupted"))

        let pgid = try #require(Int32(try edgecheck.read("started").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(-pgid, 0) == -1 && errno == ESRCH)
    }

    @Test func sigtermIsAnInterruptToo() async throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("hang", "echo $$ > \"\(edgecheck.path("started"))\"\nsleep 300")
        try edgecheck.file("edgecheck.yaml", "checks:\n  - id: hang\n    kind: exec\n    command: hang\n    timeout: 2m\n")
        let running = try edgecheck.start(["run", "--junit", "junit.xml"])
        try await edgecheck.waitForFile("started")
        running.process.terminate()
        let output = running.wait()
        #expect(output.status == 130)
        #expect(try edgecheck.read("junit.xml").contains("interrupted"))
    }

    @Test func aLibcurlThatCannotLoadIsAnErrorThatSaysSo() throws {
        // libcurl is opened at run time: an unusable one must fail the probing checks, with the
        // reason, and leave the rest of the run (and its reports) intact.
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.file("lib/libcurl.so.4", "not a library")
        try edgecheck.plugin("plugins/ok", "echo OK; exit 0")
        try edgecheck.file("edgecheck.yaml", """
            checks:
              - id: probe
                kind: tls-timing
                samples: 1
                timeout: 1s
                hops:
                  - name: local
                    url: https://localhost.test:1/
                    connect-to: 127.0.0.1:1
              - id: plugin
                kind: exec
                command: plugins/ok
            """)
        let output = try edgecheck.run(["run", "--format", "json"], environment: ["LD_LIBRARY_PATH": edgecheck.path("lib")])
        #expect(output.status == 1)
        let report = try json(output.stdout)
        #expect(statuses(report) == ["probe": "error", "plugin": "pass"])
        #expect(output.stdout.contains("cannot load libcurl (install libcurl4)"))
    }

    @Test func commandsThatNeverProbeNeverLoadLibcurl() throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.file("lib/libcurl.so.4", "not a library")
        try edgecheck.file("edgecheck.yaml", "checks:\n  - id: t\n    kind: exec\n    command: /bin/true\n")
        let environment = ["LD_LIBRARY_PATH": edgecheck.path("lib")]
        #expect(try edgecheck.run(["--version"], environment: environment).status == 0)
        #expect(try edgecheck.run(["validate", "edgecheck.yaml"], environment: environment).status == 0)
        #expect(try edgecheck.run(["list"], environment: environment).status == 0)
        let run = try edgecheck.run(["run"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func helpAndUsageErrorsOfRunNeverWaitOnLibcurl() async throws {
        // A libcurl.so.4 that is a FIFO keeps dlopen (and the dynamic loader's lock) waiting for
        // ever. `run` once started loading libcurl before it parsed: leaving through exit() then
        // waited on the loader's lock, and so, now and then, did creating OpenSSL's set-up thread.
        // Help and usage errors must not depend on libcurl at all.
        let edgecheck = try EdgeCheckBinary()
        try FileManager.default.createDirectory(atPath: edgecheck.path("lib"), withIntermediateDirectories: true)
        #expect(mkfifo(edgecheck.path("lib/libcurl.so.4"), 0o600) == 0)
        let environment = ["LD_LIBRARY_PATH": edgecheck.path("lib")]
        for (arguments, status) in [(["run", "--help"], Int32(0)), (["run", "--bogus"], Int32(2))] {
            let running = try edgecheck.start(arguments, environment: environment)
            let deadline = ContinuousClock.now + .seconds(10)
            while running.process.isRunning && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let finished = !running.process.isRunning
            if !finished { running.process.interrupt(); kill(running.process.processIdentifier, SIGKILL) }
            let output = running.wait()
            #expect(finished, "edgecheck \(arguments.joined(separator: " ")) did not exit")
            #expect(output.status == status, "\(output.stderr)")
        }
    }
}
