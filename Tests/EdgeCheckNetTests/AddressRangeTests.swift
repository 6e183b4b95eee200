import Testing
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct AddressRangeTests {
    @Test func singleIPv4AddressIsItsOwnRange() throws {
        let range = try #require(AddressRange("203.0.113.10"))
        #expect(range.description == "203.0.113.10")
        #expect(range.singleAddress == "203.0.113.10")
        #expect(range.contains("203.0.113.10"))
        #expect(!range.contains("203.0.113.11"))
        #expect(!range.isIPv6)
    }

    @Test func ipv6IsNormalisedToTheCanonicalForm() throws {
        let range = try #require(AddressRange("2001:DB8:0:0:0:0:0:1"))
        #expect(range.description == "2001:db8::1")
        #expect(range.singleAddress == "2001:db8::1")
        #expect(range.contains("2001:db8::1"))
        #expect(range.contains("2001:0db8::0001"))
        #expect(range.isIPv6)
    }

    @Test func cidrBlockContainsItsAddressesOnly() throws {
        let block = try #require(AddressRange("198.51.100.0/28"))
        #expect(block.description == "198.51.100.0/28")
        #expect(block.singleAddress == nil)
        #expect(block.contains("198.51.100.0"))
        #expect(block.contains("198.51.100.15"))
        #expect(!block.contains("198.51.100.16"))
        #expect(!block.contains("198.51.99.255"))
    }

    @Test func hostBitsInABlockAreIgnored() throws {
        let block = try #require(AddressRange("198.51.100.5/28"))
        #expect(block.description == "198.51.100.0/28")
        #expect(block == AddressRange("198.51.100.0/28"))
    }

    @Test func ipv6BlockWithAPrefixThatIsNotAByteBoundary() throws {
        let block = try #require(AddressRange("2001:db8:abcd::/45"))
        #expect(block.description == "2001:db8:abc8::/45")
        #expect(block.contains("2001:db8:abcf:ffff::1"))
        #expect(!block.contains("2001:db8:abd0::1"))
    }

    @Test func fullLengthPrefixIsTheSingleAddress() throws {
        #expect(AddressRange("203.0.113.10/32")?.singleAddress == "203.0.113.10")
        #expect(AddressRange("::1/128")?.description == "::1")
    }

    @Test func zeroPrefixCoversTheWholeFamily() throws {
        let everything = try #require(AddressRange("0.0.0.0/0"))
        #expect(everything.contains("255.255.255.255"))
        #expect(!everything.contains("::1"))
    }

    @Test func familiesNeverMatchEachOther() throws {
        #expect(!AddressRange("::/0")!.contains("127.0.0.1"))
        #expect(!AddressRange("127.0.0.0/8")!.contains("::1"))
    }

    @Test func ipv4MappedIPv6AddressMatchesAnIPv4Range() {
        #expect(AddressRange("192.0.2.0/24")!.contains("::ffff:192.0.2.7"))
        #expect(!AddressRange("192.0.2.0/24")!.contains("::ffff:192.0.3.7"))
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "::1/129", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/+8",
        "1.2.3.4/08", "1.2.3.4/8/8", "example.com", "fe80::1%eth0", " 1.2.3.4", "1.2.3.4 ", "[::1]", "1.2.3.4\0",
        "2001:db8:::1",
    ])
    func rejectsWhatIsNotAnAddressOrBlock(_ text: String) {
        #expect(AddressRange(text) == nil)
    }

    @Test func containsIsFalseForText() {
        #expect(!AddressRange("0.0.0.0/0")!.contains("localhost"))
    }
}
