import Foundation
import Testing

extension LabTests {
    /// Two vantage points, one Prometheus: `lab/prometheus` runs Debian's Prometheus scraping two
    /// `edgecheck serve` instances (sources 127.0.98.1 and .2) every second. Its HTTP API must show
    /// `probe_success` and `edgecheck_subject_success` per vantage point and subject; under a lab
    /// fault the right series turn 0 for the right subject, and back to 1 once the lab heals.
    @Suite(.stopsLabAfterwards) struct PrometheusLabTests {
        static let api = "http://127.0.0.1:19090/api/v1/query"

        /// The value of every series `query` returns, by the labels named in `key`.
        static func query(_ query: String, key: [String]) throws -> [String: Double] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["curl", "-s", "--max-time", "2", "-G", api, "--data-urlencode", "query=\(query)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let result = (object["data"] as? [String: Any])?["result"] as? [[String: Any]] else { return [:] }
            var values: [String: Double] = [:]
            for series in result {
                let labels = series["metric"] as? [String: String] ?? [:]
                let value = (series["value"] as? [Any])?.last as? String
                values[key.map { labels[$0] ?? "" }.joined(separator: " ")] = value.flatMap(Double.init)
            }
            return values
        }

        /// Polls `query` until `expected` holds, returning the last answer. The deadline is a hang
        /// detector only: with a 1 s scrape interval a change shows within a few seconds.
        static func await(_ query: String, key: [String], _ expected: ([String: Double]) -> Bool) async throws -> [String: Double] {
            let deadline = ContinuousClock.now + .seconds(30)
            var last: [String: Double] = [:]
            while ContinuousClock.now < deadline {
                last = try Self.query(query, key: key)
                if expected(last) { return last }
                try await Task.sleep(for: .milliseconds(250))
            }
            return last
        }

        @Test func faultsTurnTheRightSeriesToZeroAndHealingBackToOne() async throws {
            try Lab.up()
            let started = try Lab.run(Lab.root.appendingPathComponent("lab/prometheus"), ["up", Lab.binary.path])
            defer { _ = try? Lab.run(Lab.root.appendingPathComponent("lab/prometheus"), ["down"]) }
            try #require(started.status == 0, "\(started.stderr)")

            // Healthy: both vantage points succeed, every subject of both checks is 1.
            let healthy = try await Self.await("probe_success", key: ["vantage"]) { $0["a"] == 1 && $0["b"] == 1 }
            #expect(healthy == ["a": 1, "b": 1])
            let subjects = try await Self.await("edgecheck_subject_success", key: ["vantage", "check", "subject"]) { $0.count == 8 }
            #expect(subjects["a front-certificate 127.0.10.2"] == 1)
            #expect(subjects["b static-ips 127.0.10.1"] == 1)
            #expect(subjects.values.allSatisfy { $0 == 1 }, "\(subjects)")

            // A rogue address: static-ips fails at both vantage points, for 127.0.10.66 only. The wait
            // is for the whole picture: a scrape that ran while lab/up restarted the lab may have
            // failed every subject, and it stays the latest sample until the next one.
            try Lab.up(["rogue-ip"])
            let rogue = try await Self.await(#"edgecheck_subject_success{check="static-ips"}"#, key: ["vantage", "subject"]) {
                $0["a 127.0.10.66"] == 0 && $0["b 127.0.10.66"] == 0 && $0["a 127.0.10.1"] == 1 && $0["b 127.0.10.1"] == 1
            }
            #expect(rogue["a 127.0.10.66"] == 0 && rogue["b 127.0.10.66"] == 0)
            #expect(rogue["a 127.0.10.1"] == 1 && rogue["b 127.0.10.1"] == 1)
            #expect(try Self.query(#"edgecheck_address_seen{address="127.0.10.66"}"#, key: ["vantage", "allowed"])["a false"] == 1)
            #expect(try Self.query("probe_success", key: ["vantage"]) == ["a": 0, "b": 0])

            // A wrong issuer on one IP: the certificate subject 127.0.10.2 turns 0, 127.0.10.1 stays 1.
            try Lab.up(["wrong-issuer"])
            let issuer = try await Self.await(#"edgecheck_subject_success{check="front-certificate"}"#, key: ["vantage", "subject"]) {
                $0["a 127.0.10.2"] == 0 && $0["b 127.0.10.2"] == 0 && $0["a 127.0.10.1"] == 1 && $0["b 127.0.10.1"] == 1
            }
            #expect(issuer["a 127.0.10.2"] == 0 && issuer["b 127.0.10.2"] == 0)
            #expect(issuer["a 127.0.10.1"] == 1 && issuer["b 127.0.10.1"] == 1)

            // Healed: everything back to 1.
            try Lab.up()
            let healed = try await Self.await(#"edgecheck_subject_success{check="front-certificate"}"#, key: ["vantage", "subject"]) {
                $0["a 127.0.10.2"] == 1 && $0["b 127.0.10.2"] == 1
            }
            #expect(healed["a 127.0.10.2"] == 1)
            let back = try await Self.await("probe_success", key: ["vantage"]) { $0["a"] == 1 && $0["b"] == 1 }
            #expect(back == ["a": 1, "b": 1])
        }
    }
}
