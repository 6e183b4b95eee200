import Foundation
import Testing
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// Lookups against a real dnsmasq on loopback, a silent socket and a port nobody listens on.
@Suite(.serialized) struct ResolverTests {
    /// A dnsmasq answering `*.edgecheck.test` from its own configuration only.
    final class Dnsmasq: @unchecked Sendable {
        let server: DNSServer
        private let process: ServerProcess

        init(host: String = "127.0.54.1") async throws {
            let port = TestPorts.next()
            var args = ["--no-daemon", "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=\(host)",
                        "--port=\(port)", "--local-ttl=77", "--local=/edgecheck.test/", "--user=root",
                        "--pid-file=", "--log-facility=-",
                        "--host-record=www.edgecheck.test,127.0.10.1,::1",
                        "--host-record=www.edgecheck.test,127.0.10.2",
                        "--cname=alias.edgecheck.test,middle.edgecheck.test",
                        "--cname=middle.edgecheck.test,www.edgecheck.test",
                        "--host-record=v4only.edgecheck.test,127.0.10.3",
                        "--server=/refusing.edgecheck.test/#"]
            // Sixty addresses make a reply longer than 512 bytes: UDP truncates, TCP must follow.
            for index in 1...60 { args.append("--host-record=many.edgecheck.test,127.0.11.\(index)") }
            process = try ServerProcess("/usr/sbin/dnsmasq", args)
            server = .address(host: host, port: port)
            try await waitUntilAnswering()
        }

        private func waitUntilAnswering() async throws {
            for _ in 0..<100 {
                let probe = await Resolver().lookup("www.edgecheck.test", type: .a, server: server, timeout: .milliseconds(100))
                if probe.failure == nil { return }
                try await Task.sleep(for: .milliseconds(30))
            }
            Issue.record("dnsmasq did not start on \(server)")
            throw POSIXError(.ETIMEDOUT)
        }
    }

    @Test func answersCarryAddressesInOrderAndTheirTTL() async throws {
        let dns = try await Dnsmasq()
        let lookup = await Resolver().lookup("www.edgecheck.test", type: .a, server: dns.server, timeout: .seconds(2))
        #expect(lookup.failure == nil)
        #expect(Set(lookup.answers.map(\.address)) == ["127.0.10.1", "127.0.10.2"])
        #expect(lookup.answers.allSatisfy { $0.ttl == 77 && $0.type == .a })
        #expect(lookup.cnames.isEmpty)
    }

    @Test func aResolverOnAnIPv6AddressIsAskedThere() async throws {
        let dns = try await Dnsmasq(host: "::1")
        #expect(dns.server.description.hasPrefix("[::1]:"))
        let lookup = await Resolver().lookup("www.edgecheck.test", type: .aaaa, server: dns.server, timeout: .seconds(2))
        #expect(lookup.failure == nil)
        #expect(lookup.answers.map(\.address) == ["::1"])
    }

    @Test func aaaaAndAAreAskedTogetherInTheOrderGiven() async throws {
        let dns = try await Dnsmasq()
        let lookups = await Resolver().lookup("www.edgecheck.test", types: [.aaaa, .a], server: dns.server,
                                              timeout: .seconds(2))
        #expect(lookups.map(\.type) == [.aaaa, .a])
        #expect(lookups[0].answers.map(\.address) == ["::1"])
        #expect(lookups[1].answers.count == 2)
    }

    @Test func aNameWithoutThatRecordTypeIsAnEmptyAnswerNotAFailure() async throws {
        let dns = try await Dnsmasq()
        let lookup = await Resolver().lookup("v4only.edgecheck.test", type: .aaaa, server: dns.server, timeout: .seconds(2))
        #expect(lookup.failure == nil)
        #expect(lookup.answers.isEmpty)
    }

    @Test func theCNAMEChainIsKeptInOrder() async throws {
        let dns = try await Dnsmasq()
        let lookup = await Resolver().lookup("alias.edgecheck.test", type: .a, server: dns.server, timeout: .seconds(2))
        #expect(lookup.failure == nil)
        #expect(lookup.cnames == ["alias.edgecheck.test", "middle.edgecheck.test"])
        #expect(lookup.answers.count == 2)
    }

    @Test func aTruncatedAnswerIsFetchedAgainOverTCP() async throws {
        let dns = try await Dnsmasq()
        let lookup = await Resolver().lookup("many.edgecheck.test", type: .a, server: dns.server, timeout: .seconds(2))
        #expect(lookup.failure == nil)
        #expect(lookup.answers.count == 60)
    }

    @Test func anUnknownNameIsNXDOMAINNamingTheResolver() async throws {
        let dns = try await Dnsmasq()
        let lookup = await Resolver().lookup("nope.edgecheck.test", type: .a, server: dns.server, timeout: .seconds(2))
        #expect(lookup.failure?.failureClass == .nxdomain)
        #expect(lookup.failure?.message == "\(dns.server) says nope.edgecheck.test does not exist (NXDOMAIN)")
    }

    @Test func aResolverThatRefusesToRecurseIsRefused() async throws {
        // With no upstream configured for that domain dnsmasq answers REFUSED.
        let dns = try await Dnsmasq()
        let lookup = await Resolver().lookup("x.refusing.edgecheck.test", type: .a, server: dns.server, timeout: .seconds(2))
        #expect(lookup.failure?.failureClass == .refused)
        #expect(lookup.failure?.message == "\(dns.server) refused the query for x.refusing.edgecheck.test A "
                + "(REFUSED)")
    }

    @Test func aSilentResolverIsADNSTimeoutWithinTheTimeout() async throws {
        let silent = try SilentSocket(host: "127.0.53.3", stream: false)
        let server = DNSServer.address(host: silent.host, port: silent.port)
        let started = ContinuousClock.now
        let lookup = await Resolver().lookup("www.edgecheck.test", type: .a, server: server, timeout: .milliseconds(600))
        let elapsed = ContinuousClock.now - started
        #expect(lookup.failure?.failureClass == .dnsTimeout)
        #expect(lookup.failure?.message == "\(server) did not answer for www.edgecheck.test A within 600ms")
        #expect(lookup.durationMs < 600 + 1000)  // our own clock around the lookup: allow for a loaded machine
        #expect(elapsed < .milliseconds(600 + 10_000))
    }

    @Test func aPortNobodyListensOnIsRefused() async throws {
        // Bind and close a UDP socket to find a port that is surely free on this address.
        let port = try SilentSocket(host: "127.0.54.9", stream: false).port
        let server = DNSServer.address(host: "127.0.54.9", port: port)
        let lookup = await Resolver().lookup("www.edgecheck.test", type: .a, server: server, timeout: .seconds(2))
        #expect(lookup.failure?.failureClass == .refused)
        #expect(lookup.failure?.message.contains("127.0.54.9:\(port)") == true)
    }

    @Test func queriesLeaveFromTheBoundSourceAddress() async throws {
        let dns = try await Dnsmasq()
        let good = await Resolver().lookup("www.edgecheck.test", type: .a, server: dns.server, timeout: .seconds(2),
                                           bind: "127.0.99.7")
        #expect(good.failure == nil)
        let bad = await Resolver().lookup("www.edgecheck.test", type: .a, server: dns.server, timeout: .seconds(2),
                                          bind: "not-an-ip")
        #expect(bad.failure?.failureClass == .local)
    }

    @Test func cancellationEndsALookupEarly() async throws {
        let silent = try SilentSocket(host: "127.0.53.4", stream: false)
        let server = DNSServer.address(host: silent.host, port: silent.port)
        let task = Task { await Resolver().lookup("www.edgecheck.test", type: .a, server: server, timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        task.cancel()
        let lookup = await task.value
        #expect(lookup.failure?.failureClass == .dnsTimeout)
        #expect(lookup.failure?.message.contains("cancelled") == true)
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}
