import EdgeCheckModel
import EdgeCheckNet

/// The verdict of `proxy-protocol` on what the canary saw. Pure: it sees attempts, never the network.
struct ProxyProtocolEvaluation: Sendable {
    /// The announced source is not at the trusted position.
    static let lostClass = FailureClass("proxy-lost")
    /// A connection without a header was served while `require-header`.
    static let optionalClass = FailureClass("proxy-optional")
    /// From `untrusted-bind`, a forged header's source arrived at the trusted position.
    static let spoofableClass = FailureClass("proxy-spoofable")

    /// The subjects, one per question the check asks.
    static let announcedSubject = "announced"
    static let withoutHeaderSubject = "without-header"
    static let untrustedSubject = "untrusted"

    var configuration: ProxyProtocolConfiguration

    struct Verdict: Sendable {
        var findings: [Finding]
        var summary: String
        var data: ProxyProtocolData
        var subjects: [String]
    }

    private var position: ChainPosition { ChainPosition(trustedHops: configuration.trustedHops) }
    private var sent: String { "PROXY \(configuration.version.rawValue) from \(configuration.source)" }
    private var ingress: String { configuration.endpoint }
    private var header: String { configuration.header }

    /// `trusted` was sent from `bind` with the header; `withoutHeader` from `bind` without one
    /// (nil when not asked); `untrusted` from `untrusted-bind` with the header (nil when not asked).
    func evaluate(trusted: CanaryAttempt, withoutHeader: CanaryAttempt?, untrusted: CanaryAttempt?,
                  bind: String?) -> Verdict {
        var findings: [Finding] = []
        var subjects = [Self.announcedSubject]
        let from = bind.map { " from \($0)" } ?? ""
        findings.append(judgeAnnounced(trusted, from: from))
        if let withoutHeader {
            subjects.append(Self.withoutHeaderSubject)
            findings.append(judgeWithoutHeader(withoutHeader, from: from))
        }
        if let untrusted, let untrustedBind = configuration.untrustedBind {
            subjects.append(Self.untrustedSubject)
            findings.append(judgeUntrusted(untrusted, bind: untrustedBind))
        }
        let untrustedData = untrusted.flatMap { attempt in
            configuration.untrustedBind.map { bind in
                ProxyProtocolData.Untrusted(bind: bind, served: attempt.wasServed, chain: attempt.chain?.texts ?? [],
                                            observedClient: attempt.chain.flatMap { position.observedClient(in: $0) }?.text)
            }
        }
        let data = ProxyProtocolData(
            address: ingress, version: configuration.version.rawValue, announced: configuration.source,
            header: header, trustedHops: configuration.trustedHops, chain: trusted.chain?.texts ?? [],
            observedClient: trusted.chain.flatMap { position.observedClient(in: $0) }?.text,
            servedWithoutHeader: withoutHeader?.wasServed, untrusted: untrustedData)
        return Verdict(findings: findings, summary: summary(findings), data: data, subjects: subjects)
    }

    // MARK: The three questions

    /// Does the announced source reach the canary at the trusted position?
    private func judgeAnnounced(_ attempt: CanaryAttempt, from: String) -> Finding {
        let subject = Self.announcedSubject
        let lead = "sent \(sent) to \(ingress)\(from)"
        switch attempt {
        case .served(let chain):
            switch position.judgeClient(chain, clientIP: configuration.source) {
            case .found:
                return Finding(status: .pass, subject: subject,
                               message: "\(lead): the canary saw \(configuration.source) at position "
                                 + "\(configuration.trustedHops) from the right of \(header): \(chain.spoken)")
            case .headerMissing:
                return Finding(status: .fail, subject: subject, failureClass: Self.lostClass,
                               message: "\(lead): the canary saw no \(header) at all; does the ingress set it "
                                 + "(option forwardfor)?")
            case .tooShort:
                return Finding(status: .fail, subject: subject, failureClass: Self.lostClass,
                               message: "\(lead): the canary saw \(header): \(chain.spoken), fewer than "
                                 + "\(configuration.trustedHops) entries (trusted-hops)")
            case .mismatch(let observed, let positions):
                var message = "\(lead): the canary saw \(observed.text) at position \(configuration.trustedHops) "
                    + "from the right of \(header): \(chain.spoken), not the announced source"
                if let elsewhere = positions.first {
                    message += " (it is at position \(elsewhere): is trusted-hops right?)"
                } else {
                    message += "; the ingress does not take the client from the PROXY header"
                }
                return Finding(status: .fail, subject: subject, failureClass: Self.lostClass, message: message)
            }
        case .answered(let status):
            return Finding(status: .fail, subject: subject, failureClass: .httpStatus,
                           message: "\(lead): the canary \(configuration.url.absoluteString) answered \(status), "
                             + "expected 200 with an echo")
        case .failed(let failure):
            var message = "\(lead): \(failure.message)"
            if [.reset, .tlsAlert].contains(failure.failureClass) {
                message += "; does the ingress expect a PROXY header (accept-proxy) from this address?"
            }
            return Finding(status: .fail, subject: subject, failureClass: failure.failureClass, message: message)
        case .unreadable(let why):
            return Finding(status: .error, subject: subject, message: "\(lead): \(why)")
        }
    }

    /// Is a connection without a header refused?
    private func judgeWithoutHeader(_ attempt: CanaryAttempt, from: String) -> Finding {
        let subject = Self.withoutHeaderSubject
        if case .failed(let failure) = attempt, failure.failureClass == .local {
            return Finding(status: .error, subject: subject, failureClass: .local,
                           message: "without a PROXY header\(from): \(failure.message)")
        }
        guard attempt.wasServed, configuration.requireHeader else {
            let verb = attempt.wasServed ? "served" : "refused"
            return Finding(status: .pass, subject: subject,
                           message: "\(ingress) \(verb) a connection without a PROXY header\(from)"
                             + (attempt.wasServed ? "" : " (\(attempt.refusal))"))
        }
        var message = "\(ingress) served a connection without a PROXY header\(from)"
        if let chain = attempt.chain {
            message += " (the canary saw \(header): \(chain.spoken))"
        } else if case .answered(let status) = attempt {
            message += " (HTTP \(status))"
        }
        message += ": whoever reaches it past the NLB is served under their own address"
        return Finding(status: .fail, subject: subject, failureClass: Self.optionalClass, message: message)
    }

    /// From `untrusted-bind`, is a forged header refused or ignored?
    private func judgeUntrusted(_ attempt: CanaryAttempt, bind: String) -> Finding {
        let subject = Self.untrustedSubject
        let lead = "from \(bind), a forged \(sent) to \(ingress)"
        switch attempt {
        case .failed(let failure) where failure.failureClass == .local:
            return Finding(status: .error, subject: subject, failureClass: .local,
                           message: "\(lead) could not be sent: \(failure.message) (is \(bind) an address of this "
                             + "machine?)")
        case .served(let chain):
            guard let observed = position.observedClient(in: chain), observed.address == configuration.source else {
                let seen = position.observedClient(in: chain)?.text ?? "nothing"
                return Finding(status: .pass, subject: subject,
                               message: "\(lead) was ignored: the canary saw \(seen) at position "
                                 + "\(configuration.trustedHops) from the right of \(header): \(chain.spoken)")
            }
            return Finding(status: .fail, subject: subject, failureClass: Self.spoofableClass,
                           message: "\(lead) was taken: the canary saw \(configuration.source) at position "
                             + "\(configuration.trustedHops) from the right of \(header): \(chain.spoken); anyone "
                             + "who can reach \(ingress) can forge their address in \(header) and the audit logs")
        case .unreadable(let why):
            return Finding(status: .error, subject: subject, message: "\(lead) was served, but \(why)")
        case .answered, .failed:
            return Finding(status: .pass, subject: subject, message: "\(lead) was refused (\(attempt.refusal))")
        }
    }

    private func summary(_ findings: [Finding]) -> String {
        // The kind's own verdicts lead: behind `proxy-optional` a header's failed handshake is only
        // the same misconfiguration seen from the other side.
        let own: Set<FailureClass?> = [Self.spoofableClass, Self.optionalClass, Self.lostClass]
        let problems = findings.filter { $0.status != .pass && own.contains($0.failureClass) }
            + findings.filter { $0.status != .pass && !own.contains($0.failureClass) }
        if let worst = problems.first(where: { $0.status == CheckStatus.worst(problems.map(\.status)) }) {
            return problems.count == 1 ? worst.message : "\(worst.message) (and \(problems.count - 1) more)"
        }
        var text = "\(ingress) takes the client from \(sent) (at position \(configuration.trustedHops) of \(header))"
        if findings.contains(where: { $0.subject == Self.withoutHeaderSubject }) && configuration.requireHeader {
            text += ", refuses connections without a header"
        }
        if let bind = configuration.untrustedBind {
            text += ", and not from \(bind)"
        }
        return text
    }
}
