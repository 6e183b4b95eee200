import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// Which addresses a `certificate` check connects to: the first resolver that answers.
@Suite struct CertificateHostResolutionCheckTests {
    private let first = DNSServer.address(host: "127.0.53.1", port: 10053)
    private let second = DNSServer.address(host: "127.0.53.2", port: 10053)
    private let host = "www.edgecheck.test"

    private func resolve(_ network: ScriptedNetwork, servers: [DNSServer]? = nil,
                         host: String = "www.edgecheck.test") async -> HostResolution {
        let context = CheckContext(common: CommonSettings(id: "c", kind: "certificate", dnsServers: servers ?? [first, second]),
                                   target: nil, suiteDirectory: URL(fileURLWithPath: "/tmp"),
                                   resolver: network, prober: network)
        return await HostResolution.resolve(host, in: context)
    }

    @Test func addressesInTheResolversOrderAFirst() async {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.2", "127.0.10.1", "::1"], from: "127.0.53.1:10053")
        let result = await resolve(network)
        #expect(result.addresses == ["127.0.10.2", "127.0.10.1", "::1"])
        #expect(result.resolver == "127.0.53.1:10053")
        #expect(result.findings.isEmpty)
        // The first resolver answered: the second is never asked.
        #expect(!network.questions.contains { $0.server == "127.0.53.2:10053" })
    }

    @Test func noDataForAAAAIsNotAFailure() async {
        let network = ScriptedNetwork()
        network.answer(host, with: ["127.0.10.1"])
        let result = await resolve(network)
        #expect(result.addresses == ["127.0.10.1"])
        #expect(result.findings.isEmpty)
    }

    @Test func aFailedResolverGivesWayToTheNext() async {
        let network = ScriptedNetwork()
        network.fail(host, from: "127.0.53.1:10053", with: NetFailure(.servfail, "the resolver answered SERVFAIL"))
        network.answer(host, with: ["127.0.10.3"], from: "127.0.53.2:10053")
        let result = await resolve(network)
        #expect(result.addresses == ["127.0.10.3"])
        #expect(result.resolver == "127.0.53.2:10053")
        #expect(result.findings.isEmpty)
    }

    @Test func everyFailedResolverIsNamedWithItsClass() async {
        let network = ScriptedNetwork()
        network.fail(host, with: NetFailure(.nxdomain, "www.edgecheck.test does not exist"))
        let result = await resolve(network)
        #expect(result.addresses.isEmpty)
        #expect(result.resolver == nil)
        #expect(result.findings.map(\.subject) == ["127.0.53.1:10053", "127.0.53.2:10053"])
        #expect(result.findings.first?.failureClass == .nxdomain)
        #expect(result.findings.first?.message == "resolver 127.0.53.1:10053 could not resolve www.edgecheck.test: "
                    + "www.edgecheck.test does not exist")
    }

    @Test func anAnswerWithoutAddressesIsNoAddressAndStopsTheSearch() async {
        let network = ScriptedNetwork()
        network.answer(host, with: [], from: "127.0.53.1:10053")
        network.answer(host, with: ["127.0.10.9"], from: "127.0.53.2:10053")
        let result = await resolve(network)
        #expect(result.addresses.isEmpty)
        #expect(result.resolver == "127.0.53.1:10053")
        #expect(result.findings.first?.failureClass?.rawValue == "no-address")
        #expect(result.findings.first?.status == .fail)
        #expect(result.findings.first?.message == "resolver 127.0.53.1:10053 returned no address for www.edgecheck.test (A, AAAA)")
    }

    @Test func anIPLiteralNeedsNoResolver() async {
        let network = ScriptedNetwork()
        let result = await resolve(network, host: "127.0.10.1")
        #expect(result.addresses == ["127.0.10.1"])
        #expect(result.findings.isEmpty)
        #expect(network.questions.isEmpty)
    }
}
