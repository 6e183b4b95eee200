import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The `static-ip` keys of one suite entry, validated, with the contract's defaults applied.
public struct StaticIPConfiguration: Sendable, Equatable {
    /// How far each address is probed.
    public enum ProbeMode: String, Sendable, CaseIterable {
        /// Only DNS is checked.
        case none
        /// A TCP connect to the port.
        case tcp
        /// A TLS handshake with SNI = host, verified against the system store and `ca-file`.
        case tls
        /// The TLS handshake plus `GET /`; any status below 500 counts as serving.
        case https
    }

    /// The name to resolve, also the TLS server name.
    public var host: String
    public var port: Int
    /// The allow-list.
    public var expect: [AddressRange]
    /// Rounds of lookups against every resolver.
    public var lookups: Int
    /// Pause between rounds.
    public var interval: Duration
    public var recordTypes: [DNSRecordType]
    public var probe: ProbeMode

    public init(host: String, port: Int = 443, expect: [AddressRange], lookups: Int = 5,
                interval: Duration = .seconds(1), recordTypes: [DNSRecordType] = [.a, .aaaa],
                probe: ProbeMode = .tls) {
        self.host = host
        self.port = port
        self.expect = expect
        self.lookups = lookups
        self.interval = interval
        self.recordTypes = recordTypes
        self.probe = probe
    }

    /// Reads the keys of `settings`, defaulting `host` and `port` from the suite's target.
    public init(settings: CheckSettings) throws(SuiteError) {
        if let host = try settings.string("host") {
            guard StaticIPConfiguration.isPlainHost(host) else {
                throw settings.error("host", "'\(host)' is not a host name (write the name only, without scheme, port or path)")
            }
            self.host = host
        } else if let host = settings.target?.host, !host.isEmpty {
            self.host = host
        } else {
            throw settings.error("host", "missing required key (the suite has no target to take the host from)")
        }
        port = try settings.int("port", in: 1...65_535) ?? settings.target?.port ?? 443
        expect = try settings.required(settings.addressRanges("expect"), "expect")
        guard !expect.isEmpty else {
            throw settings.error("expect", "the allow-list is empty: list the IPs and CIDRs the name may resolve to")
        }
        lookups = try settings.int("lookups", in: 1...1_000) ?? 5
        interval = try settings.duration("interval") ?? .seconds(1)
        if let names = try settings.stringList("record-types") {
            var types: [DNSRecordType] = []
            for name in names {
                guard let type = DNSRecordType(rawValue: name.uppercased()) else {
                    throw settings.error("record-types", "'\(name)' is not a record type (write A, AAAA or both)")
                }
                if !types.contains(type) { types.append(type) }
            }
            guard !types.isEmpty else { throw settings.error("record-types", "expected A, AAAA or both") }
            recordTypes = types
        } else {
            recordTypes = [.a, .aaaa]
        }
        let modes = ProbeMode.allCases.map(\.rawValue)
        probe = try settings.oneOf("probe", modes).flatMap(ProbeMode.init(rawValue:)) ?? .tls
    }

    /// The keys as `edgecheck list` shows them.
    static let keys: [KeyDescription] = [
        KeyDescription("host", type: "hostname", default: "the target's host",
                       meaning: "Name to resolve; also the TLS server name (SNI) when probing."),
        KeyDescription("port", type: "int", default: "the target's port, else 443",
                       meaning: "Port every address is probed on."),
        KeyDescription("expect", type: "[IP or CIDR]", required: true,
                       meaning: "The allow-list: any address outside it fails; an expected address never returned warns."),
        KeyDescription("lookups", type: "int", default: "5",
                       meaning: "Rounds of lookups; each round asks every resolver in dns-servers."),
        KeyDescription("interval", type: "duration", default: "1s", meaning: "Pause between rounds of lookups."),
        KeyDescription("record-types", type: "[A | AAAA]", default: "[A, AAAA]",
                       meaning: "Record types asked for; an empty answer (NODATA) is not a failure."),
        KeyDescription("probe", type: "none | tcp | tls | https", default: "tls",
                       meaning: "How every address seen or expected is tried: TCP connect, verified TLS handshake "
                           + "with SNI = host, or GET / over HTTPS (a status below 500 serves)."),
    ]

    /// Whether `text` is a bare host name or IP, not a URL or `host:port`.
    static func isPlainHost(_ text: String) -> Bool {
        guard !text.isEmpty, !text.contains("/"), !text.contains(" ") else { return false }
        return !text.contains(":") || IPAddress.isLiteral(text)
    }
}
