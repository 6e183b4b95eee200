import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckRun
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// How a `static-ip` entry of a suite file reads: defaults, every key, and the errors a user sees.
@Suite struct StaticIPSuiteEntryTests {
    private func configuration(_ entry: String, target: String? = "https://www.edgecheck.test:8443") throws
        -> StaticIPConfiguration {
        let suite = try SuiteLoader.parse(yaml: yaml(entry, target: target), file: "edge.yaml",
                                          directory: URL(fileURLWithPath: "/tmp"), options: LoadOptions())
        let check = try #require(suite.checks.first?.check as? StaticIPCheck)
        return check.configuration
    }

    private func error(_ entry: String, target: String? = "https://www.edgecheck.test:8443") -> SuiteError? {
        do {
            _ = try SuiteLoader.parse(yaml: yaml(entry, target: target), file: "edge.yaml",
                                      directory: URL(fileURLWithPath: "/tmp"), options: LoadOptions())
            return nil
        } catch {
            return error
        }
    }

    private func yaml(_ entry: String, target: String?) -> String {
        let indented = entry.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")
        return (target.map { "target: \($0)\n" } ?? "") + "checks:\n  - kind: static-ip\n" + indented + "\n"
    }

    @Test func defaultsComeFromTheContractAndTheTarget() throws {
        let configuration = try configuration("expect: [127.0.10.1, 127.0.10.2]")
        #expect(configuration.host == "www.edgecheck.test")
        #expect(configuration.port == 8443)
        #expect(configuration.expect.map(\.description) == ["127.0.10.1", "127.0.10.2"])
        #expect(configuration.lookups == 5)
        #expect(configuration.interval == .seconds(1))
        #expect(configuration.recordTypes == [.a, .aaaa])
        #expect(configuration.probe == .tls)
    }

    @Test func portDefaultsTo443WhenTheTargetHasNone() throws {
        let configuration = try configuration("expect: [203.0.113.10]", target: "https://www.example.gov.uk")
        #expect(configuration.port == 443)
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try configuration("""
            host: api.edgecheck.test
            port: 9443
            expect: [203.0.113.10, 198.51.100.0/28, "2001:db8::1"]
            lookups: 2
            interval: 250ms
            record-types: [a]
            probe: https
            """)
        #expect(configuration.host == "api.edgecheck.test")
        #expect(configuration.port == 9443)
        #expect(configuration.expect.map(\.description) == ["203.0.113.10", "198.51.100.0/28", "2001:db8::1"])
        #expect(configuration.lookups == 2)
        #expect(configuration.interval == .milliseconds(250))
        #expect(configuration.recordTypes == [.a])
        #expect(configuration.probe == .https)
    }

    @Test func expectIsRequired() {
        let error = error("host: www.edgecheck.test")
        #expect(error?.key == "checks[0].expect")
        #expect(error?.message.contains("missing") == true)
    }

    @Test func hostIsRequiredWithoutATarget() {
        let error = error("expect: [127.0.10.1]", target: nil)
        #expect(error?.key == "checks[0].host")
    }

    @Test func badValuesNameTheirKey() {
        #expect(error("expect: [127.0.10.300]")?.key == "checks[0].expect[0]")
        #expect(error("expect: []")?.key == "checks[0].expect")
        #expect(error("expect: [127.0.10.1]\nprobe: ping")?.key == "checks[0].probe")
        #expect(error("expect: [127.0.10.1]\nrecord-types: [MX]")?.key == "checks[0].record-types")
        #expect(error("expect: [127.0.10.1]\nlookups: 0")?.key == "checks[0].lookups")
        #expect(error("expect: [127.0.10.1]\ninterval: 1")?.key == "checks[0].interval")
        #expect(error("expect: [127.0.10.1]\nport: 70000")?.key == "checks[0].port")
        #expect(error("expect: [127.0.10.1]\nhost: https://www.edgecheck.test/")?.key == "checks[0].host")
    }

    @Test func errorsCarryTheLine() {
        let error = error("expect: [127.0.10.1]\nprobe: ping")
        #expect(error?.file == "edge.yaml")
        #expect(error?.line == 5)
    }

    @Test func listDescribesEveryKeyWithItsDefault() {
        let keys = Dictionary(uniqueKeysWithValues: StaticIPCheck.description.keys.map { ($0.name, $0) })
        #expect(StaticIPCheck.description.kind == "static-ip")
        #expect(Set(keys.keys) == ["host", "port", "expect", "lookups", "interval", "record-types", "probe"])
        #expect(keys["expect"]?.required == true)
        #expect(keys["lookups"]?.defaultValue == "5")
        #expect(keys["interval"]?.defaultValue == "1s")
        #expect(keys["record-types"]?.defaultValue == "[A, AAAA]")
        #expect(keys["probe"]?.defaultValue == "tls")
        #expect(keys.values.allSatisfy { !$0.meaning.isEmpty && !$0.type.isEmpty })
    }
    @Test func eachLookupIsReportedUnderItsResolverWithTheSmallestTTL() {
        let server = DNSServer.address(host: "127.0.53.1", port: 10053)
        let answered = DNSLookup(name: "www.edgecheck.test", type: .a, resolver: server, answers: [
            DNSLookup.Answer(address: "127.0.10.1", type: .a, ttl: 60),
            DNSLookup.Answer(address: "127.0.10.2", type: .a, ttl: 30),
        ])
        let record = StaticIPCheck.record(answered, resolver: server, round: 3)
        #expect(record == StaticIPData.Lookup(resolver: "127.0.53.1:10053", round: 3, type: .a,
                                              answers: ["127.0.10.1", "127.0.10.2"], ttl: 30))
        let failed = DNSLookup(name: "www.edgecheck.test", type: .aaaa, resolver: server,
                               failure: NetFailure(.servfail, "127.0.53.1:10053 answered SERVFAIL"))
        let failure = StaticIPCheck.record(failed, resolver: server, round: 1)
        #expect(failure.failureClass == .servfail)
        #expect(failure.error == "127.0.53.1:10053 answered SERVFAIL")
        #expect(failure.ttl == nil)
        #expect(!failure.succeeded)
    }
}
