import Foundation
import Testing
@testable import EdgeCheckCore

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
}
