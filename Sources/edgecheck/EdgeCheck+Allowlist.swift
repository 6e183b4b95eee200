import ArgumentParser
import EdgeCheckReport

extension EdgeCheck {
    /// `edgecheck allowlist`: the verified static addresses of a JSON report as firewall rules.
    struct Allowlist: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allowlist",
            abstract: "Write the addresses static-ip checks saw, allowed and serving, as egress rules.",
            discussion: """
                Formats: nftables (a table for nft -f), iptables and ip6tables (input for \
                iptables-restore / ip6tables-restore), aws-sg (IpPermissions JSON for aws ec2 \
                authorize-security-group-egress), csv. Each rule's comment names the check, the host \
                and the run. Exit status: 0 rules written; 1 the report holds no verified address; \
                2 unreadable input or invalid invocation.
                """
        )

        @Argument(help: ArgumentHelp("A JSON report of a run.", valueName: "REPORT.json"))
        var report: String

        @Option(help: ArgumentHelp("nftables, iptables, ip6tables, aws-sg or csv.", valueName: "FORMAT"))
        var format: String

        @Option(help: ArgumentHelp("Write the rules to FILE (atomically) instead of stdout.", valueName: "FILE"))
        var output: String?

        func validate() throws {
            guard EgressRules.Format(rawValue: format) != nil else {
                let names = EgressRules.Format.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--format: '\(format)' is not one of \(names)")
            }
        }

        func run() throws {
            let rules: EgressRules
            do {
                rules = EgressRules(report: try ReadReport.read(path: report))
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(Diagnostics.invalidInvocation)
            }
            for id in rules.unprobed {
                Diagnostics.line("edgecheck: \(id): probe none, so no address was verified to serve; none exported")
            }
            guard !rules.rules.isEmpty else {
                Diagnostics.line("edgecheck: \(report): no static-ip check saw an allowed address that served")
                throw ExitCode(1)
            }
            let chosen = EgressRules.Format(rawValue: format) ?? .csv
            if chosen == .iptables || chosen == .ip6tables, rules.rules(ipv6: chosen == .iptables).count > 0 {
                let other = chosen == .iptables ? "ip6tables" : "iptables"
                Diagnostics.line("edgecheck: some addresses are of the other family: also run --format \(other)")
            }
            let text = rules.render(chosen)
            guard let output, output != "-" else {
                Diagnostics.output(text)
                return
            }
            do {
                try ReportWriter.write(text, to: output)
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(1)
            }
        }
    }
}
