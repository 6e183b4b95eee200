import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct EchoParserTests {
    private func parse(_ text: String, contentType: String? = nil, format: EchoFormat = .auto) throws -> EchoedHeaders {
        try EchoParser.parse(Data(text.utf8), contentType: contentType, format: format)
    }

    @Test func jsonWithAHeadersObject() throws {
        let echo = try parse(#"{"headers": {"X-Forwarded-For": "127.0.99.7, 127.0.20.1", "Host": "h"}, "path": "/canary"}"#)
        #expect(echo.value(of: "x-forwarded-for") == "127.0.99.7, 127.0.20.1")
        #expect(echo.value(of: "path") == nil)
    }

    @Test func jsonWithHeadersAtTheTopLevel() throws {
        let echo = try parse(#"{"x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https"}"#)
        #expect(echo.value(of: "X-Forwarded-For") == "203.0.113.9")
        #expect(echo.value(of: "X-FORWARDED-PROTO") == "https")
    }

    @Test func jsonArraysAreRepeatedHeadersJoinedInOrder() throws {
        let echo = try parse(#"{"headers": {"X-Forwarded-For": ["10.0.0.1", "127.0.20.1"]}}"#)
        #expect(echo.value(of: "X-Forwarded-For") == "10.0.0.1, 127.0.20.1")
    }

    @Test func jsonIsChosenByContentTypeOrFirstCharacter() throws {
        #expect(try parse("  {\"a\": \"1\"}").value(of: "a") == "1")
        #expect(try parse("{\"a\": 2}", contentType: "application/json; charset=utf-8").value(of: "a") == "2")
    }

    @Test func textLinesWithOddCasingAndRepeatedHeaders() throws {
        let echo = try parse("GET /canary/text HTTP/1.1\r\nHost: www\r\nx-FORWARDED-for: 10.0.0.1\r\n"
                             + "X-Forwarded-For: 127.0.99.7, 127.0.20.1\r\n\r\n")
        #expect(echo.value(of: "X-Forwarded-For") == "10.0.0.1, 127.0.99.7, 127.0.20.1")
        #expect(echo.values(of: "x-forwarded-for").count == 2)
        #expect(echo.value(of: "host") == "www")
    }

    @Test func ipv6ValuesKeepTheirColons() throws {
        let echo = try parse("X-Forwarded-For: 2001:db8::7, [2001:db8::1]:443\n", format: .text)
        #expect(echo.value(of: "X-Forwarded-For") == "2001:db8::7, [2001:db8::1]:443")
    }

    @Test func junkIsAnErrorWithAReason() {
        #expect(throws: EchoParser.Failure(message: "the reply has no 'Name: value' header lines")) {
            try parse("<html><body>Service unavailable</body></html>")
        }
        #expect(throws: EchoParser.Failure(message: "the reply is not valid JSON")) {
            try parse("{\"headers\": ", format: .json)
        }
        #expect(throws: EchoParser.Failure(message: "the reply is JSON but not an object of headers")) {
            try parse("[1, 2]", format: .json)
        }
        #expect(throws: EchoParser.Failure(message: "the reply is not UTF-8 text")) {
            try EchoParser.parse(Data([0xFF, 0xFE, 0x00]))
        }
    }

    @Test func anOversizedReplyIsRefused() {
        let big = Data(repeating: UInt8(ascii: "a"), count: EchoParser.maxBytes + 1)
        #expect(throws: EchoParser.Failure.self) { try EchoParser.parse(big) }
    }

    @Test func forcedTextDoesNotReadJSON() throws {
        // The JSON line has no "Name: value" shape with a token name, so nothing is read.
        #expect(throws: EchoParser.Failure.self) { try parse(#"{"X-Forwarded-For": "1.2.3.4"}"#, format: .text) }
    }

    /// A hostile canary nests far deeper than any echo (within 64 KiB); the reply is refused by a byte scan, before
    /// a recursive parser sees it, with a message that says why (not "invalid JSON": it is valid).
    @Test func deeplyNestedJSONIsRefusedBeforeParsing() {
        for (open, close) in [("[", "]"), (#"{"a":"#, "}")] {
            let body = #"{"headers": "# + String(repeating: open, count: 10000) + String(repeating: close, count: 10000) + "}"
            #expect(throws: EchoParser.Failure(message: "the reply nests JSON arrays or objects more than 32 levels deep, "
                                                 + "far deeper than an echo of request headers")) {
                try parse(body)
            }
        }
    }

    @Test func bracketsInsideStringsDoNotCountAsNesting() throws {
        let value = String(repeating: "[{", count: 100) + #"\"["#
        let echo = try parse(#"{"headers": {"X-Odd": ""# + value + #"", "X-Forwarded-For": "127.0.99.7"}}"#)
        #expect(echo.value(of: "X-Forwarded-For") == "127.0.99.7")
        #expect(EchoParser.nestingDepth(Data(#"{"a": [[{"b": [1]}]]}"#.utf8), limit: 5) == nil)
        #expect(EchoParser.nestingDepth(Data(#"{"a": [[{"b": [[1]]}]]}"#.utf8), limit: 5) == 5)
    }
}
