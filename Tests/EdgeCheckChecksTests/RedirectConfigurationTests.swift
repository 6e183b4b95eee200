import Foundation
import Testing
import Yams
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct RedirectConfigurationTests {
    private func settings(_ yaml: String, target: String? = "https://www.example.test:8443/app?x=1") throws -> CheckSettings {
        let node = try #require(try Yams.compose(yaml: yaml))
        return CheckSettings(mapping: node, file: "suite.yaml", directory: URL(fileURLWithPath: "/tmp"),
                             target: target.flatMap(URL.init(string:)), keyPath: "checks[0]")
    }

    @Test func defaultsFollowTheContract() throws {
        let configuration = try RedirectConfiguration(settings: settings("kind: redirect\n"))
        #expect(configuration.url.absoluteString == "http://www.example.test/app?x=1")
        #expect(configuration.statuses == [301, 302, 303, 307, 308])
        #expect(configuration.httpsPort == 443)
        #expect(configuration.follow && configuration.allIPs)
        #expect(configuration.location == nil)
        #expect(configuration.expectedDestination?.description == "https://www.example.test/app?x=1")
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try RedirectConfiguration(settings: settings("""
            url: http://www.example.test:8080/p
            status: [301, 308]
            location: https://login.example.test/
            https-port: 8443
            follow: false
            all-ips: false
            """))
        #expect(configuration.url.absoluteString == "http://www.example.test:8080/p")
        #expect(configuration.statuses == [301, 308])
        #expect(configuration.expectedDestination?.description == "https://login.example.test/")
        #expect(configuration.httpsPort == 8443)
        #expect(!configuration.follow && !configuration.allIPs)
    }

    @Test func anHTTPSURLIsRefused() throws {
        #expect(throws: SuiteError.self) {
            try RedirectConfiguration(settings: settings("url: https://www.example.test/\n"))
        }
    }

    @Test func aNonRedirectStatusIsRefusedWithItsKey() throws {
        let input = try settings("status: [301, 200]\n")
        do {
            _ = try RedirectConfiguration(settings: input)
            Issue.record("status 200 was accepted")
        } catch {
            #expect(error.key == "checks[0].status")
            #expect(error.message == "'200' is not a redirect status (300 to 399)")
            #expect(error.line == 1)
        }
    }

    @Test func withoutTargetOrURLTheURLIsMissing() throws {
        let input = try settings("kind: redirect\n", target: nil)
        do {
            _ = try RedirectConfiguration(settings: input)
            Issue.record("no url was accepted")
        } catch {
            #expect(error.key == "checks[0].url")
            #expect(error.message.hasPrefix("missing required key"))
        }
    }

    @Test func theDescriptionListsEveryKey() {
        #expect(RedirectCheck.description.keys.map(\.name) == ["url", "status", "location", "https-port", "follow", "all-ips"])
        #expect(RedirectCheck.description.keys.allSatisfy { !$0.meaning.isEmpty })
    }
}
