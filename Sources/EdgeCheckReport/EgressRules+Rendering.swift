import EdgeCheckModel

extension EgressRules {
    /// The rules in `format`, ending in a newline.
    public func render(_ format: Format) -> String {
        switch format {
        case .nftables: nftables()
        case .iptables: iptables(ipv6: false)
        case .ip6tables: iptables(ipv6: true)
        case .awsSG: awsSecurityGroup()
        case .csv: csv()
        }
    }

    /// The rules of one family for the iptables formats.
    public func rules(ipv6: Bool) -> [Rule] {
        rules.filter { $0.isIPv6 == ipv6 }
    }

    private var header: [String] {
        ["# edgecheck allow-list from \(Self.comment(source.path, limit: 200)), run \(Self.comment(source.started)) "
            + "by edgecheck \(Self.comment(source.version))",
         "# the addresses static-ip checks saw, allowed and serving"]
    }

    /// An nftables script (`nft -f`): a table `inet edgecheck` with a regular chain
    /// `edgecheck_egress` that accepts each address and port. Jump to it from an output or
    /// forward chain.
    private func nftables() -> String {
        var lines = header
        lines.append("# use: nft -f FILE, then add 'jump edgecheck_egress' to your output or forward chain")
        lines.append("table inet edgecheck {")
        lines.append("\tchain edgecheck_egress {")
        for rule in rules {
            let family = rule.isIPv6 ? "ip6" : "ip"
            lines.append("\t\t\(family) daddr \(rule.address) tcp dport \(rule.port) accept comment \"\(note(for: rule))\"")
        }
        lines.append("\t}")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `iptables-restore` (or `ip6tables-restore`) input: a chain `EDGECHECK-EGRESS` in the
    /// filter table with one ACCEPT per address and port, restored with `--noflush`.
    private func iptables(ipv6: Bool) -> String {
        var lines = header
        let tool = ipv6 ? "ip6tables" : "iptables"
        lines.append("# use: \(tool)-restore --noflush FILE, then \(tool) -A OUTPUT -j EDGECHECK-EGRESS")
        let other = rules(ipv6: !ipv6).count
        if other > 0 {
            lines.append("# \(other) \(ipv6 ? "IPv4" : "IPv6") \(other == 1 ? "address is" : "addresses are") in "
                         + "--format \(ipv6 ? "iptables" : "ip6tables")")
        }
        lines.append("*filter")
        lines.append(":EDGECHECK-EGRESS - [0:0]")
        for rule in rules(ipv6: ipv6) {
            let prefix = ipv6 ? 128 : 32
            lines.append("-A EDGECHECK-EGRESS -d \(rule.address)/\(prefix) -p tcp -m tcp --dport \(rule.port) "
                         + "-m comment --comment \"\(note(for: rule))\" -j ACCEPT")
        }
        lines.append("COMMIT")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `IpPermissions` of `aws ec2 authorize-security-group-egress --ip-permissions file://FILE`:
    /// one entry per port, IPv4 in `IpRanges` and IPv6 in `Ipv6Ranges`, each with a description.
    private func awsSecurityGroup() -> String {
        var ports: [Int] = []
        for rule in rules where !ports.contains(rule.port) { ports.append(rule.port) }
        let permissions = ports.map { port -> JSONValue in
            let matching = rules.filter { $0.port == port }
            return .object([
                ("IpProtocol", .string("tcp")),
                ("FromPort", .number("\(port)")),
                ("ToPort", .number("\(port)")),
                ("IpRanges", .array(matching.filter { !$0.isIPv6 }.map { rule in
                    .object([("CidrIp", .string(rule.address + "/32")), ("Description", .string(note(for: rule)))])
                })),
                ("Ipv6Ranges", .array(matching.filter(\.isIPv6).map { rule in
                    .object([("CidrIpv6", .string(rule.address + "/128")), ("Description", .string(note(for: rule)))])
                })),
            ])
        }
        return JSONValue.array(permissions).pretty()
    }

    /// `address,family,port,protocol,host,check,run_started`, one row per rule.
    private func csv() -> String {
        var lines = ["address,family,port,protocol,host,check,run_started"]
        for rule in rules {
            let cells = [rule.address, rule.isIPv6 ? "ipv6" : "ipv4", "\(rule.port)", "tcp", rule.host, rule.check,
                         source.started]
            lines.append(cells.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting, and a leading `=`, `+`, `-` or `@` defused so a spreadsheet never
    /// evaluates it as a formula.
    static func csvField(_ text: String) -> String {
        var value = text.filter { $0 != "\r" && $0 != "\n" }
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "'" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
