import Foundation
import Testing

/// `edgecheck serve` runs for weeks under a scraper, so what a probe allocates must go when the
/// probe ends: resident memory after thousands of probes stays near where it was after the first.
@Suite struct ServeMemoryTests {
    /// Probes before the first reading (caches, pools and the allocator's arenas fill up), and
    /// between the two readings.
    static let warmUp = 1_000
    static let probes = 2_000
    /// The growth allowed between the readings. A debug build grows by some 60 KiB here; with its
    /// timeouts on `Task.sleep`, whose cancelled wake-ups each kept a few hundred bytes until their
    /// deadline (60 s), it grew by 5.4 MB over these 2,000 probes. A leak of more than 1 KiB a probe fails it.
    static let allowedGrowth = 2 * 1_024 * 1_024

    @Test func residentMemoryStaysFlatOverThousandsOfProbes() async throws {
        let edgecheck = try EdgeCheckBinary()
        let address = "127.0.0.1:\(Int.random(in: 40_000...60_000))"
        // A cheap module that still goes through libcurl and a real HTTP exchange: a redirect check
        // of the server's own /metrics (it answers 200, so the check fails; the verdict is not
        // what this test is about).
        try edgecheck.file("memory.yaml", """
            name: memory
            checks:
              - id: self
                kind: redirect
                url: http://\(address)/metrics
                timeout: 5s
            """)
        let running = try edgecheck.start(["serve", edgecheck.path("memory.yaml"), "--listen", address])
        defer { _ = ServeCommandTests.stop(running); _ = edgecheck }
        var listening = false
        // A hang detector: a loaded two-core machine can keep a starting process waiting for seconds.
        let deadline = ContinuousClock.now + .seconds(60)
        while !listening, ContinuousClock.now < deadline, running.process.isRunning {
            listening = (try? ServeCommandTests.curl("http://\(address)/metrics", maxTime: 5).status) == 200
            if !listening { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(listening, "serve did not listen on \(address)")
        let probe = try ServeCommandTests.curl("http://\(address)/probe?module=self")
        try #require(probe.status == 200 && probe.body.contains(#"check="self""#), "\(probe.body)")

        try #require(try Self.scrape(address, times: Self.warmUp, in: edgecheck) == Self.warmUp)
        let before = try #require(Self.residentBytes(of: running.process.processIdentifier))
        #expect(try Self.scrape(address, times: Self.probes, in: edgecheck) == Self.probes)
        let after = try #require(Self.residentBytes(of: running.process.processIdentifier))
        #expect(after - before < Self.allowedGrowth,
                "resident memory grew from \(before / 1_024) KiB to \(after / 1_024) KiB over \(Self.probes) probes")
    }

    /// Runs `times` probes through one curl, four at a time, and counts the 200 answers.
    static func scrape(_ address: String, times: Int, in edgecheck: EdgeCheckBinary) throws -> Int {
        let config = String(repeating: "url = \"http://\(address)/probe?module=self\"\noutput = \"/dev/null\"\n",
                            count: times)
        try edgecheck.file("scrape.curlrc", config)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // --max-time bounds each transfer: a hang detector, never a timed assertion.
        process.arguments = ["curl", "-s", "--no-progress-meter", "--parallel", "--parallel-max", "4", "--max-time", "30",
                             "-w", "%{http_code}\n", "-K", edgecheck.path("scrape.curlrc")]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").filter { $0 == "200" }.count
    }

    /// VmRSS of `pid`, from /proc.
    static func residentBytes(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "") else { return nil }
        return kilobytes * 1_024
    }
}
