import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct TLSTimingHopTests {
    @Test func connectToForms() {
        #expect(TimingHop.parseConnectTo("127.0.20.1")! == ("127.0.20.1", nil))
        #expect(TimingHop.parseConnectTo("127.0.20.1:8443")! == ("127.0.20.1", 8443))
        #expect(TimingHop.parseConnectTo("[::1]:8443")! == ("::1", 8443))
        #expect(TimingHop.parseConnectTo("::1")! == ("::1", nil))
        #expect(TimingHop.parseConnectTo("[::1]")! == ("::1", nil))
        #expect(TimingHop.parseConnectTo("ingress:8443") == nil)
        #expect(TimingHop.parseConnectTo("127.0.20.1:0") == nil)
        #expect(TimingHop.parseConnectTo("127.0.20.1:99999") == nil)
    }

    @Test func pinsAreBase64OfThirtyTwoBytes() {
        let pin = Data(repeating: 7, count: 32).base64EncodedString()
        #expect(TimingHop.normalizedPin(pin) == pin)
        #expect(TimingHop.normalizedPin("sha256//" + pin) == pin)
        #expect(TimingHop.normalizedPin(Data(repeating: 7, count: 20).base64EncodedString()) == nil)
        #expect(TimingHop.normalizedPin("not base64!") == nil)
    }

    @Test func serverNameBecomesTheRequestHost() {
        let hop = TimingHop(name: "ingress", url: URL(string: "https://127.0.20.1:8443/")!, serverName: "ingress.lab.test")
        #expect(hop.requestURL.absoluteString == "https://ingress.lab.test:8443/")
        #expect(hop.hostToResolve == nil)
    }

    @Test func trustFollowsPinAndInsecure() {
        let url = URL(string: "https://h/")!
        #expect(TimingHop(name: "a", url: url).trust == .verify)
        #expect(TimingHop(name: "a", url: url, pinSHA256: "p").trust == .pinned("p"))
        #expect(TimingHop(name: "a", url: url, insecure: true).trust == .insecure)
        #expect(TimingHop(name: "a", url: url).hostToResolve == "h")
        #expect(TimingHop(name: "a", url: url, connectAddress: "127.0.0.1").hostToResolve == nil)
    }
}
