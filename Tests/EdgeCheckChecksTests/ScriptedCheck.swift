import Foundation
import Yams
@testable import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckTestSupport

/// Builds one check from a suite entry's keys and runs it against a scripted network, for the
/// tests of a kind's glue (which address it tries next, what it follows, what it asks).
enum ScriptedCheck {
    /// The lab's two resolvers, as a suite names them.
    static let resolvers = [DNSServer.address(host: "127.0.53.1", port: 10053),
                            DNSServer.address(host: "127.0.53.2", port: 10053)]

    /// The check `yaml` (the entry's keys, without `kind`) describes.
    static func make<Kind: Check>(_ kind: Kind.Type, _ yaml: String,
                                  target: String = "https://www.edgecheck.test:8443/") throws -> Kind {
        guard let node = try Yams.compose(yaml: yaml, .basic) else {
            throw SuiteError(file: "glue.yaml", line: nil, key: "", message: "empty suite entry")
        }
        let settings = CheckSettings(mapping: node, file: "glue.yaml", directory: URL(fileURLWithPath: "/tmp"),
                                     target: URL(string: target), keyPath: "checks[0]")
        return try Kind(settings: settings)
    }

    /// Runs `check` with `network` standing in for DNS and every connection.
    static func run(_ check: some Check, on network: ScriptedNetwork, servers: [DNSServer] = resolvers,
                    target: String = "https://www.edgecheck.test:8443/") async -> CheckOutcome {
        let common = CommonSettings(id: "glue", kind: type(of: check).description.kind, timeout: .seconds(1),
                                    dnsServers: servers)
        let context = CheckContext(common: common, target: URL(string: target),
                                   suiteDirectory: URL(fileURLWithPath: "/tmp"), resolver: network, prober: network)
        return await check.run(in: context)
    }
}

