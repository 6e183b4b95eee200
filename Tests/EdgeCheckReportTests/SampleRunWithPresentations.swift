import Foundation
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

/// A run whose checks carry real kind data, so the reporters that draw presentations (the HTML
/// page's certificate chains and waterfall) have something to draw.
enum SampleRunWithPresentations {
    static func hop(_ name: String, dns: Double, connect: Double, tls: Double, ttfb: Double,
                    insecure: Bool = false) -> TLSTimingData.Hop {
        let timings = PhaseTimings(dns: dns, connect: connect, tls: tls, ttfb: ttfb, total: dns + connect + tls + ttfb)
        return TLSTimingData.Hop(name: name, url: "https://\(name).edgecheck.test/", address: "127.0.30.1", port: 8443,
                                 tlsVersion: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", insecure: insecure,
                                 pinned: false, samples: 1, requested: 1, failed: 0,
                                 phases: TLSTimingData.Phases(samples: [timings]))
    }

    static let certificates = CertificateData(
        host: "www.edgecheck.test", port: 8443, resolver: "127.0.53.1:10053", addresses: ["127.0.10.1", "127.0.10.2"],
        endpoints: [
            CertificateData.Endpoint(
                address: "127.0.10.1", subject: "CN=www.edgecheck.test", issuer: "CN=Edge Lab Issuing CA",
                notAfter: Date(timeIntervalSince1970: 1_803_000_000), daysLeft: 84, sha256: "ab12",
                chain: ["CN=Edge Lab Issuing CA"], chainOK: true, hostnameOK: true, datesOK: true),
            CertificateData.Endpoint(address: "127.0.10.2", failureClass: .refused, error: "connection refused"),
        ])

    static func report() -> RunReport {
        let base = SampleRun.report()
        var suite = base.suites[0]
        suite.checks[1].data = certificates
        suite.checks[3].data = TLSTimingData(hops: [
            hop("alb", dns: 0.2, connect: 0.1, tls: 2, ttfb: 1.5),
            hop("ingress", dns: 0.3, connect: 0.1, tls: 4, ttfb: 3, insecure: true),
            TLSTimingData.Hop(name: "nlb", url: "https://nlb/", address: nil, port: nil, tlsVersion: nil, cipher: nil,
                              insecure: false, pinned: false, samples: 0, requested: 3, failed: 3, phases: nil),
        ])
        var report = base
        report.suites[0] = suite
        return report
    }
}
