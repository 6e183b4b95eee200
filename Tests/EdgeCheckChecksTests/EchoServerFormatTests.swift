import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

/// Replies in the shapes of the echo servers people deploy as a canary, as each answers a GET
/// that went through two proxies. docs/checks/xff-echo.md lists them with the URL to use.
@Suite struct EchoServerFormatTests {
    private let chain = "127.0.99.7, 127.0.20.1"

    private func parse(_ reply: String, contentType: String, headersAt: String? = nil) throws -> EchoedHeaders {
        try EchoParser.parse(Data(reply.utf8), contentType: contentType, headersAt: headersAt)
    }

    @Test func httpbinHeadersWithShowEnv() throws {
        let reply = """
            {
              "headers": {
                "Accept": "*/*",
                "Host": "www.edgecheck.test",
                "X-Forwarded-For": "\(chain)",
                "X-Forwarded-Proto": "https"
              }
            }
            """
        let echo = try parse(reply, contentType: "application/json")
        #expect(echo.value(of: "X-Forwarded-For") == chain)
        #expect(echo.value(of: "x-forwarded-proto") == "https")
    }

    @Test func traefikWhoamiText() throws {
        let reply = """
            Hostname: 4f1e0c2a9b7d
            IP: 127.0.0.1
            RemoteAddr: 127.0.30.1:41234
            GET /canary HTTP/1.1
            Host: www.edgecheck.test
            User-Agent: edgecheck/0.1.0
            Accept-Encoding: gzip
            X-Forwarded-For: \(chain)
            X-Forwarded-Proto: https

            """
        let echo = try parse(reply, contentType: "text/plain; charset=utf-8")
        #expect(echo.value(of: "X-Forwarded-For") == chain)
    }

    @Test func mendhakHTTPHTTPSEcho() throws {
        let reply = """
            {"path":"/canary","headers":{"host":"www.edgecheck.test","x-forwarded-for":"\(chain)",
             "x-forwarded-proto":"https"},"method":"GET","body":"","fresh":false,"hostname":"www.edgecheck.test",
             "ip":"127.0.99.7","ips":["127.0.99.7","127.0.20.1"],"protocol":"https","query":{},
             "subdomains":[],"xhr":false,"os":{"hostname":"4f1e0c2a9b7d"},"connection":{}}
            """
        let echo = try parse(reply, contentType: "application/json; charset=utf-8")
        #expect(echo.value(of: "X-Forwarded-For") == chain)
        #expect(echo.value(of: "path") == nil, "only the headers object is read")
    }

    @Test func ealenEchoServerKeepsItsHeadersUnderRequest() throws {
        let reply = """
            {"host":{"hostname":"www.edgecheck.test","ip":"::ffff:127.0.30.1","ips":[]},
             "http":{"method":"GET","baseUrl":"","originalUrl":"/canary","protocol":"http"},
             "request":{"params":{"0":"/canary"},"query":{},"cookies":{},"body":{},
                        "headers":{"host":"www.edgecheck.test","x-forwarded-for":"\(chain)","x-forwarded-proto":"https"}},
             "environment":{"PATH":"/usr/local/bin","HOSTNAME":"4f1e0c2a9b7d","HOME":"/root"}}
            """
        let found = try parse(reply, contentType: "application/json")
        #expect(found.value(of: "X-Forwarded-For") == chain)
        let pointed = try parse(reply, contentType: "application/json", headersAt: "/request/headers")
        #expect(pointed.value(of: "X-Forwarded-For") == chain)
    }

    @Test func headersAtMustPointAtAnObject() {
        let reply = #"{"request": {"headers": "none"}, "headers": {"X-Forwarded-For": "1.2.3.4"}}"#
        #expect(throws: EchoParser.Failure(message: "the JSON reply has no object of headers at headers-at '/request/headers'")) {
            try parse(reply, contentType: "application/json", headersAt: "/request/headers")
        }
        #expect(throws: EchoParser.Failure(message: "the JSON reply has nothing at headers-at '/nope'")) {
            try parse(reply, contentType: "application/json", headersAt: "/nope")
        }
    }

    @Test func theShallowestHeadersObjectWins() throws {
        let reply = #"{"a": {"b": {"headers": {"X-Forwarded-For": "deep"}}}, "z": {"headers": {"X-Forwarded-For": "shallow"}}}"#
        #expect(try parse(reply, contentType: "application/json").value(of: "X-Forwarded-For") == "shallow")
    }

    @Test func jsonPointersFollowRFC6901() {
        #expect(JSONPointer("/request/headers")?.tokens == ["request", "headers"])
        #expect(JSONPointer("/a~1b/c~0d")?.tokens == ["a/b", "c~d"])
        #expect(JSONPointer("")?.tokens == [])
        #expect(JSONPointer("request/headers") == nil)
        #expect(JSONPointer("/a~2") == nil)
        let document: Any = ["list": [["headers": ["k": "v"]]]]
        #expect((JSONPointer("/list/0/headers")?.resolve(in: document) as? [String: String]) == ["k": "v"])
        #expect(JSONPointer("/list/01/headers")?.resolve(in: document) == nil)
    }
}
