import Testing
@testable import EdgeCheckNet

/// One value type for every address: parsed by the C library, spelt one way, ordered numerically.
@Suite struct IPAddressTests {
    @Test func sortsNumericallyNotAsText() {
        let sorted = IPAddress.sorted(["127.0.10.10", "127.0.11.1", "127.0.10.2", "::1", "127.0.10.2", "10.0.0.1"])
        #expect(sorted == ["10.0.0.1", "127.0.10.2", "127.0.10.10", "127.0.11.1", "::1"])
    }

    @Test func namesSortAfterAddresses() {
        #expect(IPAddress.sorted(["system", "127.0.53.1:10053", "127.0.10.1"]) == ["127.0.10.1", "127.0.53.1:10053", "system"])
    }

    @Test func recognisesLiterals() {
        #expect(IPAddress.isLiteral("127.0.10.1"))
        #expect(IPAddress.isLiteral("2001:db8::1"))
        #expect(!IPAddress.isLiteral("www.edgecheck.test"))
        #expect(!IPAddress.isLiteral("127.0.10.1:8443"))
        #expect(!IPAddress.isLiteral("[::1]"))
    }

    @Test func hasOneCanonicalSpelling() {
        #expect(IPAddress("2001:DB8:0:0::1")?.description == "2001:db8::1")
        #expect(IPAddress("2001:db8::1") == IPAddress("2001:DB8:0::1"))
        #expect(IPAddress("127.0.10.1")?.description == "127.0.10.1")
        #expect(IPAddress("127.0.10.0/24") == nil)
        #expect(IPAddress("fe80::1%eth0") == nil)
        #expect(IPAddress("") == nil)
        #expect(IPAddress("127.0.0.1\u{0}x") == nil)
    }

    @Test func urlHostsMayCarryBrackets() {
        #expect(IPAddress(urlHost: "[::1]")?.description == "::1")
        #expect(IPAddress.canonical("[2001:DB8::1]") == "2001:db8::1")
        #expect(IPAddress.canonical("hello") == nil)
        #expect(IPAddress("::1")?.bracketed == "[::1]")
        #expect(IPAddress("127.0.0.1")?.bracketed == "127.0.0.1")
    }

    @Test func ordersIPv4BeforeIPv6() throws {
        let v4 = try #require(IPAddress("255.255.255.255"))
        let v6 = try #require(IPAddress("::"))
        #expect(v4 < v6)
        #expect(try #require(IPAddress("127.0.10.2")) < #require(IPAddress("127.0.10.10")))
    }

    @Test func unwrapsMappedIPv4() {
        #expect(IPAddress("::ffff:192.0.2.7")?.unmappedIPv4 == IPAddress("192.0.2.7"))
        #expect(IPAddress("2001:db8::1")?.unmappedIPv4 == nil)
    }
}
