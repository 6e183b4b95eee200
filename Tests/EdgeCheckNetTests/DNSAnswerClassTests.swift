import Foundation
import Testing
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// What a resolver said decides the class: small fake resolvers on loopback answer SERVFAIL,
/// garbage, or an answer to another question.
@Suite struct DNSAnswerClassTests {
    func lookup(_ server: FakeDNSServer, timeout: Duration = .seconds(2)) async -> DNSLookup {
        await Resolver().lookup("www.edgecheck.test", type: .a, server: .address(host: server.host, port: server.port),
                                timeout: timeout)
    }

    @Test func aSERVFAILIsServfailNotRefused() async throws {
        let server = try FakeDNSServer(host: "127.0.54.21") { [FakeDNSServer.answer(to: $0, rcode: 2)] }
        let result = await lookup(server)
        #expect(result.failure == NetFailure(.servfail, "127.0.54.21:\(server.port) failed to answer for "
                                                + "www.edgecheck.test A (SERVFAIL)"))
    }

    @Test func aREFUSEDAnswerIsRefusedAndSaysItAnswered() async throws {
        let server = try FakeDNSServer(host: "127.0.54.22") { [FakeDNSServer.answer(to: $0, rcode: 5)] }
        let result = await lookup(server)
        #expect(result.failure == NetFailure(.refused, "127.0.54.22:\(server.port) refused the query for "
                                                + "www.edgecheck.test A (REFUSED)"))
    }

    @Test func aGoodAnswerFromTheFakeIsBelieved() async throws {
        // The control for the tests below: the fake's well-formed answer is read.
        let server = try FakeDNSServer(host: "127.0.54.23") { [FakeDNSServer.answer(to: $0, addresses: ["127.0.10.7"])] }
        let result = await lookup(server)
        #expect(result.failure == nil)
        #expect(result.answers.map(\.address) == ["127.0.10.7"])
    }

    @Test func aReplyThatCannotBeParsedSaysSo() async throws {
        // A NOERROR header claiming one answer, followed by a record cut off in its middle.
        let server = try FakeDNSServer(host: "127.0.54.24") { query in
            let whole = FakeDNSServer.answer(to: query, addresses: ["127.0.10.7"])
            return [Array(whole.dropLast(6))]
        }
        let result = await lookup(server)
        #expect(result.failure == NetFailure(.dnsMalformed, "127.0.54.24:\(server.port) sent a reply for "
                                                + "www.edgecheck.test A that cannot be parsed"))
        #expect(result.answers.isEmpty)
    }

    @Test func anAnswerToAnotherQuestionIsIgnoredNotBelieved() async throws {
        // Same id, but for evil.example: dropped; the real answer that follows is the one read.
        let server = try FakeDNSServer(host: "127.0.54.25") { query in
            let forged = FakeDNSServer.answer(to: FakeDNSServer.query(query, renamedTo: "evil.example"), addresses: ["6.6.6.6"])
            return [forged, FakeDNSServer.answer(to: query, addresses: ["127.0.10.8"])]
        }
        let result = await lookup(server)
        #expect(result.failure == nil)
        #expect(result.answers.map(\.address) == ["127.0.10.8"])
    }

    @Test func onlyAnswersToAnotherQuestionAreNoAnswerAtAll() async throws {
        let server = try FakeDNSServer(host: "127.0.54.26") { query in
            [FakeDNSServer.answer(to: FakeDNSServer.query(query, renamedTo: "evil.example"), addresses: ["6.6.6.6"])]
        }
        let result = await lookup(server, timeout: .milliseconds(600))
        #expect(result.failure == NetFailure(.dnsTimeout, "127.0.54.26:\(server.port) did not answer for "
                                                + "www.edgecheck.test A within 600ms"))
        #expect(result.answers.isEmpty)
    }
}
