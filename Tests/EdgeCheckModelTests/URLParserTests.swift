import Testing
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct URLParserTests {
    @Test func acceptsHTTPAndHTTPSWithAHost() throws {
        let url = try #require(URLParser.parse("https://www.edgecheck.test:8443/path?q=1"))
        #expect(url.host == "www.edgecheck.test")
        #expect(url.port == 8443)
        #expect(URLParser.parse("http://127.0.40.2:8080/") != nil)
        #expect(URLParser.parse("https://[::1]:8443/") != nil)
        #expect(URLParser.parse("HTTPS://WWW.EDGECHECK.TEST/") != nil)
    }

    @Test func explainsAMissingScheme() {
        #expect(URLParser.problem(with: "www.edgecheck.test")
                == "'www.edgecheck.test' is not an absolute URL (write https://www.edgecheck.test)")
    }

    @Test func explainsAnotherScheme() {
        #expect(URLParser.problem(with: "ftp://files.edgecheck.test/") == "'ftp://files.edgecheck.test/' has scheme 'ftp'; expected http or https")
        #expect(URLParser.parse("ftp://files.edgecheck.test/") == nil)
    }

    @Test func explainsAMissingHost() {
        #expect(URLParser.problem(with: "https:///path") == "'https:///path' has no host")
    }

    @Test func explainsABadPort() {
        #expect(URLParser.problem(with: "https://h:0/") == "'https://h:0/' has port 0; expected 1 to 65535")
        #expect(URLParser.problem(with: "https://h:99999/") == "'https://h:99999/' has port 99999; expected 1 to 65535")
        #expect(URLParser.problem(with: "https://h:abc/") == "'https://h:abc/' is not a valid URL")
    }

    @Test func explainsSpacesAndNothing() {
        #expect(URLParser.problem(with: "https://ex ample.test/") == "'https://ex ample.test/' is not a URL: it contains spaces or control characters")
        #expect(URLParser.problem(with: "") == "expected an http or https URL, found nothing")
    }

    @Test func refusesCredentialsWithoutRepeatingThem() throws {
        let problem = try #require(URLParser.problem(with: "https://user:s3cret@www.edgecheck.test/"))
        #expect(problem == "the URL carries a user name or password (user:password@); leave credentials out of URLs "
                    + "and pass secrets to a plugin through env")
        // Even when the rest of the text would be quoted back for another reason.
        #expect(URLParser.problem(with: "https://user:s3 cret@x/")?.contains("s3") == false)
        #expect(URLParser.problem(with: "user:s3cret@www.edgecheck.test")?.contains("s3cret") == false)
        #expect(!problem.contains("s3cret"))
        #expect(URLParser.problem(with: "ftp://user:s3cret@x/")?.contains("s3cret") == false)
    }
}
