import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct ChainPositionTests {
    let twoHops = ChainPosition(trustedHops: 2)

    @Test func theClientIsTrustedHopsFromTheRight() {
        let chain = ForwardedChain(headerValue: "10.9.9.9, 127.0.99.7, 127.0.20.1")
        #expect(twoHops.observedClient(in: chain)?.text == "127.0.99.7")
        #expect(twoHops.judgeClient(chain, clientIP: "127.0.99.7") == .found)
        #expect(ChainPosition(trustedHops: 1).observedClient(in: chain)?.text == "127.0.20.1")
    }

    @Test func aShortChainHasNoClient() {
        let chain = ForwardedChain(headerValue: "127.0.20.1")
        #expect(twoHops.clientIndex(in: chain) == nil)
        #expect(twoHops.judgeClient(chain, clientIP: "127.0.99.7") == .tooShort)
        #expect(twoHops.judgeClient(ForwardedChain(headerValue: nil), clientIP: "127.0.99.7") == .headerMissing)
    }

    @Test func aMismatchSaysWhereTheClientReallyIs() {
        let chain = ForwardedChain(headerValue: "127.0.99.7, 127.0.30.9, 127.0.20.1")
        let verdict = twoHops.judgeClient(chain, clientIP: "127.0.99.7")
        #expect(verdict == .mismatch(observed: ForwardedChain.Entry("127.0.30.9"), clientPositions: [3]))
    }

    @Test func ipv6ClientsCompareInCanonicalForm() {
        let chain = ForwardedChain(headerValue: "2001:DB8:0::7, ::1")
        #expect(twoHops.judgeClient(chain, clientIP: "2001:db8::7") == .found)
    }

    @Test func aForgedEntryLeftOfTheClientIsContained() {
        let chain = ForwardedChain(headerValue: "192.0.2.66, 127.0.99.7, 127.0.20.1")
        #expect(twoHops.judgeSpoof(chain, forged: "192.0.2.66") == .contained)
    }

    @Test func aForgedEntryAtTheClientPositionIsForged() {
        // What `option forwardfor if-none` produces: the client's header is kept, nothing appended.
        let chain = ForwardedChain(headerValue: "192.0.2.66, 127.0.20.1")
        #expect(twoHops.judgeSpoof(chain, forged: "192.0.2.66") == .forged(position: 2))
    }

    @Test func aForgedEntryRightOfTheClientPositionIsForged() {
        let chain = ForwardedChain(headerValue: "127.0.99.7, 192.0.2.66")
        #expect(twoHops.judgeSpoof(chain, forged: "192.0.2.66") == .forged(position: 1))
    }

    @Test func aDroppedForgeryIsFine() {
        let chain = ForwardedChain(headerValue: "127.0.99.7, 127.0.20.1")
        #expect(twoHops.judgeSpoof(chain, forged: "192.0.2.66") == .dropped)
    }

    @Test func junkRightOfTheClientIsReported() {
        let chain = ForwardedChain(headerValue: "junk, 127.0.99.7, unknown")
        #expect(twoHops.trustedJunk(in: chain).map(\.text) == ["unknown"])
    }
}
