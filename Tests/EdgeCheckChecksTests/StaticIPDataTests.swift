import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// The `data` object of a `static-ip` result carries the contract's JSON keys.
@Suite struct StaticIPDataTests {
    private func json(_ data: StaticIPData) throws -> [String: Any] {
        let encoded = try JSONEncoder().encode(data)
        return try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
    }

    @Test func theContractKeysArePresent() throws {
        let data = StaticIPData(
            host: "www.edgecheck.test", port: 8443, probe: "tls", expect: ["127.0.10.1"], resolvers: ["127.0.53.1:10053"],
            rounds: 1, seen: ["127.0.10.1", "127.0.10.66"], unexpected: ["127.0.10.66"], missing: [],
            lookups: [
                StaticIPData.Lookup(resolver: "127.0.53.1:10053", round: 1, type: .a,
                                    answers: ["127.0.10.1", "127.0.10.66"], ttl: 30),
                StaticIPData.Lookup(resolver: "127.0.53.3:10053", round: 1, type: .a, answers: [],
                                    failureClass: .dnsTimeout, error: "no answer within 1s"),
            ],
            probes: [StaticIPData.Probe(address: "127.0.10.1", ok: true, ms: 2),
                     StaticIPData.Probe(address: "127.0.10.66", ok: false, failureClass: .refused, ms: 1, error: "refused")])
        let object = try json(data)
        #expect(object["seen"] as? [String] == ["127.0.10.1", "127.0.10.66"])
        #expect(object["unexpected"] as? [String] == ["127.0.10.66"])
        #expect(object["missing"] as? [String] == [])
        let lookups = try #require(object["lookups"] as? [[String: Any]])
        #expect(lookups[0]["resolver"] as? String == "127.0.53.1:10053")
        #expect(lookups[0]["answers"] as? [String] == ["127.0.10.1", "127.0.10.66"])
        #expect(lookups[0]["ttl"] as? Int == 30)
        #expect(lookups[0]["error"] is NSNull)
        #expect(lookups[1]["ttl"] is NSNull)
        #expect(lookups[1]["error"] as? String == "no answer within 1s")
        #expect(lookups[1]["class"] as? String == "dns-timeout")
        let probes = try #require(object["probes"] as? [[String: Any]])
        #expect(probes[0]["address"] as? String == "127.0.10.1")
        #expect(probes[0]["ok"] as? Bool == true)
        #expect(probes[0]["class"] is NSNull)
        #expect(probes[0]["ms"] as? Double == 2)
        #expect(probes[1]["class"] as? String == "refused")
    }
}
