import Foundation
import Testing

/// `edgecheck serve` as Prometheus meets it: `/probe` and `/metrics` over real HTTP (curl), bad
/// requests, the scrape timeout, a crowd of scrapers, SIGTERM, and the one address it binds.
@Suite(.serialized) struct ServeCommandTests {
    static let suite = """
        name: served
        checks:
          - id: up
            kind: exec
            command: up
          - id: down
            kind: exec
            command: down
          - id: slow
            kind: exec
            command: slow
            timeout: 1m
        """

    /// A started server on a port of its own, with plugins that pass, fail and hang.
    static func start(_ extra: [String] = []) async throws -> (EdgeCheckBinary, EdgeCheckBinary.Running, String) {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("up", "echo 'OK - up'")
        try edgecheck.plugin("down", "echo 'CRITICAL - down'; exit 2")
        try edgecheck.plugin("slow", "sleep 60")
        try edgecheck.file("edgecheck.yaml", suite)
        var failures: [String] = []
        // A random port may be taken (by another test's server): a serve that exits at once is
        // started again on another.
        for _ in 0..<5 {
            let address = "127.0.0.1:\(Int.random(in: 40_000...60_000))"
            let running = try edgecheck.start(["serve", "--listen", address] + extra)
            // A hang detector, not a timing claim: a full parallel test run on two cores can keep
            // a starting process waiting for seconds.
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline, running.process.isRunning {
                if (try? curl("http://\(address)/metrics", maxTime: 5).status) == 200 { return (edgecheck, running, address) }
                try await Task.sleep(for: .milliseconds(50))
            }
            running.process.terminate()
            failures.append("\(address): \(running.wait().stderr)")
        }
        Issue.record("serve did not listen: \(failures.joined(separator: "; "))")
        throw CancellationError()
    }

    /// `curl` a URL: the HTTP status and the body.
    static func curl(_ url: String, headers: [String] = [], maxTime: Int = 20) throws -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "--max-time", "\(maxTime)", "-o", "-", "-w", "\n%{http_code}"]
            + headers.flatMap { ["-H", $0] } + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        let status = Int(text.split(separator: "\n").last ?? "") ?? 0
        if let newline = text.lastIndex(of: "\n") { text = String(text[..<newline]) }
        return (status, text)
    }

    static func stop(_ running: EdgeCheckBinary.Running) -> EdgeCheckBinary.Output {
        running.process.terminate()
        return running.wait()
    }

    @Test func probesAModuleAndAnswersTheExposition() async throws {
        let (edgecheck, running, address) = try await Self.start()
        // The scratch folder (and the plugins in it) lives as long as `edgecheck`.
        defer { _ = Self.stop(running); _ = edgecheck }
        let up = try Self.curl("http://\(address)/probe?module=up")
        #expect(up.status == 200)
        #expect(up.body.contains("\nprobe_success 1.0\n"), "\(up.body)")
        #expect(up.body.contains(#"edgecheck_check_success{suite="served",check="up",kind="exec"} 1.0"#))
        #expect(!up.body.contains(#"check="down""#))
        let down = try Self.curl("http://\(address)/probe?module=down")
        #expect(down.body.contains("\nprobe_success 0.0\n"), "\(down.body)")
        for body in [up.body, down.body, try Self.curl("http://\(address)/metrics").body] {
            let (status, output) = try PromtoolForCLITests.check(body)
            #expect(status == 0, "\(output)")
        }
        let metrics = try Self.curl("http://\(address)/metrics").body
        #expect(metrics.contains(#"edgecheck_probes_total{module="up",result="success"} 1"#), "\(metrics)")
        #expect(metrics.contains("process_resident_memory_bytes "))
    }

    @Test func aBadModuleOrTargetIsA400ThatSaysWhy() async throws {
        let (edgecheck, running, address) = try await Self.start()
        // The scratch folder (and the plugins in it) lives as long as `edgecheck`.
        defer { _ = Self.stop(running); _ = edgecheck }
        let unknown = try Self.curl("http://\(address)/probe?module=uup")
        #expect(unknown.status == 400)
        #expect(unknown.body.contains("unknown module 'uup'; did you mean 'up'?"), "\(unknown.body)")
        let missing = try Self.curl("http://\(address)/probe")
        #expect(missing.status == 400)
        #expect(missing.body.contains("module is required"))
        let target = try Self.curl("http://\(address)/probe?module=up&target=ftp%3A%2F%2Fwww.example.test%2F")
        #expect(target.status == 400)
        #expect(target.body.contains("scheme 'ftp'"), "\(target.body)")
        let garbage = try Self.curl("http://\(address)/nowhere")
        #expect(garbage.status == 404)
        // Still serving the others.
        #expect(try Self.curl("http://\(address)/probe?module=up").status == 200)
    }

    @Test func aProbePastTheScrapeTimeoutAnswersFailureInTime() async throws {
        let (edgecheck, running, address) = try await Self.start()
        // The scratch folder (and the plugins in it) lives as long as `edgecheck`.
        defer { _ = Self.stop(running); _ = edgecheck }
        let slow = try Self.curl("http://\(address)/probe?module=slow", headers: ["X-Prometheus-Scrape-Timeout-Seconds: 1.5"],
                                 maxTime: 10)
        #expect(slow.status == 200)
        #expect(slow.body.contains("\nprobe_success 0.0\n"), "\(slow.body)")
        #expect(slow.body.contains(#"edgecheck_check_success{suite="served",check="slow",kind="exec"} 0.0"#))
    }

    @Test func manyConcurrentScrapesAreAllAnswered() async throws {
        let (edgecheck, running, address) = try await Self.start(["--jobs", "4"])
        // The scratch folder (and the plugins in it) lives as long as `edgecheck`.
        defer { _ = Self.stop(running); _ = edgecheck }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 {
                group.addTask { try Self.curl("http://\(address)/probe?module=up").status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.count == 40)
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
    }

    @Test func sigtermWhileProbingExitsZeroWithinThreeSeconds() async throws {
        let (edgecheck, running, address) = try await Self.start()
        defer { _ = edgecheck }
        let probe = Task.detached { try Self.curl("http://\(address)/probe?module=slow", maxTime: 30) }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now
        let output = Self.stop(running)
        let took = ContinuousClock.now - start
        #expect(output.status == 0, "\(output.stderr)")
        #expect(took < .seconds(3), "\(took)")
        _ = try? await probe.value
    }

    @Test func listensOnlyWhereToldTo() async throws {
        let (edgecheck, running, address) = try await Self.start()
        // The scratch folder (and the plugins in it) lives as long as `edgecheck`.
        defer { _ = Self.stop(running); _ = edgecheck }
        let port = address.split(separator: ":").last!
        #expect(try Self.curl("http://127.0.0.2:\(port)/metrics", maxTime: 5).status == 0)
        #expect(try Self.curl("http://\(address)/metrics").status == 200)
    }

    @Test func aBadListenAddressIsAUsageError() throws {
        let edgecheck = try EdgeCheckBinary()
        let output = try edgecheck.run(["serve", "--listen", "localhost:80"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--listen"))
    }
}

/// `promtool check metrics` on an exposition: its exit status and messages.
enum PromtoolForCLITests {
    static func check(_ text: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["promtool", "check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let messages = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: messages, as: UTF8.self))
    }
}
