import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// Single-valued client headers are read whole, `Forwarded` as its RFC 7239 list: the
/// evaluation on made-up echoes, and the glue (which value is forged, what is sent) on a
/// scripted network.
@Suite struct XFFEchoSingleValueTests {
    private func evaluation(_ header: String, trustedHops: Int = 1) -> XFFEchoEvaluation {
        XFFEchoEvaluation(configuration: XFFEchoConfiguration(url: URL(string: "https://h/canary")!,
                                                              trustedHops: trustedHops, header: header))
    }

    @Test func onlyXForwardedForAndForwardedAreLists() {
        #expect(HeaderStyle(header: "x-forwarded-for") == .list)
        #expect(HeaderStyle(header: "Forwarded") == .forwarded)
        for header in ["X-Client-Ip", "X-Real-IP", "True-Client-IP", "CF-Connecting-IP"] {
            #expect(HeaderStyle(header: header) == .single)
        }
    }

    @Test func theClientAsTheWholeValuePasses() {
        let single = evaluation("X-Client-Ip", trustedHops: 3)
        #expect(single.judgeClient(ForwardedChain(headerValue: "127.0.0.9", style: .single), clientIP: "127.0.0.9").isEmpty)
    }

    @Test func anAppendedValueFailsThoughTheClientIsRightmost() {
        let single = evaluation("X-Client-Ip")
        let findings = single.judgeClient(ForwardedChain(headerValue: "6.6.6.6,127.0.0.9", style: .single), clientIP: "127.0.0.9")
        #expect(findings == [Finding(status: .fail, failureClass: XFFEchoEvaluation.clientClass,
                                     message: "X-Client-Ip is '6.6.6.6,127.0.0.9', expected exactly the client 127.0.0.9: "
                                        + "a backend reads it as one value; a proxy appends to it instead of replacing it",
                                     hint: "HAProxy's http-request set-header replaces a header the client sent; "
                                        + "add-header appends to it")])
    }

    @Test func aForgedAddressLeftOfTheClientIsStillSpoofable() {
        // The issue's case: add-header x-client-ip %[src] turns the client's 192.0.2.66 into "192.0.2.66,<client>".
        let findings = evaluation("X-Client-Ip").judgeSpoof(ForwardedChain(headerValue: "192.0.2.66,127.0.0.9", style: .single))
        #expect(findings == [Finding(status: .fail, failureClass: XFFEchoEvaluation.spoofableClass,
                                     message: "a forged X-Client-Ip: 192.0.2.66 came back as '192.0.2.66,127.0.0.9': the proxy "
                                        + "appends to the client's header, and a backend reads the value whole, so a client "
                                        + "can forge its source address as seen by the service",
                                     hint: "HAProxy's http-request set-header replaces a header the client sent; "
                                        + "add-header appends to it")])
        let passedThrough = evaluation("X-Real-IP").judgeSpoof(ForwardedChain(headerValue: "192.0.2.66", style: .single))
        #expect(passedThrough.first?.message.contains("the proxy passes the client's header through") == true)
    }

    @Test func aReplacedHeaderIsNotSpoofable() {
        #expect(evaluation("True-Client-IP").judgeSpoof(ForwardedChain(headerValue: "127.0.0.9", style: .single)).isEmpty)
    }

    @Test func forwardedIsReadAsAListOfForParameters() {
        let chain = ForwardedChain(headerValue: #"for=192.0.2.60;proto=http;by=203.0.113.43, for="[2001:db8:cafe::17]:4711", "#
                                        + #"for=unknown, proto=https;for="127.0.0.9:8080";host="a,b""#,
                                   style: .forwarded)
        #expect(chain.texts == ["192.0.2.60", "[2001:db8:cafe::17]:4711", "unknown", "127.0.0.9:8080"])
        #expect(chain.entries.map(\.address) == ["192.0.2.60", "2001:db8:cafe::17", nil, "127.0.0.9"])
        let forwarded = evaluation("Forwarded")
        #expect(forwarded.judgeClient(chain, clientIP: "127.0.0.9").isEmpty)
        #expect(forwarded.judgeSpoof(ForwardedChain(headerValue: "for=192.0.2.66, for=127.0.0.9", style: .forwarded)).isEmpty)
        #expect(forwarded.judgeSpoof(ForwardedChain(headerValue: "for=127.0.0.9, for=192.0.2.66", style: .forwarded))
            .map(\.failureClass) == [XFFEchoEvaluation.spoofableClass])
    }

    // MARK: glue

    private func echo(_ name: String, _ value: String) -> ProbeResponse {
        ScriptedNetwork.http(200, headers: [("Content-Type", "application/json")],
                             body: #"{"headers": {"\#(name)": "\#(value)", "X-Forwarded-Proto": "https"}}"#)
    }

    @Test func anAppendingProxyFailsTheSpoofWithTheHint() async throws {
        let network = ScriptedNetwork()
        network.answer("www.edgecheck.test", with: ["127.0.10.1"])
        // add-header: the client's own value, then the address the proxy saw.
        network.serve("127.0.10.1") { request, _ in
            let sent = request.headers.first { $0.name == "X-Client-Ip" }?.value
            return self.echo("x-client-ip", (sent.map { "\($0)," } ?? "") + "127.0.0.9")
        }
        let check = try ScriptedCheck.make(XFFEchoCheck.self, """
            url: https://www.edgecheck.test/canary
            client-ip: 127.0.0.9
            header: X-Client-Ip
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.map(\.failureClass) == [XFFEchoEvaluation.spoofableClass])
        #expect(outcome.findings.first?.hint?.contains("set-header replaces") == true)
        #expect(network.requests.last?.headers.map(\.value) == ["192.0.2.66"])
    }

    @Test func aReplacingProxyPasses() async throws {
        let network = ScriptedNetwork()
        network.answer("www.edgecheck.test", with: ["127.0.10.1"])
        network.serve("127.0.10.1", with: echo("X-Real-IP", "127.0.0.9"))
        let check = try ScriptedCheck.make(XFFEchoCheck.self, """
            url: https://www.edgecheck.test/canary
            client-ip: 127.0.0.9
            header: X-Real-IP
            trusted-hops: 2
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        let data = try #require(outcome.data as? XFFEchoData)
        #expect(data.observedClient == "127.0.0.9")
    }

    @Test func forwardedIsForgedAsAForParameter() async throws {
        let network = ScriptedNetwork()
        network.answer("www.edgecheck.test", with: ["127.0.10.1"])
        network.serve("127.0.10.1") { request, _ in
            let sent = request.headers.first { $0.name == "Forwarded" }?.value
            return self.echo("Forwarded", (sent.map { "\($0), " } ?? "") + #"for=\"127.0.0.9:5000\""#)
        }
        let check = try ScriptedCheck.make(XFFEchoCheck.self, """
            url: https://www.edgecheck.test/canary
            client-ip: 127.0.0.9
            header: Forwarded
            """)
        let outcome = await ScriptedCheck.run(check, on: network)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        #expect(network.requests.last?.headers.map(\.value) == ["for=192.0.2.66"])
    }
}
