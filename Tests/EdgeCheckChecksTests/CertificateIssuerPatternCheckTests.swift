import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// `issuer:` is a case-insensitive substring of the issuer DN, or a `/regex/` as written.
@Suite struct CertificateIssuerPatternCheckTests {
    private let issuing = "CN=Edge Lab Issuing CA,O=Edge Lab"
    private let other = "CN=Edge Lab Other CA,O=Edge Lab"

    @Test func substringIgnoresCase() throws {
        let pattern = try #require(IssuerPattern(parsing: "edge lab issuing ca"))
        #expect(pattern.matches(issuing))
        #expect(!pattern.matches(other))
        #expect(pattern.description == "'edge lab issuing ca'")
    }

    @Test func slashesMakeARegexSearchedAsWritten() throws {
        let pattern = try #require(IssuerPattern(parsing: "/^CN=Edge Lab (Issuing|Root) CA,/"))
        #expect(pattern == .regex("^CN=Edge Lab (Issuing|Root) CA,"))
        #expect(pattern.matches(issuing))
        #expect(!pattern.matches(other))
        #expect(!pattern.matches(issuing.lowercased()))
        #expect(try #require(IssuerPattern(parsing: "/(?i)issuing/")).matches(issuing))
    }

    @Test func emptyAndBrokenPatternsAreRejected() {
        #expect(IssuerPattern(parsing: "") == nil)
        #expect(IssuerPattern(parsing: "//") == nil)
        #expect(IssuerPattern(parsing: "/(unclosed/") == nil)
        #expect(IssuerPattern(parsing: "/") == .substring("/"))
    }
}
