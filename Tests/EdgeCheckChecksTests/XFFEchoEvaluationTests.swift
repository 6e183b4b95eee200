import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct XFFEchoEvaluationTests {
    let evaluation = XFFEchoEvaluation(configuration: XFFEchoConfiguration(url: URL(string: "https://h/canary")!,
                                                                           trustedHops: 2))

    @Test func theClientAtItsPlacePasses() {
        #expect(evaluation.judgeClient(ForwardedChain(headerValue: "127.0.99.7, 127.0.20.1"), clientIP: "127.0.99.7").isEmpty)
    }

    @Test func aMissingProxyEntryFailsWithTheChainInTheMessage() {
        let findings = evaluation.judgeClient(ForwardedChain(headerValue: "127.0.20.1"), clientIP: "127.0.99.7")
        #expect(findings.map(\.failureClass) == [XFFEchoEvaluation.clientClass])
        #expect(findings.first?.message == "X-Forwarded-For is '127.0.20.1' (1 entry): the client 127.0.99.7 is not at "
                + "position 2 from the right (trusted-hops 2); a proxy in front of the service does not append the "
                + "address it received")
    }

    @Test func junkAtTheClientPositionIsNamed() {
        let findings = evaluation.judgeClient(ForwardedChain(headerValue: "hello, 127.0.20.1"), clientIP: "127.0.99.7")
        #expect(findings.first?.message == "X-Forwarded-For is 'hello, 127.0.20.1': position 2 from the right "
                + "(trusted-hops 2) holds 'hello' (not an IP address), expected the client 127.0.99.7")
    }

    @Test func aSpoofableChainExplainsTheConsequence() {
        let findings = evaluation.judgeSpoof(ForwardedChain(headerValue: "192.0.2.66, 127.0.20.1"))
        #expect(findings.map(\.failureClass) == [XFFEchoEvaluation.spoofableClass])
        #expect(findings.first?.message.hasSuffix("a client can forge its source address as seen by the service") == true)
        #expect(evaluation.judgeSpoof(ForwardedChain(headerValue: "192.0.2.66, 127.0.99.7, 127.0.20.1")).isEmpty)
    }

    @Test func forwardedProtoIsComparedWhenEchoed() {
        #expect(evaluation.judgeProto(nil).isEmpty)
        #expect(evaluation.judgeProto("HTTPS").isEmpty)
        #expect(evaluation.judgeProto("http").first?.message == "the canary saw X-Forwarded-Proto: http, expected https")
        #expect(evaluation.judgeProto("http, https").first?.failureClass == XFFEchoEvaluation.protoClass)
    }
}
