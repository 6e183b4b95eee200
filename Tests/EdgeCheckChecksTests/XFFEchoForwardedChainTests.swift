import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct XFFEchoForwardedChainTests {
    @Test func entriesAreSplitTrimmedAndKeptAsSent() {
        let chain = ForwardedChain(headerValue: " 127.0.99.7 ,127.0.20.1 ")
        #expect(chain.texts == ["127.0.99.7", "127.0.20.1"])
        #expect(chain.entries.map(\.address) == ["127.0.99.7", "127.0.20.1"])
    }

    @Test func ipv6AndPortsAreReadAsAddresses() {
        let chain = ForwardedChain(headerValue: "2001:DB8::7, [2001:db8::1]:443, 192.0.2.1:8080, \"[::1]\"")
        #expect(chain.entries.map(\.address) == ["2001:db8::7", "2001:db8::1", "192.0.2.1", "::1"])
        #expect(chain.texts[0] == "2001:DB8::7")
    }

    @Test func junkIsKeptAndMarked() {
        let chain = ForwardedChain(headerValue: "unknown, , evil.example, 999.1.1.1, 10.0.0.1")
        #expect(chain.texts == ["unknown", "", "evil.example", "999.1.1.1", "10.0.0.1"])
        #expect(chain.entries.map(\.isJunk) == [true, true, true, true, false])
    }

    @Test func noHeaderIsAnEmptyChain() {
        #expect(ForwardedChain(headerValue: nil).entries.isEmpty)
        #expect(ForwardedChain(headerValue: "  ").entries.isEmpty)
    }
}
