import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct LocationResolverTests {
    let requested = URL(string: "http://www.example.test/a/b?x=1")!

    private func resolved(_ location: String) -> String? {
        LocationResolver.resolve(location, against: requested).flatMap(LocationResolver.Destination.init)?.description
    }

    @Test func absoluteLocationIsKept() {
        #expect(resolved("https://www.example.test/a/b?x=1") == "https://www.example.test/a/b?x=1")
    }

    @Test func relativeLocationsResolveAgainstTheRequestedURL() {
        #expect(resolved("/new?y=2") == "http://www.example.test/new?y=2")
        #expect(resolved("c") == "http://www.example.test/a/c")
        #expect(resolved("../c") == "http://www.example.test/c")
        #expect(resolved("?q=2") == "http://www.example.test/a/b?q=2")
        #expect(resolved("//other.test/p") == "http://other.test/p")
    }

    @Test func defaultPortsAndCaseDoNotMatter() {
        let explicit = LocationResolver.Destination(URL(string: "HTTPS://WWW.Example.TEST:443/a/b?x=1")!)
        let plain = LocationResolver.Destination(URL(string: "https://www.example.test/a/b?x=1")!)
        #expect(explicit == plain)
        #expect(explicit?.port == 443)
        #expect(LocationResolver.Destination(URL(string: "http://h")!)?.port == 80)
        #expect(LocationResolver.Destination(URL(string: "https://h")!)?.path == "/")
    }

    @Test func nonHTTPLocationsAreRejected() {
        #expect(LocationResolver.resolve("ftp://h/x", against: requested) == nil)
        #expect(LocationResolver.resolve("   ", against: requested) == nil)
    }

    @Test func expectationKeepsHostPathAndQuery() {
        let expected = LocationResolver.expectedDestination(for: requested, httpsPort: 443)
        #expect(expected?.description == "https://www.example.test/a/b?x=1")
        let onPort = LocationResolver.expectedDestination(for: URL(string: "http://www.example.test:8080/")!, httpsPort: 8443)
        #expect(onPort?.description == "https://www.example.test:8443/")
    }

    @Test func ipv6HostsKeepTheirBrackets() {
        let expected = LocationResolver.expectedDestination(for: URL(string: "http://[::1]:8080/p")!, httpsPort: 8443)
        #expect(expected?.description == "https://[::1]:8443/p")
        #expect(expected?.host == "::1")
    }

    @Test func differencesNameWhatWentWrong() throws {
        let expected = try #require(LocationResolver.expectedDestination(for: requested, httpsPort: 8443))
        func differences(_ location: String) throws -> [String] {
            let actual = try #require(LocationResolver.Destination(URL(string: location)!))
            return LocationResolver.differences(actual, expected: expected)
        }
        #expect(try differences("https://www.example.test:8443/a/b?x=1").isEmpty)
        #expect(try differences("https://www.example.test:8443/") == ["the path /a/b was dropped", "the query ?x=1 was dropped"])
        #expect(try differences("http://www.example.test:8443/a/b?x=1") == ["it points to plain http"])
        #expect(try differences("https://www.example.test/a/b?x=1") == ["port 443, expected 8443"])
        #expect(try differences("https://other.test:8443/a/b?x=1") == ["host other.test, expected www.example.test"])
        #expect(try differences("https://www.example.test:8443/z?x=1") == ["path /z, expected /a/b"])
        #expect(try differences("https://www.example.test:8443/a/b") == ["the query ?x=1 was dropped"])
    }

    @Test func percentEscapesThatMeanTheSameCountAsEqual() throws {
        let a = try #require(LocationResolver.Destination(URL(string: "https://h/%7Euser")!))
        let b = try #require(LocationResolver.Destination(URL(string: "https://h/~user")!))
        #expect(a.sameDestination(as: b))
    }
}
