import Foundation
import Testing
@testable import EdgeCheckRun
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
@testable import EdgeCheckReport
import EdgeCheckTestSupport

@Suite struct DefaultSuiteTests {
    @Test func theTextNamesEveryCheckAndDerivesTheRedirect() {
        let yaml = DefaultSuite.yaml(for: URL(string: "https://www.example.test:8443/app?x=1")!)
        #expect(yaml.contains("target: 'https://www.example.test:8443/app?x=1'"))
        #expect(yaml.contains("url: '${EDGECHECK_HTTP_URL:-http://www.example.test/app?x=1}'"))
        #expect(yaml.contains("https-port: 8443"))
        #expect(yaml.contains("id: certificate"))
        #expect(yaml.contains("id: tls-timing"))
    }

    @Test func port443NeedsNoHTTPSPort() {
        let yaml = DefaultSuite.yaml(for: URL(string: "https://www.example.test")!)
        #expect(!yaml.contains("https-port"))
        #expect(yaml.contains("http://www.example.test/}"))
    }

    @Test func aDollarInTheTargetSurvivesSubstitution() {
        let yaml = DefaultSuite.yaml(for: URL(string: "https://www.example.test/$x")!)
        #expect(yaml.contains("target: 'https://www.example.test/$$x'"))
    }

    @Test func aPlainHTTPTargetIsRefused() {
        #expect(throws: SuiteError(file: "", line: nil, key: "--target",
                                   message: "'http://www.example.test' is not an https URL with a host (write e.g. https://www.example.com)")) {
            try DefaultSuite.make(target: URL(string: "http://www.example.test")!, options: LoadOptions())
        }
    }

    @Test func theSuiteHasTheFourChecksWithTheOptionsApplied() throws {
        let options = LoadOptions(dnsServers: [.address(host: "127.0.53.1", port: 10053)], caFile: "/tmp/trust.pem",
                                  timeout: .seconds(3))
        let suite = try DefaultSuite.make(target: URL(string: "https://www.example.test:8443")!, options: options)
        #expect(suite.checks.map(\.id) == ["addresses", "certificate", "redirect", "tls-timing"])
        #expect(suite.checks.map(\.kind) == ["static-ip", "certificate", "redirect", "tls-timing"])
        #expect(suite.file == "")
        #expect(suite.name == "target https://www.example.test:8443")
        #expect(suite.target?.absoluteString == "https://www.example.test:8443")
        for check in suite.checks {
            #expect(check.common.dnsServers == [.address(host: "127.0.53.1", port: 10053)], "\(check.id)")
            #expect(check.common.caFile == "/tmp/trust.pem", "\(check.id)")
            #expect(check.common.timeout == .seconds(3), "\(check.id)")
        }
        let redirect = try #require(suite.checks[2].check as? RedirectCheck)
        #expect(redirect.configuration.url.absoluteString == "http://www.example.test/")
        #expect(redirect.configuration.expectedDestination?.description == "https://www.example.test:8443/")
        let timing = try #require(suite.checks[3].check as? TLSTimingCheck)
        #expect(timing.configuration.hops.map(\.name) == ["www.example.test"])
    }

    @Test func theHTTPURLComesFromAVariableWhenGiven() throws {
        let options = LoadOptions(variables: ["EDGECHECK_HTTP_URL": "http://www.example.test:8080/"])
        let suite = try DefaultSuite.make(target: URL(string: "https://www.example.test:8443")!, options: options)
        let redirect = try #require(suite.checks.first { $0.id == "redirect" }?.check as? RedirectCheck)
        #expect(redirect.configuration.url.absoluteString == "http://www.example.test:8080/")
        #expect(redirect.configuration.httpsPort == 8443)
    }
}
