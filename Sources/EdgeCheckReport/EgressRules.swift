#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import EdgeCheckModel

/// The addresses `static-ip` checks saw, allowed and serving, as egress rules a partner's firewall
/// team pastes (`edgecheck allowlist`). Every address is re-parsed and written in canonical form,
/// and every comment keeps only harmless characters, so a tampered report cannot smuggle syntax
/// into a rule set.
public struct EgressRules: Sendable {
    /// One allowed destination.
    public struct Rule: Sendable, Equatable {
        /// Canonical text of the address.
        public var address: String
        public var isIPv6: Bool
        public var port: Int
        /// The host name the check looked up.
        public var host: String
        /// The check's id.
        public var check: String
    }

    /// The output formats, by their `--format` value.
    public enum Format: String, Sendable, CaseIterable {
        case nftables, iptables, ip6tables, awsSG = "aws-sg", csv
    }

    /// The rules, ordered by check, then IPv4 before IPv6, then address; each address and port once.
    public var rules: [Rule]
    /// Checks that name addresses but made no connection (`probe: none`): none of their
    /// addresses was verified to serve, so none is exported.
    public var unprobed: [String]
    /// The report they came from.
    public var source: ReadReport

    /// The rules of `report`'s `static-ip` checks.
    public init(report: ReadReport) {
        source = report
        var rules: [Rule] = []
        var unprobed: [String] = []
        for check in report.checks {
            guard let staticIP = check.staticIP else { continue }
            if staticIP.probe == "none" {
                unprobed.append(check.id)
                continue
            }
            let port = staticIP.port ?? 443
            guard (1...65535).contains(port) else { continue }
            var found: [Rule] = []
            for text in staticIP.seen where !staticIP.unexpected.contains(text) && staticIP.serving.contains(text) {
                guard let (address, isIPv6) = Self.canonical(text) else { continue }
                let rule = Rule(address: address, isIPv6: isIPv6, port: port, host: staticIP.host, check: check.id)
                if !rules.contains(where: { $0.address == address && $0.port == port }) && !found.contains(rule) {
                    found.append(rule)
                }
            }
            rules += found.sorted { lhs, rhs in
                lhs.isIPv6 != rhs.isIPv6 ? !lhs.isIPv6 : Self.bytes(lhs.address).lexicographicallyPrecedes(Self.bytes(rhs.address))
            }
        }
        self.rules = rules
        self.unprobed = unprobed
    }

    /// The canonical text of an IPv4 or IPv6 address and whether it is IPv6; nil for anything else
    /// (a CIDR, a name, text with syntax in it).
    static func canonical(_ text: String) -> (String, Bool)? {
        guard text.utf8.count <= 45, !text.isEmpty else { return nil }
        for (family, size) in [(AF_INET, 4), (AF_INET6, 16)] {
            var buffer = [UInt8](repeating: 0, count: size)
            guard inet_pton(family, text, &buffer) == 1 else { continue }
            var output = [CChar](repeating: 0, count: 64)
            guard inet_ntop(family, buffer, &output, socklen_t(output.count)) != nil else { return nil }
            return (String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), family == AF_INET6)
        }
        return nil
    }

    /// The address's bytes, for numeric order.
    private static func bytes(_ address: String) -> [UInt8] {
        let family = address.contains(":") ? AF_INET6 : AF_INET
        var buffer = [UInt8](repeating: 0, count: 16)
        _ = inet_pton(family, address, &buffer)
        return buffer
    }

    /// Text for a comment: letters, digits and `. _ - : / @ +` kept, everything else a space,
    /// at most `limit` characters. Fits nftables' and iptables' quoted comments and AWS's
    /// description alphabet alike.
    static func comment(_ text: String, limit: Int = 120) -> String {
        let kept = text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", ":", "/", "@", "+", " ": Character(scalar)
            default: " "
            }
        }
        return String(String(kept).split(separator: " ").joined(separator: " ").prefix(limit))
    }

    /// What each rule's comment says: the host, the check and the run.
    func note(for rule: Rule) -> String {
        Self.comment("edgecheck \(rule.check) \(rule.host) run \(source.started)")
    }
}
