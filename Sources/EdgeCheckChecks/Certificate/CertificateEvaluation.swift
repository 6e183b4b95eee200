import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The verdict of a `certificate` check from what each address served. Pure: it does no I/O, so
/// every rule can be tested on made-up endpoints.
struct CertificateEvaluation: Sendable {
    static let certExpiring = FailureClass("cert-expiring")
    static let certIssuer = FailureClass("cert-issuer")
    static let certMismatch = FailureClass("cert-mismatch")
    /// The server staples an OCSP response saying its certificate is revoked.
    static let certRevoked = FailureClass("cert-revoked")
    /// The server staples something that is not a usable OCSP response about its leaf.
    static let certOCSP = FailureClass("cert-ocsp")

    var configuration: CertificateConfiguration
    /// The moment dates are judged at.
    var now: Date

    var host: String { configuration.host }
    var port: Int { configuration.url.port ?? 443 }

    /// The outcome over every checked endpoint; `resolution` holds findings from resolving the host
    /// (failed resolvers), which come first.
    func outcome(endpoints unsorted: [CertificateData.Endpoint], resolution: [Finding] = [],
                 resolver: String? = nil, addresses: [String] = []) -> CheckOutcome {
        let endpoints = unsorted.sorted { IPAddress.precedes($0.address, $1.address) }
        var findings = resolution
        for endpoint in endpoints { findings += self.findings(for: endpoint) }
        if configuration.allIPs { findings += mismatches(endpoints) }

        var subjects = endpoints.map(\.address)
        for finding in findings where !finding.subject.isEmpty && !subjects.contains(finding.subject) {
            subjects.append(finding.subject)
        }
        var measurements: [EdgeCheckModel.Measurement] = []
        for endpoint in endpoints {
            measurements.append(EdgeCheckModel.Measurement(name: "handshake", value: endpoint.ms, unit: "ms", subject: endpoint.address))
            if let days = endpoint.daysLeft {
                measurements.append(EdgeCheckModel.Measurement(name: "days-left", value: Double(days), unit: "d", subject: endpoint.address,
                                                warn: String(configuration.warnDays),
                                                critical: String(configuration.minDays)))
            }
        }
        let data = CertificateData(host: host, port: port, resolver: resolver, addresses: addresses, endpoints: endpoints)
        return CheckOutcome(summary: summary(findings: findings, endpoints: endpoints, resolved: addresses.count),
                            findings: findings, subjects: subjects, measurements: measurements, data: data)
    }

    /// Everything wrong with one address, most fundamental first: no handshake; expired; untrusted;
    /// weak; revoked; hostname; pin; issuer; days left.
    func findings(for endpoint: CertificateData.Endpoint) -> [Finding] {
        let address = endpoint.address
        guard endpoint.served else {
            let failureClass = endpoint.failureClass ?? .tlsAlert
            let reason = endpoint.error ?? "no certificate was served"
            return [Finding(status: .fail, subject: address, failureClass: failureClass,
                            message: "\(address) served no certificate: \(reason); expected a TLS handshake for "
                                + "\(host) on port \(port)")]
        }
        var findings: [Finding] = []
        func fail(_ failureClass: FailureClass, _ message: String) {
            findings.append(Finding(status: .fail, subject: address, failureClass: failureClass, message: message))
        }
        let subject = endpoint.subject ?? "(no subject)"
        let issuer = endpoint.issuer ?? "(no issuer)"

        let outsideDates = endpoint.datesOK == false
        if outsideDates {
            if let notAfter = endpoint.notAfter, notAfter < now {
                let ago = -(endpoint.daysLeft ?? 0)
                fail(.certExpired, "\(address) serves a certificate for \(subject) that expired on \(Self.day(notAfter)) "
                        + "(\(FindingSummary.count(ago, "day", "days")) ago)")
            } else {
                let from = endpoint.notBefore.map(Self.day) ?? "a later date"
                fail(.certExpired, "\(address) serves a certificate for \(subject) that is not valid before \(from)")
            }
        }
        let pinReplacesChain = endpoint.pinOK == true
        if endpoint.chainOK == false && !pinReplacesChain && !(outsideDates && Self.isDateError(endpoint.chainError)) {
            let reason = endpoint.chainError.map { ": \($0)" } ?? ""
            fail(.certUntrusted, "\(address) serves a certificate issued by \(issuer) that does not chain to a "
                    + "trusted root\(reason)")
        }
        for weakness in endpoint.weak {
            fail(.certWeak, "\(address) serves a chain clients refuse: \(weakness)")
        }
        if let ocsp = endpoint.ocsp {
            switch ocsp.status {
            case .revoked:
                let when = ocsp.revokedAt.map { " on \(Self.day($0))" } ?? ""
                let reason = ocsp.reason.map { " (\($0))" } ?? ""
                fail(Self.certRevoked, "\(address) staples an OCSP response saying the certificate for \(subject) "
                        + "was revoked\(when)\(reason)")
            case .invalid:
                findings.append(Finding(status: .warn, subject: address, failureClass: Self.certOCSP,
                                        message: "\(address) staples an OCSP response clients cannot use: "
                                            + (ocsp.problem ?? "it cannot be read")))
            case .good, .unknown, .absent:
                break
            }
        }
        if endpoint.missingSAN {
            fail(.certHostname, "\(address) serves a certificate without subjectAltName (subject \(subject)); "
                    + "expected one naming \(host)")
        } else if endpoint.hostnameOK == false {
            let names = endpoint.subjectAltNames.isEmpty ? subject : endpoint.subjectAltNames.joined(separator: ", ")
            fail(.certHostname, "\(address) serves a certificate for \(names); expected one valid for \(host)")
        }
        if endpoint.pinOK == false, let pin = configuration.pinSHA256 {
            fail(.certPin, "\(address) serves a key with SPKI sha256 \(endpoint.spkiSHA256 ?? "(unknown)"); "
                    + "expected pin-sha256 \(pin)")
        }
        if let pattern = configuration.issuer, !pattern.matches(issuer) {
            fail(Self.certIssuer, "\(address) serves a certificate issued by \(issuer), expected issuer matching \(pattern)")
        }
        if !outsideDates, let days = endpoint.daysLeft {
            let expires = endpoint.notAfter.map { " on \(Self.day($0))" } ?? ""
            let left = FindingSummary.count(days, "day", "days")
            if days < configuration.minDays {
                fail(Self.certExpiring, "\(address) serves a certificate that expires\(expires), \(left) left; "
                        + "expected at least \(configuration.minDays) (min-days)")
            } else if days < configuration.warnDays {
                findings.append(Finding(
                    status: .warn, subject: address, failureClass: Self.certExpiring,
                    message: "\(address) serves a certificate that expires\(expires), \(left) left "
                        + "(warn-days \(configuration.warnDays))"))
            }
        }
        return findings
    }

    /// Addresses whose leaf differs from the one most addresses serve (on a tie, the one the
    /// numerically first address serves).
    func mismatches(_ endpoints: [CertificateData.Endpoint]) -> [Finding] {
        let served = endpoints.filter(\.served)
        guard served.count > 1 else { return [] }
        var groups: [(sha256: String, members: [CertificateData.Endpoint])] = []
        for endpoint in served {
            if let index = groups.firstIndex(where: { $0.sha256 == endpoint.sha256 }) {
                groups[index].members.append(endpoint)
            } else {
                groups.append((endpoint.sha256 ?? "", [endpoint]))
            }
        }
        guard groups.count > 1 else { return [] }
        // max(by:) keeps the first of equal elements: the group of the numerically first address wins a tie.
        guard let majority = groups.max(by: { $0.members.count < $1.members.count }) else { return [] }
        let reference = majority.members[0]
        let holders = FindingSummary.list(majority.members.map(\.address), max: 3)
        return served.filter { $0.sha256 != majority.sha256 }.map { endpoint in
            Finding(status: .fail, subject: endpoint.address, failureClass: Self.certMismatch,
                    message: "\(endpoint.address) serves a different certificate from \(holders): "
                        + "\(Self.describe(endpoint)); expected \(Self.describe(reference))")
        }
    }

    private func summary(findings: [Finding], endpoints: [CertificateData.Endpoint], resolved: Int) -> String {
        guard CheckStatus.worst(findings.map(\.status)) == .pass else {
            return FindingSummary.line(for: findings)
        }
        guard let first = endpoints.first else { return "no address to check for \(host)" }
        let issuer = first.issuer ?? "(no issuer)"
        let days = FindingSummary.count(first.daysLeft ?? 0, "day", "days")
        if endpoints.count == 1 {
            let of = resolved > 1 ? " (first of \(resolved) addresses; all-ips: false)" : ""
            return "\(first.address) serves a valid certificate for \(host) from \(issuer), \(days) left\(of)"
        }
        let same = configuration.allIPs ? "the same valid certificate" : "valid certificates"
        return "\(endpoints.count) addresses serve \(same) for \(host) from \(issuer), \(days) left"
    }

    /// `CN=www.edgecheck.test issued by CN=Edge Lab Issuing CA,O=edgecheck lab, sha256 1a2b3c4d5e6f7a8b…`.
    static func describe(_ endpoint: CertificateData.Endpoint) -> String {
        let fingerprint = endpoint.sha256.map { String($0.prefix(16)) + "…" } ?? "(none)"
        return "\(endpoint.subject ?? "(no subject)") issued by \(endpoint.issuer ?? "(no issuer)"), "
            + "sha256 \(fingerprint)"
    }

    /// Whether OpenSSL's chain error is only about the validity dates, already reported as cert-expired.
    static func isDateError(_ error: String?) -> Bool {
        guard let error = error?.lowercased() else { return false }
        return error.contains("expired") || error.contains("not yet valid")
    }

    /// `2026-11-26` (UTC).
    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }
}
