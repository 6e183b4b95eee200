import Foundation
import Testing
import Yams
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// Plugins written as real shell scripts into a temporary folder, run through the exec kind.
@Suite struct ExecCheckTests {
    /// A folder with the scripts of one test; removed afterwards.
    final class Plugins {
        let folder: URL

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgecheck-exec-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// Writes an executable `#!/bin/sh` script and returns its path.
        func script(_ name: String, _ body: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            return url.path
        }

        func context(timeout: Duration = .seconds(10)) -> CheckContext {
            CheckContext(common: CommonSettings(id: "plugin", kind: "exec", timeout: timeout),
                         target: URL(string: "https://www.edgecheck.test:8443"), suiteDirectory: folder)
        }

        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    }

    private func data(_ outcome: CheckOutcome) -> ExecData {
        outcome.data as! ExecData
    }

    @Test(arguments: [
        (0, CheckStatus.pass), (1, .warn), (2, .fail), (3, .error), (42, .error),
    ])
    func exitCodeGivesTheStatus(code: Int, status: CheckStatus) async throws {
        let plugins = try Plugins()
        let command = try plugins.script("plugin", "echo 'STATE \(code) - disk at 91% | used=91%;80;90;0;100'\nexit \(code)")
        let outcome = await ExecCheck(command: command).run(in: plugins.context())
        #expect(outcome.status == status)
        #expect(data(outcome).exitCode == Int32(code))
        #expect(outcome.measurements == [Measurement(name: "used", value: 91, unit: "%", warn: "80", critical: "90",
                                                     min: 0, max: 100)])
        if code <= 3 {
            #expect(outcome.summary == "STATE \(code) - disk at 91%")
        } else {
            #expect(outcome.summary == "plugin exited 42 (not a plugin status): STATE 42 - disk at 91%")
        }
        #expect(outcome.findings.map(\.status) == (status == .pass ? [] : [status]))
    }

    @Test func aCrashIsAnErrorNamingTheSignal() async throws {
        let plugins = try Plugins()
        let command = try plugins.script("crash", "echo 'about to crash'\nkill -SEGV $$")
        let outcome = await ExecCheck(command: command).run(in: plugins.context())
        #expect(outcome.status == .error)
        #expect(outcome.summary == "plugin was killed by SIGSEGV: about to crash")
        #expect(data(outcome).signal == "SIGSEGV")
        #expect(data(outcome).exitCode == nil)
    }

    @Test func aMissingProgramInsideThePluginIsAnError() async throws {
        let plugins = try Plugins()
        let command = try plugins.script("missing", "exec /nonexistent/check_thing")
        let outcome = await ExecCheck(command: command).run(in: plugins.context())
        #expect(outcome.status == .error)
        #expect(data(outcome).exitCode == 127)
        #expect(outcome.summary.hasPrefix("plugin exited 127 (not found): "))
        #expect(data(outcome).stderr.contains("/nonexistent/check_thing"))
    }

    @Test func argumentsArriveLiterallyWithoutAShell() async throws {
        let plugins = try Plugins()
        let command = try plugins.script("args", #"echo "OK - $# args"; for a in "$@"; do printf '%s\n' "$a"; done"#)
        let args = ["two words", "it's \"quoted\"", "x; touch pwned", "$HOME", "`id`", "*", ""]
        let outcome = await ExecCheck(command: command, args: args).run(in: plugins.context())
        #expect(outcome.status == .pass)
        #expect(outcome.summary == "OK - 7 args")
        #expect(data(outcome).output == "OK - 7 args\n" + args.map { $0 + "\n" }.joined())
        #expect(!FileManager.default.fileExists(atPath: plugins.path("pwned")))
        #expect(data(outcome).args == args)
    }

    @Test func environmentIsMinimalAndItsValuesStayOutOfTheReport() async throws {
        let plugins = try Plugins()
        let command = try plugins.script("env", """
            [ "$API_TOKEN" = "s3cr3t-value" ] || { echo "UNKNOWN - token not passed"; exit 3; }
            [ -z "$USER$SHELL$PWD_SECRET" ] || { echo "UNKNOWN - leaked environment"; exit 3; }
            [ "$(pwd)" = "\(plugins.folder.path)" ] || { echo "UNKNOWN - runs in $(pwd)"; exit 3; }
            echo "OK - target $EDGECHECK_TARGET within ${EDGECHECK_TIMEOUT}s"
            """)
        let outcome = await ExecCheck(command: command, env: [("API_TOKEN", "s3cr3t-value")]).run(in: plugins.context())
        #expect(outcome.status == .pass, "\(outcome.summary)")
        #expect(outcome.summary == "OK - target https://www.edgecheck.test:8443 within 10s")
        let json = String(decoding: try JSONEncoder().encode(data(outcome)), as: UTF8.self)
        #expect(!json.contains("s3cr3t-value"))
        #expect(json.contains(#""env_names":["API_TOKEN"]"#))
    }

    @Test func hugeOutputIsCappedAndDrainedSoThePluginFinishes() async throws {
        let plugins = try Plugins()
        let command = try plugins.script("flood", """
            echo "WARNING - flooding | lines=1c"
            head -c 1048576 /dev/zero | tr '\\000' 'x'
            head -c 1048576 /dev/zero | tr '\\000' 'y' >&2
            exit 1
            """)
        let outcome = await ExecCheck(command: command).run(in: plugins.context())
        #expect(outcome.status == .warn)
        #expect(outcome.summary == "WARNING - flooding")
        #expect(data(outcome).output.utf8.count == ExecCheck.outputCap)
        #expect(data(outcome).stderr.utf8.count == ExecCheck.outputCap)
        #expect(data(outcome).outputTruncated && data(outcome).stderrTruncated)
    }

    @Test func controlCharactersAndInvalidUTF8AreHarmless() async throws {
        let plugins = try Plugins()
        let command = try plugins.script("hostile", #"printf '\033[2J\033[31mCRITICAL\007 \377\376 bad | t=1s;garbage\n\000tail'; exit 2"#)
        let outcome = await ExecCheck(command: command).run(in: plugins.context())
        #expect(outcome.status == .fail)
        #expect(outcome.summary == "[2J [31mCRITICAL  \u{FFFD}\u{FFFD} bad")
        #expect(!outcome.summary.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(outcome.measurements.isEmpty)
        #expect(data(outcome).perfdataIgnored == ["'t=1s;garbage': the warn range 'garbage' is not a threshold range"])
    }

    @Test func aHangingPluginIsKilledWithItsWholeProcessGroup() async throws {
        let plugins = try Plugins()
        // The plugin starts a child that starts a grandchild; all of them would sleep for minutes.
        let command = try plugins.script("hang", """
            echo $$ > "\(plugins.path("pgid"))"
            sh -c 'sleep 300; echo never' &
            sleep 300
            """)
        let outcome = await ExecCheck(command: command).run(in: plugins.context(timeout: .milliseconds(300)))
        #expect(outcome.status == .fail)
        #expect(outcome.findings.first?.failureClass == .timeout)
        #expect(outcome.summary == "plugin did not finish within 300ms; its process group was killed")
        #expect(data(outcome).timedOut)
        let pgid = try #require(Int32(String(contentsOfFile: plugins.path("pgid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(-pgid, 0) == -1 && errno == ESRCH)
    }

    @Test func whatAPluginLeavesRunningDiesWithIt() async throws {
        let plugins = try Plugins()
        let command = try plugins.script("leaves", """
            echo $$ > "\(plugins.path("pgid"))"
            sleep 300 &
            echo "OK - left a sleeper behind"
            """)
        let outcome = await ExecCheck(command: command).run(in: plugins.context(timeout: .seconds(60)))
        #expect(outcome.status == .pass)
        #expect(outcome.summary == "OK - left a sleeper behind")
        let pgid = try #require(Int32(String(contentsOfFile: plugins.path("pgid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(-pgid, 0) == -1 && errno == ESRCH)
    }

    @Test func aPluginIgnoringSIGTERMIsKilledAnyway() async throws {
        let plugins = try Plugins()
        let command = try plugins.script("stubborn", """
            trap '' TERM
            echo $$ > "\(plugins.path("pgid"))"
            while :; do sleep 1; done
            """)
        let outcome = await ExecCheck(command: command).run(in: plugins.context(timeout: .milliseconds(200)))
        #expect(outcome.status == .fail)
        #expect(data(outcome).timedOut)
        let pgid = try #require(Int32(String(contentsOfFile: plugins.path("pgid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(-pgid, 0) == -1 && errno == ESRCH)
    }

    @Test func cancellingTheCheckKillsThePlugin() async throws {
        let plugins = try Plugins()
        let marker = plugins.path("pgid")
        let command = try plugins.script("slow", "echo $$ > \"\(marker)\"\nsleep 300")
        let check = ExecCheck(command: command)
        let context = plugins.context(timeout: .seconds(600))
        let run = Task { await check.run(in: context) }
        while !FileManager.default.fileExists(atPath: marker) { try await Task.sleep(for: .milliseconds(10)) }
        run.cancel()
        let outcome = await run.value
        #expect(outcome.status == .error)
        #expect(outcome.summary == "interrupted")
        let pgid = try #require(Int32(String(contentsOfFile: marker, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(-pgid, 0) == -1 && errno == ESRCH)
    }

    // MARK: Suite keys

    private func settings(_ yaml: String, in folder: URL) throws -> CheckSettings {
        let node = try #require(try Yams.compose(yaml: yaml))
        return CheckSettings(mapping: node, file: "suite.yaml", directory: folder, target: nil, keyPath: "checks[0]")
    }

    @Test func commandIsRelativeToTheSuiteFolder() throws {
        let plugins = try Plugins()
        _ = try plugins.script("check_ok", "echo OK")
        let check = try ExecCheck(settings: settings("command: ./check_ok\nargs: [-w, '80']\nenv: {A_B: x}",
                                                     in: plugins.folder))
        #expect(check.command == plugins.path("check_ok"))
        #expect(check.args == ["-w", "80"])
        #expect(check.env.map(\.key) == ["A_B"])
    }

    @Test func aMissingOrNonExecutableCommandIsASuiteError() throws {
        let plugins = try Plugins()
        try "echo".write(to: plugins.folder.appendingPathComponent("plain"), atomically: true, encoding: .utf8)
        let missing = #expect(throws: SuiteError.self) {
            try ExecCheck(settings: settings("kind: exec\ncommand: nope", in: plugins.folder))
        }
        #expect(missing?.description == "suite.yaml:2: checks[0].command: '\(plugins.path("nope"))' does not exist")
        let plain = #expect(throws: SuiteError.self) {
            try ExecCheck(settings: settings("command: plain", in: plugins.folder))
        }
        #expect(plain?.message == "'\(plugins.path("plain"))' is not an executable file (chmod +x?)")
        let absent = #expect(throws: SuiteError.self) {
            try ExecCheck(settings: settings("kind: exec", in: plugins.folder))
        }
        #expect(absent?.message == "missing required key")
        let badEnv = #expect(throws: SuiteError.self) {
            _ = try plugins.script("ok", "echo OK")
            return try ExecCheck(settings: settings("command: ok\nenv: {'1X': y}", in: plugins.folder))
        }
        #expect(badEnv?.key == "checks[0].env")
    }
}
