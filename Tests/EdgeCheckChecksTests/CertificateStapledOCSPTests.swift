import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

/// A stapled OCSP response (asked for with status_request on the certificate check's own
/// connection) is reported in `data` and a stapled `revoked` fails, against `openssl s_server
/// -status_file` with responses made by `openssl ocsp`.
@Suite struct CertificateStapledOCSPTests {
    let pki = TestPKI.shared

    /// The certificate check against `server`, the name resolved to it by a scripted resolver,
    /// trusting the test root through `ca-file`.
    private func run(against server: TLSServer) async throws -> CheckOutcome {
        let resolver = ScriptedNetwork()
        resolver.answer("www.edgecheck.test", with: ["127.0.0.1"], from: "127.0.53.1:10053")
        let check = try CertificateCheck(configuration: CertificateConfiguration(
            url: URL(string: "https://www.edgecheck.test:\(server.port)/")!, minDays: 1, warnDays: 2))
        let common = CommonSettings(id: "cert", kind: "certificate", timeout: .seconds(3),
                                    dnsServers: [.address(host: "127.0.53.1", port: 10053)], caFile: pki.path("root.pem"))
        let context = CheckContext(common: common, target: nil, suiteDirectory: URL(fileURLWithPath: "/tmp"),
                                   resolver: resolver, prober: Prober(systemTrustDirectory: pki.storeDirectory))
        return await check.run(in: context)
    }

    private func ocsp(_ outcome: CheckOutcome) throws -> StapledOCSP? {
        try #require(outcome.data as? CertificateData).endpoints.first?.ocsp
    }

    @Test func aStapledGoodResponsePassesAndIsReported() async throws {
        let server = try TLSServer("good", extra: ["-status_file", pki.path("good-ocsp-good.der")])
        let outcome = try await run(against: server)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        let staple = try #require(try ocsp(outcome))
        #expect(staple.status == .good)
        #expect(staple.thisUpdate != nil && staple.nextUpdate != nil)
    }

    @Test func aStapledRevokedResponseFails() async throws {
        let server = try TLSServer("good", extra: ["-status_file", pki.path("good-ocsp-revoked.der")])
        let outcome = try await run(against: server)
        #expect(outcome.status == .fail)
        #expect(outcome.findings.map(\.failureClass) == [CertificateEvaluation.certRevoked])
        #expect(outcome.findings.first?.message == "127.0.0.1 staples an OCSP response saying the certificate for "
                + "CN=www.edgecheck.test was revoked on 2025-11-01 (keyCompromise)")
        #expect(try ocsp(outcome)?.status == .revoked)
    }

    @Test func noStapleIsAbsent() async throws {
        let server = try TLSServer("good")
        let outcome = try await run(against: server)
        #expect(outcome.status == .pass, "\(outcome.summary)")
        #expect(try ocsp(outcome) == StapledOCSP(status: .absent))
    }

    @Test func aStapleAboutAnotherCertificateIsAWarning() async throws {
        let server = try TLSServer("good", extra: ["-status_file", pki.path("good-ocsp-other.der")])
        let outcome = try await run(against: server)
        #expect(outcome.status == .warn)
        #expect(outcome.findings.first?.message == "127.0.0.1 staples an OCSP response clients cannot use: "
                + "the stapled OCSP response is about another certificate")
    }

    @Test func garbageIsInvalidAndTheRevokedDataIsEncoded() throws {
        let leaf = try #require(pki.certificates("good.pem").first)
        #expect(StapledOCSP.read(Data([1, 2, 3]), leaf: leaf, issuer: nil).status == .invalid)
        let revoked = StapledOCSP.read(try Data(contentsOf: URL(fileURLWithPath: pki.path("good-ocsp-revoked.der"))),
                                       leaf: leaf, issuer: nil)
        #expect(revoked.status == .revoked)
        let json = String(decoding: try JSONEncoder().encode(revoked), as: UTF8.self)
        #expect(json.contains(#""status":"revoked""#) && json.contains(#""reason":"keyCompromise""#))
        #expect(json.contains(#""revoked_at":"2025-11-01T00:00:00Z""#))
    }
}
