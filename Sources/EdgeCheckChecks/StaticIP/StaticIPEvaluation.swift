import EdgeCheckModel
import EdgeCheckNet

/// The verdict of a `static-ip` check from what its lookups and probes observed. Pure: it does no
/// I/O, so every rule can be tested on made-up observations.
struct StaticIPEvaluation: Sendable {
    static let unexpectedAddress = FailureClass("unexpected-address")
    static let missingAddress = FailureClass("missing-address")
    static let resolverDisagreement = FailureClass("resolver-disagreement")

    var configuration: StaticIPConfiguration
    /// The resolvers asked, as written, in `dns-servers` order.
    var resolvers: [String]

    var allowList: AllowList { AllowList(configuration.expect) }

    /// Every address any lookup returned, in numeric order.
    func seen(in lookups: [StaticIPData.Lookup]) -> [String] {
        IPAddress.sorted(lookups.flatMap(\.answers))
    }

    /// What to probe: every address seen and every single expected address, in numeric order.
    func addressesToProbe(after lookups: [StaticIPData.Lookup]) -> [String] {
        IPAddress.sorted(seen(in: lookups) + allowList.singleAddresses)
    }

    /// The outcome: findings, subjects, summary and data.
    func outcome(lookups: [StaticIPData.Lookup], probes: [StaticIPData.Probe]) -> CheckOutcome {
        let seen = seen(in: lookups)
        let allowList = allowList
        let unexpected = allowList.unexpected(in: seen)
        let missing = allowList.missing(from: seen)
        let anyAnswered = lookups.contains(where: \.succeeded)

        var findings = lookupFailures(lookups)
        findings += unexpected.map { address in
            Finding(status: .fail, subject: address, failureClass: Self.unexpectedAddress,
                    message: "\(address) is outside the allow-list (\(allowList.shortDescription)); "
                        + "returned by \(whoReturned(address, in: lookups))")
        }
        findings += disagreements(lookups, allowList: allowList)
        if anyAnswered && seen.isEmpty {
            findings.append(Finding(status: .fail, subject: configuration.host, failureClass: .noAddress,
                                    message: "no resolver returned any address for \(configuration.host) "
                                        + "(\(typeList)) in \(roundsPhrase)"))
        }
        findings += probes.filter { !$0.ok }.map(probeFailure)
        // Without a single answer, "never returned" says nothing the lookup failures don't already say.
        if anyAnswered && !seen.isEmpty {
            findings += missing.map(missingFinding)
        }

        let probed = IPAddress.sorted(probes.map(\.address) + (configuration.probe == .none
            ? seen + allowList.singleAddresses : []))
        var subjects = probed
        for finding in findings where !finding.subject.isEmpty && !subjects.contains(finding.subject) {
            subjects.append(finding.subject)
        }

        let data = StaticIPData(
            host: configuration.host, port: configuration.port, probe: configuration.probe.rawValue,
            expect: configuration.expect.map(\.description), resolvers: resolvers, rounds: configuration.lookups,
            seen: seen, unexpected: unexpected, missing: missing.map(\.description),
            lookups: lookups, probes: probes)
        let measurements = probes.map { EdgeCheckModel.Measurement(name: "probe", value: $0.ms, unit: "ms", subject: $0.address) }
        return CheckOutcome(summary: summary(findings: findings, seen: seen), findings: findings,
                            subjects: subjects, measurements: measurements, data: data)
    }

    // MARK: Findings

    /// One finding per resolver and failure class, e.g. every timed-out lookup of one resolver.
    private func lookupFailures(_ lookups: [StaticIPData.Lookup]) -> [Finding] {
        var findings: [Finding] = []
        for resolver in resolvers {
            let asked = lookups.filter { $0.resolver == resolver }
            let failed = asked.filter { !$0.succeeded }
            var classes: [FailureClass] = []
            for failureClass in failed.compactMap(\.failureClass) where !classes.contains(failureClass) {
                classes.append(failureClass)
            }
            for failureClass in classes {
                let these = failed.filter { $0.failureClass == failureClass }
                let types = DNSRecordType.allCases.filter { type in these.contains { $0.type == type } }
                let reason = these.first?.error ?? failureClass.rawValue
                findings.append(Finding(
                    status: .fail, subject: resolver, failureClass: failureClass,
                    message: "resolver \(resolver) failed \(these.count) of \(asked.count) lookups of "
                        + "\(configuration.host) (\(types.map(\.rawValue).joined(separator: ", "))): \(reason)"))
            }
        }
        return findings
    }

    /// A resolver that never returned allow-listed addresses the others returned: the resolvers
    /// disagree (split DNS, a stale zone). Addresses outside the allow-list are already failures
    /// that name their resolver, so only allow-listed ones are compared here.
    private func disagreements(_ lookups: [StaticIPData.Lookup], allowList: AllowList) -> [Finding] {
        guard resolvers.count > 1 else { return [] }
        var findings: [Finding] = []
        for resolver in resolvers {
            let own = lookups.filter { $0.resolver == resolver }
            guard own.contains(where: \.succeeded) else { continue }
            let ownAnswers = Set(own.flatMap(\.answers))
            let others = lookups.filter { $0.resolver != resolver }
            let absent = IPAddress.sorted(others.flatMap(\.answers).filter { !ownAnswers.contains($0) && allowList.allows($0) })
            guard !absent.isEmpty else { continue }
            let returners = resolvers.filter { other in
                other != resolver && others.contains { $0.resolver == other && !Set($0.answers).isDisjoint(with: absent) }
            }
            findings.append(Finding(
                status: .warn, subject: resolver, failureClass: Self.resolverDisagreement,
                message: "resolver \(resolver) never returned \(FindingSummary.list(absent, max: 4)) for "
                    + "\(configuration.host) in \(roundsOnlyPhrase), which \(returners.joined(separator: ", ")) returned"))
        }
        return findings
    }

    private func probeFailure(_ probe: StaticIPData.Probe) -> Finding {
        let failureClass = probe.failureClass ?? .timeout
        let reason = probe.error ?? failureClass.rawValue
        let role = allowList.allows(probe.address) ? "" : " (outside the allow-list)"
        return Finding(status: .fail, subject: probe.address, failureClass: failureClass,
                       message: "\(probe.address)\(role) does not serve: \(reason); expected \(expectedService)")
    }

    private func missingFinding(_ entry: AddressRange) -> Finding {
        let message: String
        if let address = entry.singleAddress {
            message = "\(address) is allow-listed but no resolver returned it for \(configuration.host) in \(roundsPhrase)"
        } else {
            message = "no address in allow-listed \(entry) was returned for \(configuration.host) in \(roundsPhrase)"
        }
        return Finding(status: .warn, subject: entry.description, failureClass: Self.missingAddress, message: message)
    }

    /// `127.0.53.1:10053 in 5 of 5 rounds, 127.0.53.2:10053 in 1 of 5 rounds`.
    private func whoReturned(_ address: String, in lookups: [StaticIPData.Lookup]) -> String {
        resolvers.compactMap { resolver -> String? in
            let rounds = Set(lookups.filter { $0.resolver == resolver && $0.answers.contains(address) }.map(\.round))
            guard !rounds.isEmpty else { return nil }
            return "\(resolver) in \(rounds.count) of \(configuration.lookups) \(configuration.lookups == 1 ? "round" : "rounds")"
        }.joined(separator: ", ")
    }

    // MARK: Wording

    private var typeList: String { configuration.recordTypes.map(\.rawValue).joined(separator: ", ") }

    /// `5 lookups × 2 resolvers`.
    var roundsPhrase: String {
        FindingSummary.count(configuration.lookups, "lookup", "lookups") + " × "
            + FindingSummary.count(resolvers.count, "resolver", "resolvers")
    }

    private var roundsOnlyPhrase: String { FindingSummary.count(configuration.lookups, "lookup", "lookups") }

    /// What a serving address does, for failure messages.
    var expectedService: String {
        let port = configuration.port
        switch configuration.probe {
        case .none: return "nothing (probe: none)"
        case .tcp: return "a TCP connection on port \(port)"
        case .tls: return "a verified TLS handshake for \(configuration.host) on port \(port)"
        case .https: return "an HTTPS response below 500 to GET / for \(configuration.host) on port \(port)"
        }
    }

    private func summary(findings: [Finding], seen: [String]) -> String {
        let addresses = FindingSummary.count(seen.count, "address", "addresses")
        if CheckStatus.worst(findings.map(\.status)) == .pass {
            let verdict = seen.count == 1 ? "allow-listed" : "all allow-listed"
            let serving = configuration.probe == .none ? "; not probed" : ""
            let and = configuration.probe == .none ? "" : " and serving"
            return "\(addresses), \(verdict)\(and) (\(roundsPhrase)\(serving))"
        }
        return "\(FindingSummary.line(for: findings)) (\(addresses) seen in \(roundsPhrase))"
    }
}
