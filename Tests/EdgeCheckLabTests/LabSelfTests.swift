import Foundation
import Testing

extension LabTests {
    /// The lab itself, checked with curl, dig and openssl rather than with edgecheck: every part
    /// answers as the address plan says, and every fault changes the one thing it should. This is
    /// what lets the other lab tests blame edgecheck, not the fixture, when they fail.
    @Suite(.stopsLabAfterwards) struct LabSelfTests {
        static let staticIPs = ["127.0.10.1", "127.0.10.2"]
        static let front = "www.edgecheck.test"
        static let redirectURL = "http://www.edgecheck.test:8080/some/path?q=1"

        // MARK: - The healthy lab

        @Test func bothResolversAnswerTheAddressPlan() throws {
            try Lab.up()
            for server in ["127.0.53.1", "127.0.53.2"] {
                #expect(try dig(server, Self.front) == Self.staticIPs, "\(server)")
                #expect(try dig(server, Self.front, tcp: true) == Self.staticIPs, "\(server) over TCP")
                #expect(try dig(server, "ingress.edgecheck.test") == ["127.0.20.1"])
                #expect(try dig(server, "alb.edgecheck.test") == ["127.0.30.1"])
                #expect(try digStatus(server, Self.front, type: "AAAA") == "NOERROR")
                #expect(try dig(server, Self.front, type: "AAAA").isEmpty)
                #expect(try digStatus(server, "nothing.edgecheck.test") == "NXDOMAIN")
            }
        }

        @Test func silentResolverTakesQueriesAndNeverAnswers() throws {
            try Lab.up()
            let result = try tool("dig", ["@127.0.53.3", "-p", "10053", "+time=1", "+tries=1", Self.front])
            #expect(result.status == 9, "dig exits 9 when no server answers: \(result.stdout)")
            #expect(result.stdout.contains("timed out"))
        }

        @Test func everyStaticIPServesTheFrontChainUnderTheRoot() throws {
            try Lab.up()
            for ip in Self.staticIPs {
                let result = try curl(["--cacert", pki("root-ca.pem"), "-v", "-o", "/dev/null", "-w", "%{http_code}",
                                       "--resolve", "\(Self.front):8443:\(ip)", "https://\(Self.front):8443/"])
                #expect(result.status == 0, "\(ip): \(result.stderr)")
                #expect(result.stdout == "200", "\(ip)")
                #expect(result.stderr.contains("CN=Edge Lab Issuing CA"), "\(ip) leaf issuer")
                #expect(result.stderr.contains("subjectAltName: host \"\(Self.front)\" matched"), "\(ip)")
            }
        }

        @Test func plainHTTPRedirectsToHTTPSKeepingPathAndQuery() throws {
            try Lab.up()
            for ip in Self.staticIPs {
                #expect(try redirect(via: ip) == "301 https://www.edgecheck.test:8443/some/path?q=1", "\(ip)")
            }
        }

        @Test func canaryEchoesTheClientAddressThroughTheChain() throws {
            try Lab.up()
            let json = try canaryJSON()
            #expect(json["method"]?.string == "GET")
            #expect(json["path"]?.string == "/canary")
            #expect(json["headers"]?["X-Forwarded-For"]?.string == "127.0.0.1, 127.0.20.1")
            #expect(json["headers"]?["X-Forwarded-Proto"]?.string == "https")
            #expect(json["headers"]?["Host"]?.string == Self.front)

            #expect(try canaryXFF(source: "127.0.99.7") == "127.0.99.7, 127.0.20.1")
            #expect(try canaryXFF(source: "127.0.99.7", forged: "192.0.2.66") == "192.0.2.66, 127.0.99.7, 127.0.20.1")
            #expect(try canaryXFF(source: "127.0.99.7", via: "127.0.10.2") == "127.0.99.7, 127.0.20.1")
        }

        @Test func canaryJoinsRepeatedHeadersInOrder() throws {
            try Lab.up()
            let result = try curl(["-H", "X-Test: first", "-H", "x-test: second", "-H", "X-Other: 1",
                                   "http://127.0.40.1:8080/canary"])
            let json = try JSONDecoder().decode(AnyJSON.self, from: Data(result.stdout.utf8))
            #expect(json["headers"]?["X-Test"]?.string == "first, second")
            #expect(json["headers"]?["X-Other"]?.string == "1")
            let text = try curl(["-H", "X-Test: first", "-H", "X-Test: second", "http://127.0.40.1:8080/canary/text"])
            #expect(text.stdout.split(separator: "\n").contains("X-Test: first, second"))
        }

        @Test func clientIPServiceReturnsTheCallerAddress() throws {
            try Lab.up()
            #expect(try curl(["http://127.0.40.2:8080/"]).stdout == "127.0.0.1\n")
            #expect(try curl(["--interface", "127.0.99.7", "http://127.0.40.2:8080/"]).stdout == "127.0.99.7\n")
        }

        @Test func internalHopsServeTheirOwnCertificates() throws {
            try Lab.up()
            let pin = try #require(Lab.environment["LAB_INGRESS_PIN"])
            let computed = try tool("sh", ["-c", "openssl x509 -in \"$1\" -pubkey -noout | openssl pkey -pubin -outform der"
                                           + " | openssl dgst -sha256 -binary | base64", "pin", pki("ingress.pem")])
            #expect(computed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == pin)
            #expect(try String(contentsOfFile: pki("ingress.pin"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines) == pin)

            // The ingress's HTTPS bind has accept-proxy: curl's PROXY v1 header, from 127.0.0.1.
            let ingress = try curl(["--haproxy-protocol", "--cacert", pki("ingress.pem"), "--pinnedpubkey", "sha256//\(pin)",
                                    "--resolve", "ingress.edgecheck.test:8443:127.0.20.1",
                                    "https://ingress.edgecheck.test:8443/"])
            #expect(ingress.status == 0, "\(ingress.stderr)")
            #expect(ingress.stdout == "edge lab web service\n")

            let alb = try curl(["--cacert", pki("alb-ca.pem"), "--resolve", "alb.edgecheck.test:8443:127.0.30.1",
                                "https://alb.edgecheck.test:8443/"])
            #expect(alb.status == 0, "\(alb.stderr)")
            #expect(alb.stdout == "edge lab web service\n")
            // The ALB's certificate is not under the front root.
            let wrongAnchor = try curl(["--cacert", pki("root-ca.pem"), "--resolve", "alb.edgecheck.test:8443:127.0.30.1",
                                        "https://alb.edgecheck.test:8443/"])
            #expect(wrongAnchor.status == 60)
        }

        @Test func trustBundleHoldsEveryLabCAButTheIntermediate() throws {
            try Lab.up()
            let subjects = try tool("sh", ["-c", "openssl crl2pkcs7 -nocrl -certfile \"$1\" | openssl pkcs7 -print_certs -noout",
                                           "subjects", pki("trust.pem")]).stdout
            for ca in ["Edge Lab Root CA", "Edge Lab Other CA", "Edge Lab ALB CA"] {
                #expect(subjects.contains("subject=O = edgecheck lab, CN = \(ca)"), "\(ca)")
            }
            #expect(!subjects.contains("subject=O = edgecheck lab, CN = Edge Lab Issuing CA"))
        }

        @Test func manyStaticIPsAreAllAnsweredOverTCPAndAllServe() throws {
            try Lab.up()
            let result = try Lab.run(Lab.root.appendingPathComponent("lab/up"), ["--static-ips", "300"])
            try #require(result.status == 0, "lab/up --static-ips 300: \(result.stderr)")
            let plain = try tool("dig", ["@127.0.53.1", "-p", "10053", Self.front])
            #expect(plain.stdout.contains("Truncated, retrying in TCP mode"))
            let answers = try dig("127.0.53.1", Self.front)
            #expect(answers.count == 300)
            #expect(answers.contains("127.0.11.46") && !answers.contains("127.0.11.47"))
            for ip in ["127.0.10.254", "127.0.11.46"] {
                let served = try curl(["--cacert", pki("root-ca.pem"), "-o", "/dev/null", "-w", "%{http_code}",
                                       "--resolve", "\(Self.front):8443:\(ip)", "https://\(Self.front):8443/"])
                #expect(served.stdout == "200", "\(ip): \(served.stderr)")
            }
        }

        @Test func downStopsEveryProcessAndUpRefusesUnknownFaults() throws {
            try Lab.up()
            let pids = try FileManager.default.contentsOfDirectory(atPath: state("run"))
                .filter { $0.hasSuffix(".pid") }
                .compactMap { try? String(contentsOfFile: state("run/\($0)"), encoding: .utf8) }
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(pids.count >= 8)
            Lab.down()
            for pid in pids {
                #expect(!isRunning(pid), "pid \(pid) outlived lab/down")
            }
            #expect(try curl(["http://127.0.40.2:8080/"]).status == 7, "nothing listens after lab/down")

            let unknown = try Lab.run(Lab.root.appendingPathComponent("lab/up"), ["--fault", "no-such-fault"])
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("unknown fault 'no-such-fault'"))
        }

        @Test func upFailsNamingTheProgramWhoseAddressIsTaken() throws {
            try Lab.up()
            Lab.down()
            // Something else holds the canary's address: lab/up must say so and leave nothing behind.
            let squatter = Process()
            // Debian's python3 itself, not a version manager's wrapper that would outlive `terminate()`.
            squatter.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            squatter.arguments = ["-c", "import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1);"
                                  + " s.bind(('127.0.40.1', 8080));"
                                  + " s.listen(); print('bound', flush=True); time.sleep(30)"]
            let ready = Pipe()
            squatter.standardOutput = ready
            try squatter.run()
            // SIGKILL: a process spawned from a test thread may inherit a mask that blocks SIGTERM.
            defer { kill(squatter.processIdentifier, SIGKILL); squatter.waitUntilExit() }
            _ = ready.fileHandleForReading.availableData

            let result = try Lab.run(Lab.root.appendingPathComponent("lab/up"), [])
            #expect(result.status != 0)
            #expect(result.stderr.contains("cannot start: canary: 127.0.40.1:8080 is already in use"), "\(result.stderr)")
            #expect(try curl(["http://127.0.40.2:8080/"]).status == 7, "a failed up leaves nothing running")
        }

        // MARK: - Each fault changes its one thing

        @Test func rogueIPIsAnsweredByThePrimaryOnlyAndServes() throws {
            try Lab.up(["rogue-ip"])
            #expect(try dig("127.0.53.1", Self.front) == Self.staticIPs + ["127.0.10.66"])
            #expect(try dig("127.0.53.2", Self.front) == Self.staticIPs)
            #expect(try frontStatus(via: "127.0.10.66") == "200")
        }

        @Test func splitDNSMakesTheSecondaryDisagree() throws {
            try Lab.up(["split-dns"])
            #expect(try dig("127.0.53.1", Self.front) == Self.staticIPs)
            #expect(try dig("127.0.53.2", Self.front) == ["127.0.10.77"])
            #expect(try frontStatus(via: "127.0.10.77") == "200")
        }

        @Test func deadIPRefusesConnections() throws {
            try Lab.up(["dead-ip"])
            #expect(try dig("127.0.53.1", Self.front) == Self.staticIPs, "DNS still hands out the dead address")
            let https = try curl(["--cacert", pki("root-ca.pem"), "--resolve", "\(Self.front):8443:127.0.10.2",
                                  "https://\(Self.front):8443/"])
            #expect(https.status == 7, "refused: \(https.stderr)")
            #expect(try curl(["http://127.0.10.2:8080/"]).status == 7)
            #expect(try frontStatus(via: "127.0.10.1") == "200")
        }

        @Test func expiredCertIsServedWithItsChain() throws {
            try Lab.up(["expired-cert"])
            for ip in Self.staticIPs {
                let result = try frontRequest(via: ip, caFile: pki("trust.pem"))
                #expect(result.status == 60, "\(ip)")
                #expect(result.stderr.contains("certificate has expired"), "\(ip): \(result.stderr)")
            }
        }

        @Test func wrongIssuerServesTheOtherCAsLeafOnTheSecondIPOnly() throws {
            try Lab.up(["wrong-issuer"])
            #expect(try frontStatus(via: "127.0.10.1") == "200")
            let underRoot = try frontRequest(via: "127.0.10.2", caFile: pki("root-ca.pem"))
            #expect(underRoot.status == 60, "\(underRoot.stderr)")
            let underBundle = try frontRequest(via: "127.0.10.2", caFile: pki("trust.pem"), verbose: true)
            #expect(underBundle.status == 0, "trusted through trust.pem: \(underBundle.stderr)")
            #expect(underBundle.stderr.contains("CN=Edge Lab Other CA"))
        }

        @Test func wrongHostServesALeafForAnotherName() throws {
            try Lab.up(["wrong-host"])
            let result = try frontRequest(via: "127.0.10.1", caFile: pki("root-ca.pem"))
            #expect(result.status == 60)
            #expect(result.stderr.contains("no alternative certificate subject name matches"), "\(result.stderr)")
            let asOther = try curl(["--cacert", pki("root-ca.pem"), "-o", "/dev/null", "-w", "%{http_code}",
                                    "--resolve", "other.edgecheck.test:8443:127.0.10.1", "https://other.edgecheck.test:8443/"])
            #expect(asOther.stdout == "200", "the chain itself is fine: \(asOther.stderr)")
        }

        @Test func noIntermediateServesTheLeafAlone() throws {
            try Lab.up(["no-intermediate"])
            let result = try frontRequest(via: "127.0.10.1", caFile: pki("trust.pem"))
            #expect(result.status == 60)
            #expect(result.stderr.contains("unable to get local issuer certificate"), "\(result.stderr)")
            let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("lab-root-and-issuing-\(UUID()).pem")
            let anchors = try String(contentsOfFile: pki("root-ca.pem"), encoding: .utf8)
                + String(contentsOfFile: pki("issuing-ca.pem"), encoding: .utf8)
            try anchors.write(to: bundle, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: bundle) }
            #expect(try frontRequest(via: "127.0.10.1", caFile: bundle.path).status == 0, "the leaf itself is good")
        }

        @Test func noRedirectAnswersPlainHTTP() throws {
            try Lab.up(["no-redirect"])
            #expect(try redirect(via: "127.0.10.1") == "200 ")
        }

        @Test func redirectDropsPathLosesPathAndQuery() throws {
            try Lab.up(["redirect-drops-path"])
            #expect(try redirect(via: "127.0.10.1") == "301 https://www.edgecheck.test:8443/")
        }

        @Test func redirectToHTTPStaysOnPlainHTTP() throws {
            try Lab.up(["redirect-to-http"])
            #expect(try redirect(via: "127.0.10.1") == "301 http://www.edgecheck.test:8080/some/path?q=1")
        }

        @Test func noForwardforLeavesOnlyTheIngressAddress() throws {
            try Lab.up(["no-forwardfor"])
            #expect(try canaryXFF(source: "127.0.99.7") == "127.0.20.1")
        }

        @Test func spoofableXFFKeepsAForgedHeaderInsteadOfTheClient() throws {
            try Lab.up(["spoofable-xff"])
            #expect(try canaryXFF(source: "127.0.99.7") == "127.0.99.7, 127.0.20.1", "without a forged header")
            #expect(try canaryXFF(source: "127.0.99.7", forged: "192.0.2.66") == "192.0.2.66, 127.0.20.1")
        }

        @Test(arguments: [
            ("nlb", "https://www.edgecheck.test:8443/", "www.edgecheck.test:8443:127.0.10.1", "root-ca.pem"),
            ("ingress", "https://ingress.edgecheck.test:8443/", "ingress.edgecheck.test:8443:127.0.20.1", "ingress.pem"),
            ("alb", "https://alb.edgecheck.test:8443/", "alb.edgecheck.test:8443:127.0.30.1", "alb-ca.pem"),
        ])
        func slowHopDelaysTheTLSPhaseOfTheChosenHop(hop: String, url: String, resolve: String, caFile: String) throws {
            try Lab.up(["slow-hop"], environment: ["LAB_SLOW_HOP": hop, "LAB_SLOW_MS": "300"])
            let proxyHeader = hop == "ingress" ? ["--haproxy-protocol"] : []  // its bind has accept-proxy
            let result = try curl(proxyHeader + ["--cacert", pki(caFile), "--resolve", resolve, "-o", "/dev/null",
                                   "-w", "%{time_connect} %{time_appconnect}", url])
            #expect(result.status == 0, "\(hop): \(result.stderr)")
            let times = result.stdout.split(separator: " ").compactMap { Double($0) }
            try #require(times.count == 2, "\(result.stdout)")
            // The hop starts its 300 ms when it accepts, a moment before curl notes the connect: the
            // TLS phase carries nearly all of it, the TCP connect none of it.
            #expect(times[1] - times[0] >= 0.25, "\(hop): the TLS phase carries the delay: \(times)")
            #expect(times[0] < 0.25, "\(hop): the TCP connect does not: \(times)")
            #expect(try canaryXFF(source: "127.0.99.7") == "127.0.99.7, 127.0.20.1", "the chain is otherwise unchanged")
        }

        @Test func blackholeAcceptsTCPAndNeverAnswers() throws {
            try Lab.up(["blackhole"])
            let https = try curl(["--max-time", "1", "--cacert", pki("root-ca.pem"), "-v",
                                  "--resolve", "\(Self.front):8443:127.0.10.2", "https://\(Self.front):8443/"])
            #expect(https.status == 28, "times out rather than refused: \(https.stderr)")
            #expect(https.stderr.contains("Connected to \(Self.front) (127.0.10.2) port 8443"), "TCP connects")
            let http = try curl(["--max-time", "1", "-v", "http://127.0.10.2:8080/"])
            #expect(http.status == 28, "\(http.stderr)")
            #expect(http.stderr.contains("Connected to 127.0.10.2 (127.0.10.2) port 8080"), "TCP connects")
            #expect(try frontStatus(via: "127.0.10.1") == "200")
        }

        // MARK: - Helpers

        private func state(_ path: String) -> String {
            Lab.root.appendingPathComponent("lab/state/\(path)").path
        }

        private func pki(_ file: String) -> String { state("pki/\(file)") }

        /// Whether a process exists and has not exited (a zombie awaiting its parent has).
        private func isRunning(_ pid: String) -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let end = stat.range(of: ") ", options: .backwards) else { return false }
            return !stat[end.upperBound...].hasPrefix("Z")
        }

        /// Runs a program found on PATH.
        private func tool(_ name: String, _ arguments: [String]) throws -> Lab.Output {
            try Lab.run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments)
        }

        private func curl(_ arguments: [String]) throws -> Lab.Output {
            try tool("curl", ["-sS", "--max-time", "5"] + arguments)
        }

        /// The sorted answers of `server` on the lab's DNS port.
        private func dig(_ server: String, _ name: String, type: String = "A", tcp: Bool = false) throws -> [String] {
            let result = try tool("dig", ["@\(server)", "-p", "10053", "+short", "+time=2", "+tries=1"]
                                  + (tcp ? ["+tcp"] : []) + [name, type])
            return result.stdout.split(separator: "\n").map(String.init).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        }

        /// The response code (`NOERROR`, `NXDOMAIN` ...) of a query.
        private func digStatus(_ server: String, _ name: String, type: String = "A") throws -> String? {
            let result = try tool("dig", ["@\(server)", "-p", "10053", "+time=2", "+tries=1", name, type])
            guard let range = result.stdout.range(of: "status: ") else { return nil }
            return result.stdout[range.upperBound...].prefix { $0 != "," }.description
        }

        /// A verified GET of the front page through static IP `ip`.
        private func frontRequest(via ip: String, caFile: String, verbose: Bool = false) throws -> Lab.Output {
            try curl(["--cacert", caFile, "-o", "/dev/null", "-w", "%{http_code}", "--resolve", "\(Self.front):8443:\(ip)"]
                     + (verbose ? ["-v"] : []) + ["https://\(Self.front):8443/"])
        }

        private func frontStatus(via ip: String) throws -> String {
            try frontRequest(via: ip, caFile: pki("root-ca.pem")).stdout
        }

        /// "STATUS LOCATION" of the plain-HTTP request to `redirectURL` through static IP `ip`.
        private func redirect(via ip: String) throws -> String {
            try curl(["-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "--resolve", "\(Self.front):8080:\(ip)",
                      Self.redirectURL]).stdout
        }

        private func canaryJSON() throws -> AnyJSON {
            let result = try curl(["--cacert", pki("root-ca.pem"), "--resolve", "\(Self.front):8443:127.0.10.1",
                                   "https://\(Self.front):8443/canary"])
            try #require(result.status == 0, "\(result.stderr)")
            return try JSONDecoder().decode(AnyJSON.self, from: Data(result.stdout.utf8))
        }

        /// The X-Forwarded-For the canary's text echo saw, for a request from `source`.
        private func canaryXFF(source: String, forged: String? = nil, via ip: String = "127.0.10.1") throws -> String? {
            let result = try curl(["--cacert", pki("root-ca.pem"), "--interface", source,
                                   "--resolve", "\(Self.front):8443:\(ip)"]
                                  + (forged.map { ["-H", "X-Forwarded-For: \($0)"] } ?? [])
                                  + ["https://\(Self.front):8443/canary/text"])
            try #require(result.status == 0, "\(result.stderr)")
            let prefix = "X-Forwarded-For: "
            return result.stdout.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
    }
}
