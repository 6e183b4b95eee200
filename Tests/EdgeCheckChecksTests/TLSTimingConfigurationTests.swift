import Foundation
import Testing
import Yams
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct TLSTimingConfigurationTests {
    private func settings(_ yaml: String, target: String? = nil) throws -> CheckSettings {
        let node = try #require(try Yams.compose(yaml: yaml))
        return CheckSettings(mapping: node, file: "suite.yaml", directory: URL(fileURLWithPath: "/suites"),
                             target: target.flatMap(URL.init(string:)), keyPath: "checks[2]")
    }

    @Test func oneHopFromTheTargetByDefault() throws {
        let configuration = try TLSTimingConfiguration(settings: settings("kind: tls-timing\n",
                                                                          target: "https://www.example.test:8443"))
        #expect(configuration.hops == [TimingHop(name: "www.example.test", url: URL(string: "https://www.example.test:8443")!)])
        #expect(configuration.samples == 10)
        #expect(configuration.budget.isEmpty)
    }

    @Test func hopsAndBudgetAreRead() throws {
        let pin = Data(repeating: 1, count: 32).base64EncodedString()
        let configuration = try TLSTimingConfiguration(settings: settings("""
            samples: 3
            hops:
              - name: ingress
                url: https://127.0.20.1:8443/
                server-name: ingress.example.test
                pin-sha256: sha256//\(pin)
              - name: alb
                url: https://alb.example.test/
                connect-to: "[::1]:9443"
                ca-file: alb.pem
            budget:
              tls-p50: 50ms
              total-max: 1s
            """))
        #expect(configuration.samples == 3)
        #expect(configuration.hops.map(\.name) == ["ingress", "alb"])
        #expect(configuration.hops[0].serverName == "ingress.example.test")
        #expect(configuration.hops[0].pinSHA256 == pin)
        #expect(configuration.hops[1].connectAddress == "::1")
        #expect(configuration.hops[1].connectPort == 9443)
        #expect(configuration.hops[1].caFile == "/suites/alb.pem")
        #expect(configuration.budget == [TimingBudget(phase: .tls, statistic: .p50, limit: .milliseconds(50)),
                                         TimingBudget(phase: .total, statistic: .max, limit: .seconds(1))])
    }

    @Test func aBadBudgetKeyIsASuiteErrorNamingIt() throws {
        let input = try settings("budget:\n  tls-p51: 50ms\n", target: "https://h/")
        do {
            _ = try TLSTimingConfiguration(settings: input)
            Issue.record("tls-p51 was accepted")
        } catch {
            #expect(error.key == "checks[2].budget.tls-p51")
            #expect(error.message == "unknown statistic 'p51' in 'tls-p51' (use p50, p90, p95, p99, max)")
        }
    }

    @Test func duplicateHopNamesAreRefused() throws {
        #expect(throws: SuiteError.self) {
            try TLSTimingConfiguration(settings: settings("""
                hops:
                  - {name: a, url: "https://a/"}
                  - {name: a, url: "https://b/"}
                """))
        }
    }

    @Test func insecureAndAPinExcludeEachOther() throws {
        let pin = Data(repeating: 1, count: 32).base64EncodedString()
        #expect(throws: SuiteError.self) {
            try TLSTimingConfiguration(settings: settings("hops:\n  - {name: a, url: \"https://a/\", insecure: true, pin-sha256: \"\(pin)\"}\n"))
        }
    }

    @Test func anUnknownHopKeyIsRefused() throws {
        #expect(throws: SuiteError.self) {
            try TLSTimingConfiguration(settings: settings("hops:\n  - {name: a, url: \"https://a/\", conect-to: 127.0.0.1}\n"))
        }
    }

    @Test func theDescriptionListsEveryKey() {
        #expect(TLSTimingCheck.description.keys.map(\.name) == ["hops", "samples", "budget"])
    }
}
