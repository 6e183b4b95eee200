import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// Matching answers against `expect`: single addresses, CIDR blocks, both families.
@Suite struct StaticIPAllowListTests {
    private let list = AllowList(["203.0.113.10", "198.51.100.0/28", "2001:db8::/64"].compactMap(AddressRange.init))

    @Test func addressesAndBlocksAllow() {
        #expect(list.allows("203.0.113.10"))
        #expect(list.allows("198.51.100.15"))
        #expect(list.allows("2001:db8::abcd"))
        #expect(!list.allows("203.0.113.11"))
        #expect(!list.allows("198.51.100.16"))
        #expect(!list.allows("2001:db8:0:1::1"))
    }

    @Test func unexpectedAreTheSeenOutsideInNumericOrder() {
        let seen = ["198.51.100.3", "203.0.113.100", "203.0.113.10", "203.0.113.9", "2001:db9::1"]
        #expect(list.unexpected(in: seen) == ["203.0.113.9", "203.0.113.100", "2001:db9::1"])
    }

    @Test func missingAreSinglesNeverSeenAndBlocksWithNothingSeen() {
        #expect(list.missing(from: ["198.51.100.3"]).map(\.description) == ["203.0.113.10", "2001:db8::/64"])
        #expect(list.missing(from: ["203.0.113.10", "198.51.100.3", "2001:db8::5"]).isEmpty)
    }

    @Test func onlySingleAddressesCanBeProbedWhenNeverSeen() {
        #expect(list.singleAddresses == ["203.0.113.10"])
    }

    @Test func aLongListIsShortenedInMessages() {
        let long = AllowList((1...6).compactMap { AddressRange("192.0.2.\($0)") })
        #expect(long.shortDescription == "192.0.2.1, 192.0.2.2, 192.0.2.3, 192.0.2.4 and 2 more")
    }
}
