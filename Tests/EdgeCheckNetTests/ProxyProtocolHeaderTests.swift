import Testing
@testable import EdgeCheckNet

/// The header bytes against HAProxy's proxy-protocol specification (sections 2.1 and 2.2).
@Suite struct ProxyProtocolHeaderTests {
    private func header(_ version: ProxyProtocolHeader.Version, _ source: String, _ sourcePort: UInt16,
                        _ destination: String, _ destinationPort: UInt16) throws -> ProxyProtocolHeader {
        let source = try #require(IPAddress(source)), destination = try #require(IPAddress(destination))
        return try #require(ProxyProtocolHeader(version: version, source: source, sourcePort: sourcePort,
                                                destination: destination, destinationPort: destinationPort))
    }

    @Test func versionOneIPv4IsTheSpecsTextLine() throws {
        let bytes = try header(.v1, "192.168.0.1", 56324, "192.168.0.11", 443).bytes
        #expect(String(decoding: bytes, as: UTF8.self) == "PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n")
    }

    @Test func versionOneIPv6SpellsAddressesCanonically() throws {
        let bytes = try header(.v1, "2001:DB8:0::1", 4000, "::1", 8443).bytes
        #expect(String(decoding: bytes, as: UTF8.self) == "PROXY TCP6 2001:db8::1 ::1 4000 8443\r\n")
    }

    @Test func versionOneLongestLineFitsTheSpecsBound() throws {
        let bytes = try header(.v1, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535,
                               "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535).bytes
        #expect(bytes.count == 104)
        #expect(bytes.count <= 107)
    }

    @Test func versionTwoIPv4() throws {
        let bytes = try header(.v2, "192.0.2.77", 0x1234, "127.0.20.1", 8443).bytes
        #expect(bytes.count == 16 + 12)
        #expect(Array(bytes[0..<12]) == [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A])
        #expect(bytes[12] == 0x21)  // version 2, command PROXY
        #expect(bytes[13] == 0x11)  // AF_INET, STREAM
        #expect(Array(bytes[14..<16]) == [0x00, 0x0C])  // 12 bytes of addresses and ports follow
        #expect(Array(bytes[16..<20]) == [192, 0, 2, 77])
        #expect(Array(bytes[20..<24]) == [127, 0, 20, 1])
        #expect(Array(bytes[24..<26]) == [0x12, 0x34])
        #expect(Array(bytes[26..<28]) == [0x20, 0xFB])  // 8443
    }

    @Test func versionTwoIPv6() throws {
        let bytes = try header(.v2, "2001:db8::77", 443, "::1", 80).bytes
        #expect(bytes.count == 16 + 36)
        #expect(Array(bytes[0..<12]) == ProxyProtocolHeader.signature)
        #expect(bytes[12] == 0x21)
        #expect(bytes[13] == 0x21)  // AF_INET6, STREAM
        #expect(Array(bytes[14..<16]) == [0x00, 0x24])  // 36
        #expect(Array(bytes[16..<32]) == [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [0x77])
        #expect(Array(bytes[32..<48]) == [UInt8](repeating: 0, count: 15) + [1])
        #expect(Array(bytes[48..<50]) == [0x01, 0xBB])
        #expect(Array(bytes[50..<52]) == [0x00, 0x50])
    }

    @Test func mixedFamiliesHaveNoAddressBlock() throws {
        let v4 = try #require(IPAddress("192.0.2.77")), v6 = try #require(IPAddress("::1"))
        #expect(ProxyProtocolHeader(version: .v2, source: v4, sourcePort: 1, destination: v6, destinationPort: 2) == nil)
        #expect(ProxyProtocolHeader(version: .v1, source: v6, sourcePort: 1, destination: v4, destinationPort: 2) == nil)
    }

    @Test func spokenNamesVersionAndSource() throws {
        #expect(try header(.v2, "192.0.2.77", 1, "127.0.0.1", 2).spoken == "PROXY v2 from 192.0.2.77")
    }
}
