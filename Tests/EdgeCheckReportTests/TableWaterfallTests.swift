import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct TableWaterfallTests {
    private func hop(_ name: String, dns: Double, connect: Double, tls: Double, ttfb: Double) -> TLSTimingData.Hop {
        let timings = PhaseTimings(dns: dns, connect: connect, tls: tls, ttfb: ttfb, total: dns + connect + tls + ttfb)
        return TLSTimingData.Hop(name: name, url: "https://\(name)/", address: "127.0.0.1", port: 443, tlsVersion: "TLSv1.3",
                                 cipher: nil, insecure: false, pinned: false, samples: 1, requested: 1, failed: 0,
                                 phases: TLSTimingData.Phases(samples: [timings]))
    }

    /// The table's drawing of the tls-timing data's waterfall.
    private func lines(_ data: TLSTimingData, colors: Bool) -> [String] {
        TableWaterfall(waterfall: data.waterfall!, colors: colors).lines()
    }

    private func glyphs(_ line: String) -> [Character: Int] {
        var counts: [Character: Int] = [:]
        for character in line where "░▒▓█".contains(character) { counts[character, default: 0] += 1 }
        return counts
    }

    @Test func eachHopShowsItsCostOverThePreviousOne() {
        let data = TLSTimingData(hops: [
            hop("alb", dns: 0, connect: 1, tls: 2, ttfb: 2),
            hop("ingress", dns: 0, connect: 1, tls: 4, ttfb: 5),
            hop("nlb", dns: 3, connect: 3, tls: 9, ttfb: 15),
        ])
        let lines = lines(data, colors: false)
        #expect(lines.count == 4)
        #expect(lines[0] == "p50 per hop: ░ dns  ▒ connect  ▓ tls  █ ttfb")
        #expect(!lines[1].contains("over"))
        #expect(lines[2].hasSuffix("10.0 ms  +5.0 ms over alb"))
        #expect(lines[3].hasSuffix("30.0 ms  +20.0 ms over ingress"))
    }

    @Test func barsAreScaledToTheSlowestHop() {
        let data = TLSTimingData(hops: [
            hop("fast", dns: 0, connect: 0, tls: 5, ttfb: 10),
            hop("slow", dns: 3, connect: 3, tls: 9, ttfb: 15),
        ])
        let lines = lines(data, colors: false)
        // slow: 30 ms over 30 columns, one column per millisecond.
        #expect(glyphs(lines[2]) == ["░": 3, "▒": 3, "▓": 9, "█": 15])
        // fast: half the width.
        #expect(glyphs(lines[1]) == ["▓": 5, "█": 10])
        #expect(lines[1].hasPrefix("fast ▕"))
    }

    @Test func aFasterHopShowsANegativeDifference() {
        let data = TLSTimingData(hops: [hop("a", dns: 0, connect: 0, tls: 5, ttfb: 5), hop("b", dns: 0, connect: 0, tls: 2, ttfb: 2)])
        #expect(lines(data, colors: false)[2].hasSuffix("−6.0 ms over a"))
    }

    @Test func aHopWithoutSamplesSaysSo() {
        var failed = hop("dead", dns: 0, connect: 0, tls: 0, ttfb: 0)
        failed.phases = nil
        let lines = lines(TLSTimingData(hops: [hop("ok", dns: 0, connect: 1, tls: 1, ttfb: 1), failed]), colors: false)
        #expect(lines[2].hasSuffix("no successful sample"))
    }

    @Test func coloursAreOptional() {
        let data = TLSTimingData(hops: [hop("a", dns: 1, connect: 1, tls: 1, ttfb: 1)])
        #expect(lines(data, colors: true)[1].contains("\u{1B}["))
        #expect(!lines(data, colors: false)[1].contains("\u{1B}["))
    }

    @Test func theTableShowsTheWaterfallOnlyForTLSTiming() {
        let data = TLSTimingData(hops: [hop("a", dns: 1, connect: 1, tls: 1, ttfb: 1)])
        let timing = CheckResult(id: "t", kind: "tls-timing", status: .pass, summary: "", durationMs: 1, data: data)
        let other = CheckResult(id: "r", kind: "redirect", status: .pass, summary: "", durationMs: 1)
        #expect(TableWaterfall.lines(for: timing, colors: false).count == 2)
        #expect(TableWaterfall.lines(for: other, colors: false).isEmpty)
    }
}
