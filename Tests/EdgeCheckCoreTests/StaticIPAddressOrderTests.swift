import Testing
@testable import EdgeCheckCore

/// Reports list addresses in numeric order, IPv4 before IPv6, anything else last.
@Suite struct StaticIPAddressOrderTests {
    @Test func sortsNumericallyNotAsText() {
        let sorted = AddressOrder.sorted(["127.0.10.10", "127.0.11.1", "127.0.10.2", "::1", "127.0.10.2", "10.0.0.1"])
        #expect(sorted == ["10.0.0.1", "127.0.10.2", "127.0.10.10", "127.0.11.1", "::1"])
    }

    @Test func namesSortAfterAddresses() {
        #expect(AddressOrder.sorted(["system", "127.0.53.1:10053", "127.0.10.1"]) == ["127.0.10.1", "127.0.53.1:10053", "system"])
    }

    @Test func recognisesLiterals() {
        #expect(AddressOrder.isIPAddress("127.0.10.1"))
        #expect(AddressOrder.isIPAddress("2001:db8::1"))
        #expect(!AddressOrder.isIPAddress("www.edgecheck.test"))
        #expect(!AddressOrder.isIPAddress("127.0.10.1:8443"))
    }
}
