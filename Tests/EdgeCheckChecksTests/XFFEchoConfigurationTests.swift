import Foundation
import Testing
import Yams
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct XFFEchoConfigurationTests {
    private func settings(_ yaml: String) throws -> CheckSettings {
        let node = try #require(try Yams.compose(yaml: yaml))
        return CheckSettings(mapping: node, file: "suite.yaml", directory: URL(fileURLWithPath: "/tmp"), target: nil,
                             keyPath: "checks[1]")
    }

    @Test func defaultsFollowTheContract() throws {
        let configuration = try XFFEchoConfiguration(settings: settings("url: https://h.example/canary\n"))
        #expect(configuration.clientIP == .auto)
        #expect(configuration.clientIPURL.absoluteString == "https://checkip.amazonaws.com")
        #expect(configuration.trustedHops == 1)
        #expect(configuration.header == "X-Forwarded-For")
        #expect(configuration.format == .auto)
        #expect(configuration.spoof)
        #expect(configuration.expectProto == "https")
    }

    @Test func everyKeyIsRead() throws {
        let configuration = try XFFEchoConfiguration(settings: settings("""
            url: https://h.example/canary
            client-ip: 2001:DB8::7
            client-ip-url: http://127.0.40.2:8080/
            trusted-hops: 2
            header: X-Real-Chain
            format: text
            spoof: false
            expect-proto: http
            """))
        #expect(configuration.clientIP == .fixed("2001:db8::7"))
        #expect(configuration.clientIPURL.absoluteString == "http://127.0.40.2:8080/")
        #expect(configuration.trustedHops == 2)
        #expect(configuration.header == "X-Real-Chain")
        #expect(configuration.format == .text)
        #expect(!configuration.spoof)
        #expect(configuration.expectProto == "http")
    }

    @Test func theCanaryIsRequired() throws {
        let input = try settings("trusted-hops: 2\n")
        do {
            _ = try XFFEchoConfiguration(settings: input)
            Issue.record("no url was accepted")
        } catch {
            #expect(error.key == "checks[1].url")
        }
    }

    @Test func aBadClientIPIsNamed() throws {
        let input = try settings("url: https://h/\nclient-ip: me\n")
        do {
            _ = try XFFEchoConfiguration(settings: input)
            Issue.record("client-ip: me was accepted")
        } catch {
            #expect(error.key == "checks[1].client-ip")
            #expect(error.message == "'me' is neither an IP address nor auto")
        }
    }

    @Test func theDescriptionListsEveryKey() {
        #expect(XFFEchoCheck.description.keys.map(\.name)
                == ["url", "client-ip", "client-ip-url", "trusted-hops", "header", "format", "headers-at", "spoof",
                    "expect-proto", "connect-to", "proxy-protocol", "proxy-source", "server-name", "pin-sha256",
                    "insecure"])
    }

    @Test func headersAtTakesAJSONPointer() throws {
        #expect(try XFFEchoConfiguration(settings: settings("url: https://h/\nheaders-at: /request/headers\n")).headersAt
                == "/request/headers")
        for (yaml, message) in [
            ("headers-at: request/headers", "'request/headers' is not a JSON pointer (write e.g. /request/headers)"),
            ("headers-at: /h\nformat: text", "a JSON pointer needs a JSON echo, but format is text"),
        ] {
            let input = try settings("url: https://h/\n" + yaml + "\n")
            do {
                _ = try XFFEchoConfiguration(settings: input)
                Issue.record("\(yaml) was accepted")
            } catch {
                #expect(error.key == "checks[1].headers-at")
                #expect(error.message == message)
            }
        }
    }
}
