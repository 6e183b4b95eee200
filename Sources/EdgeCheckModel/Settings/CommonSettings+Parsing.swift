import Foundation
import EdgeCheckNet

extension CommonSettings {
    /// The common keys one mapping sets (a check, or the suite's `defaults`); nil where unset.
    public struct Partial: Sendable {
        public var description: String?
        public var timeout: Duration?
        public var dnsServers: [DNSServer]?
        public var bind: String?
        public var caFile: String?
        public var severity: Severity?
        /// `proxy`, as written (`env` is read from the environment when the suite loads).
        public var proxy: ProxyChoice?

        /// Reads and validates the common keys of `settings`, whether or not a later layer
        /// overrides them, so a mistake is reported even where it would have no effect.
        public init(_ settings: CheckSettings) throws(SuiteError) {
            description = try settings.string("description")
            timeout = try settings.duration("timeout")
            if let timeout, timeout <= .zero {
                throw settings.error("timeout", "expected a duration longer than zero, found '\(DurationParser.format(timeout))'")
            }
            dnsServers = try Self.dnsServers(settings)
            bind = try settings.ip("bind")
            caFile = try settings.path("ca-file")
            if let caFile {
                var isDirectory: ObjCBool = false
                if !FileManager.default.fileExists(atPath: caFile, isDirectory: &isDirectory) {
                    throw settings.error("ca-file", "no such file '\(caFile)'")
                }
                if isDirectory.boolValue { throw settings.error("ca-file", "'\(caFile)' is a folder; expected a PEM file") }
            }
            if let text = try settings.string("proxy") {
                switch ProxyChoice.parse(text) {
                case .success(let choice): proxy = choice
                case .failure(let problem): throw settings.error("proxy", problem.message)
                }
            }
            severity = try settings.oneOf("severity", Severity.allCases.map(\.rawValue)).flatMap(Severity.init(rawValue:))
        }

        private static func dnsServers(_ settings: CheckSettings) throws(SuiteError) -> [DNSServer]? {
            guard let items = try settings.scalarItems("dns-servers") else { return nil }
            guard !items.isEmpty else {
                throw settings.error("dns-servers", "expected at least one resolver, found an empty list (write [system] for the machine's own)")
            }
            var servers: [DNSServer] = []
            for (index, item) in items.enumerated() {
                guard let server = DNSServer(parsing: item.text) else {
                    throw SuiteError(file: settings.file, line: item.line, key: settings.qualified("dns-servers[\(index)]"),
                                     message: "'\(item.text)' is not a resolver (write system, IP, IP:PORT or [IPv6]:PORT)")
                }
                servers.append(server)
            }
            return servers
        }
    }
}
