import Testing
@testable import EdgeCheckCore

/// Which addresses a `certificate` check connects to, from one resolver's answers.
@Suite struct CertificateHostResolutionCheckTests {
    private let server = DNSServer.address(host: "127.0.53.1", port: 10053)

    private func lookup(_ type: DNSRecordType, _ addresses: [String], failure: NetFailure? = nil) -> DNSLookup {
        DNSLookup(name: "www.edgecheck.test", type: type, resolver: server,
                  answers: addresses.map { DNSLookup.Answer(address: $0, type: type, ttl: 60) }, failure: failure)
    }

    @Test func addressesInTheResolversOrderAFirst() {
        let result = HostResolution.evaluate(host: "www.edgecheck.test", resolver: "127.0.53.1:10053", lookups: [
            lookup(.a, ["127.0.10.2", "127.0.10.1"]), lookup(.aaaa, ["::1"]),
        ])
        #expect(result.addresses == ["127.0.10.2", "127.0.10.1", "::1"])
        #expect(result.resolver == "127.0.53.1:10053")
        #expect(result.findings.isEmpty)
    }

    @Test func noDataForAAAAIsNotAFailure() {
        let result = HostResolution.evaluate(host: "www.edgecheck.test", resolver: "127.0.53.1:10053",
                                             lookups: [lookup(.a, ["127.0.10.1"]), lookup(.aaaa, [])])
        #expect(result.addresses == ["127.0.10.1"])
        #expect(result.findings.isEmpty)
    }

    @Test func aFailedResolverIsNamedWithItsClassSoTheNextIsAsked() {
        let failure = NetFailure(.nxdomain, "www.edgecheck.test does not exist")
        let result = HostResolution.evaluate(host: "www.edgecheck.test", resolver: "127.0.53.1:10053", lookups: [
            lookup(.a, [], failure: failure), lookup(.aaaa, [], failure: failure),
        ])
        #expect(result.addresses.isEmpty)
        #expect(result.resolver == nil)
        #expect(result.findings.first?.failureClass == .nxdomain)
        #expect(result.findings.first?.subject == "127.0.53.1:10053")
        #expect(result.findings.first?.message == "resolver 127.0.53.1:10053 could not resolve www.edgecheck.test: "
                    + "www.edgecheck.test does not exist")
    }

    @Test func anAnswerWithoutAddressesIsNoAddress() {
        let result = HostResolution.evaluate(host: "www.edgecheck.test", resolver: "127.0.53.1:10053",
                                             lookups: [lookup(.a, []), lookup(.aaaa, [])])
        #expect(result.resolver == "127.0.53.1:10053")
        #expect(result.findings.first?.failureClass?.rawValue == "no-address")
        #expect(result.findings.first?.status == .fail)
    }

    @Test func anIPLiteralNeedsNoResolver() async {
        let result = await HostResolution.resolve("127.0.10.1", servers: [server], timeout: .seconds(1), bind: nil)
        #expect(result.addresses == ["127.0.10.1"])
        #expect(result.findings.isEmpty)
    }
}
