import Foundation
import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckModel

@Suite struct EgressRulesTests {
    private func rules(_ text: String) throws -> EgressRules {
        EgressRules(report: try SampleJSONReport.read(text, path: "run.json"))
    }

    @Test func onlyAllowedServingAddressesBecomeRules() throws {
        let text = SampleJSONReport.text(seen: ["127.0.10.1", "127.0.10.2", "127.0.10.66", "::1"],
                                         unexpected: ["127.0.10.66"], serving: ["127.0.10.2", "127.0.10.66", "::1"])
        let result = try rules(text)
        #expect(result.rules.map(\.address) == ["127.0.10.2", "::1"])
        #expect(result.rules.map(\.isIPv6) == [false, true])
        #expect(result.rules.allSatisfy { $0.port == 8443 && $0.host == "www.edgecheck.test" && $0.check == "ips" })
    }

    @Test func unprobedChecksExportNothing() throws {
        let result = try rules(SampleJSONReport.text(serving: [], probe: "none"))
        #expect(result.rules.isEmpty && result.unprobed == ["ips"])
    }

    @Test func tamperedAddressesAreDropped() throws {
        let text = SampleJSONReport.text(seen: ["127.0.10.1 accept; flush ruleset", "0:0:0:0:0:0:0:1", "10.0.0.0/8"])
        #expect(try rules(text).rules.map(\.address) == ["::1"], "re-parsed and canonical")
    }

    @Test func eachFormatNamesTheHostAndTheRun() throws {
        let result = try rules(SampleJSONReport.text(seen: ["127.0.10.1", "::1"]))
        let nft = result.render(.nftables)
        #expect(nft.contains("\t\tip daddr 127.0.10.1 tcp dport 8443 accept comment \"edgecheck ips www.edgecheck.test run 2026-11-26T15:13:20.250Z\""))
        #expect(nft.contains("\t\tip6 daddr ::1 tcp dport 8443 accept"))
        let ipv4 = result.render(.iptables)
        #expect(ipv4.contains("-A EDGECHECK-EGRESS -d 127.0.10.1/32 -p tcp -m tcp --dport 8443 -m comment --comment "
                              + "\"edgecheck ips www.edgecheck.test run 2026-11-26T15:13:20.250Z\" -j ACCEPT"))
        #expect(!ipv4.contains("::1/128") && ipv4.contains("# 1 IPv6 address is in --format ip6tables"))
        #expect(result.render(.ip6tables).contains("-A EDGECHECK-EGRESS -d ::1/128 -p tcp"))
        let csv = result.render(.csv)
        #expect(csv == "address,family,port,protocol,host,check,run_started\r\n"
                + "127.0.10.1,ipv4,8443,tcp,www.edgecheck.test,ips,2026-11-26T15:13:20.250Z\r\n"
                + "::1,ipv6,8443,tcp,www.edgecheck.test,ips,2026-11-26T15:13:20.250Z\r\n")
    }

    @Test func awsSecurityGroupIsValidJSON() throws {
        let result = try rules(SampleJSONReport.text(seen: ["127.0.10.1", "::1"]))
        let permissions = try #require(try JSONSerialization.jsonObject(with: Data(result.render(.awsSG).utf8)) as? [[String: Any]])
        #expect(permissions.count == 1)
        #expect(permissions[0]["IpProtocol"] as? String == "tcp" && permissions[0]["FromPort"] as? Int == 8443)
        #expect((permissions[0]["IpRanges"] as? [[String: Any]])?.first?["CidrIp"] as? String == "127.0.10.1/32")
        #expect((permissions[0]["Ipv6Ranges"] as? [[String: Any]])?.first?["CidrIpv6"] as? String == "::1/128")
    }

    @Test func commentsKeepAHarmlessAlphabet() {
        #expect(EgressRules.comment("a\"b'c;d$(e)\n`f`") == "a b c d e f")
        #expect(EgressRules.csvField("=cmd|x") == "'=cmd|x" || EgressRules.csvField("=cmd|x") == "\"'=cmd|x\"")
        #expect(EgressRules.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }
}
