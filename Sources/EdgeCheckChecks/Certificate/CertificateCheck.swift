import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// `certificate`: what each address of the host serves. Every resolved address gets a fresh TLS
/// connection whose chain is captured without trusting it, then judged by our own verifier: chain
/// to a trust anchor, hostname, dates, issuer, days left, pin, and (with `all-ips`) the same leaf
/// on every address.
public struct CertificateCheck: Check {
    public static let description = CheckDescription(
        kind: "certificate",
        summary: "Every address of the host serves the same valid, trusted certificate for it, far enough from expiry.",
        keys: CertificateConfiguration.keys)

    public let configuration: CertificateConfiguration

    public init(settings: CheckSettings) throws(SuiteError) {
        configuration = try CertificateConfiguration(settings: settings)
    }

    public init(configuration: CertificateConfiguration) {
        self.configuration = configuration
    }

    public func run(in context: CheckContext) async -> CheckOutcome {
        let host = configuration.host
        let resolution = await HostResolution.resolve(host, in: context)
        if Task.isCancelled { return .error("interrupted") }
        let addresses = configuration.allIPs ? resolution.addresses : Array(resolution.addresses.prefix(1))
        let verifier = CertificateVerifier(caFile: context.common.caFile, pinSHA256: configuration.pinSHA256)
        let endpoints = await BoundedConcurrency.map(addresses) { address in
            await inspect(address, verifier: verifier, context: context)
        }
        if Task.isCancelled { return .error("interrupted") }
        let evaluation = CertificateEvaluation(configuration: configuration, now: Date())
        return evaluation.outcome(endpoints: endpoints, resolution: resolution.findings,
                                  resolver: resolution.resolver, addresses: resolution.addresses)
    }

    /// One fresh handshake to `address` with verification off, so the chain is captured even when
    /// it is bad, then our own verdict on it.
    private func inspect(_ address: String, verifier: CertificateVerifier,
                         context: CheckContext) async -> CertificateData.Endpoint {
        let request = ProbeRequest(url: configuration.url, connectAddress: address, depth: .tls, trust: .inspect,
                                   timeout: context.timeout, bind: context.common.bind, caFile: context.common.caFile,
                                   captureCertificates: true)
        let (response, ms) = await Stopwatch.measure { await context.prober.probe(request) }
        guard let leaf = response.certificates.first else {
            let failure = response.failure ?? NetFailure(.tlsAlert, "the handshake completed without a certificate")
            return CertificateData.Endpoint(address: address, tlsVersion: response.tlsVersion,
                                            failureClass: failure.failureClass, error: failure.message, ms: ms)
        }
        let now = Date()
        let verdict = verifier.verify(chain: response.certificates, host: configuration.host, at: now)
        return CertificateData.Endpoint(
            address: address, subject: leaf.subject, issuer: leaf.issuer, subjectAltNames: leaf.subjectAltNames,
            notBefore: leaf.notBefore, notAfter: leaf.notAfter, daysLeft: leaf.daysLeft(at: now), sha256: leaf.sha256,
            spkiSHA256: leaf.spkiSHA256, chain: response.certificates.dropFirst().map(\.subject),
            chainOK: verdict.chainOK, chainError: verdict.chainError, hostnameOK: verdict.hostnameOK,
            missingSAN: verdict.missingSAN, datesOK: verdict.datesOK, pinOK: verdict.pinOK,
            weak: verdict.weaknesses.map(\.description),
            ocsp: StapledOCSP.read(response.stapledOCSP, leaf: leaf,
                                   issuer: response.certificates.dropFirst().first { $0.subject == leaf.issuer }),
            tlsVersion: response.tlsVersion, ms: ms)
    }
}
