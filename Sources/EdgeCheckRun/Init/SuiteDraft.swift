import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import Foundation

/// The suite `edgecheck init` writes: what the built-in `--target` suite observed, held as the
/// expectation (the addresses as `static-ip`'s allow-list, the leaf's issuer, the redirect, timing
/// budgets with headroom, the canary's trusted hops), commented so that a person reviews it.
///
/// A check that did not pass when observed is written commented out, with the reason, so the
/// suite passes against the deployment as it was and the person decides what it should be.
public struct SuiteDraft: Sendable {
    /// Why nothing can be written: the deployment could not be observed at all.
    public struct Unobservable: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// What the settings of the observing run were, to be written into the suite's `defaults`.
    public struct Settings: Sendable {
        public var dnsServers: [String]
        public var bind: String?
        /// As it should stand in the suite: relative to the suite's folder when it lies below it.
        public var caFile: String?
        public var timeout: Duration
        /// `--proxy` as the user wrote it, `${VAR}` unread, so no credential lands in the file.
        public var proxy: String?

        public init(dnsServers: [String] = [], bind: String? = nil, caFile: String? = nil, timeout: Duration = .seconds(5),
                    proxy: String? = nil) {
            self.dnsServers = dnsServers
            self.bind = bind
            self.caFile = caFile
            self.timeout = timeout
            self.proxy = proxy
        }
    }

    /// Headroom of a budget over the observed p90: this many times it ...
    static let budgetFactor = 3.0
    /// ... and at least this much more, so a quiet moment does not make a budget a busy one fails.
    static let budgetMinimumHeadroomMs = 100.0

    /// The text of the suite.
    public var yaml: String
    /// One line per thing a person should look at before trusting the suite.
    public var review: [String]
    /// How many checks are active (not commented out).
    public var activeChecks: Int

    /// Runs the built-in suite against `target` (with the canary, when given), then drafts the
    /// suite from what it observed. When the canary shows the client at another position than
    /// one trusted hop, the canary is asked again at that position, so the draft holds a verdict
    /// made as the written suite will make it. Throws `Unobservable` when the name does not
    /// resolve or no address serves, and a `SuiteError` for a target the built-in suite refuses.
    public static func observe(target: URL, options: LoadOptions, canary: DefaultSuite.Canary?, settings: Settings,
                               command: String, runner: Runner = Runner()) async throws -> SuiteDraft {
        var report = await runner.run([try DefaultSuite.make(target: target, options: options, canary: canary)])
        var canary = canary
        if var asked = canary, let position = clientPosition(in: report), position != asked.trustedHops {
            asked.trustedHops = position
            canary = asked
            var again = runner
            again.options.selection = CheckSelection(only: ["client-address"])
            let second = await again.run([try DefaultSuite.make(target: target, options: options, canary: asked)])
            if let rejudged = second.suites.first?.checks.first(where: { $0.id == "client-address" }),
               let index = report.suites[0].checks.firstIndex(where: { $0.id == "client-address" }) {
                report.suites[0].checks[index] = rejudged
            }
        }
        return try SuiteDraft(target: target, report: report, settings: settings, canary: canary, command: command)
    }

    /// Where the client appeared in the canary's chain, counted from the right; nil without an echo.
    static func clientPosition(in report: RunReport) -> Int? {
        guard let result = report.suites.flatMap(\.checks).first(where: { $0.id == "client-address" }),
              let data = result.data as? XFFEchoData, let client = data.clientIP,
              let index = data.chain.lastIndex(of: client) else { return nil }
        return data.chain.count - index
    }

    /// Drafts the suite from `report`, the run of `DefaultSuite.make(target:options:canary:)`.
    public init(target: URL, report: RunReport, settings: Settings, canary: DefaultSuite.Canary? = nil,
                command: String, at date: Date = Date()) throws {
        let results = report.suites.flatMap(\.checks)
        func result(_ id: String) -> CheckResult? { results.first { $0.id == id } }
        let host = target.host ?? ""

        // Nothing to hold a deployment to when its name does not resolve or no address serves.
        guard let addresses = result("addresses") else { throw Unobservable(description: "\(host): nothing was observed") }
        let staticIP = addresses.data as? StaticIPData
        let seen = staticIP?.seen ?? []
        let serving = staticIP?.probes.filter(\.ok).map(\.address) ?? []
        guard !seen.isEmpty else {
            let what = IPAddress.isLiteral(host) ? "\(host) does not answer" : "\(host) did not resolve"
            throw Unobservable(description: "\(what): \(addresses.summary)")
        }
        guard !serving.isEmpty else { throw Unobservable(description: "no address of \(host) serves: \(addresses.summary)") }

        var lines = [
            "# Written by `\(command)` at \(Self.timestamp(date)), from what",
            "# \(target.absoluteString) served then. It holds the deployment to what it did at that moment:",
            "# review every value (edgecheck list explains each key), then run it with `edgecheck run`.",
            "name: \(Self.quoted(host))",
            "target: \(Self.quoted(target.absoluteString))",
            "defaults:",
            "  timeout: \(DurationParser.format(settings.timeout))",
        ]
        if !settings.dnsServers.isEmpty {
            lines.append("  dns-servers: [\(settings.dnsServers.map(Self.quoted).joined(separator: ", "))]")
        }
        if let bind = settings.bind { lines.append("  bind: \(Self.quoted(bind))") }
        if let caFile = settings.caFile { lines.append("  ca-file: \(Self.quoted(caFile))") }
        // Written as given: `${VAR}` must survive into the suite, so it is not quoted for `$`.
        if let proxy = settings.proxy { lines.append("  proxy: '\(proxy.replacingOccurrences(of: "'", with: "''"))'") }
        lines.append("checks:")
        var review: [String] = []
        var active = 0

        func add(_ result: CheckResult?, comment: [String], body: [String]) {
            guard let result else { return }
            lines.append("")
            lines += comment.map { "  # " + $0 }
            if result.status == .pass || result.status == .warn {
                lines += body.map { "  " + $0 }
                active += 1
            } else {
                lines.append("  # Left out: it did not pass when observed (\(result.status.rawValue): \(Self.oneLine(result.summary))).")
                lines += body.map { "  # " + $0 }
                review.append("\(result.id) did not pass and is commented out: \(Self.oneLine(result.summary))")
            }
        }

        // The addresses, as the allow-list.
        let silent = seen.filter { !serving.contains($0) }
        add(addresses, comment: [
            "The addresses \(host) resolved to. Are these all of your static IPs? Add any this run did",
            "not see (a name may answer with a subset); an address outside the list fails.",
        ], body: [
            "- id: static-ips",
            "  kind: static-ip",
            "  expect: [\(seen.map(Self.quoted).joined(separator: ", "))]",
        ])
        review.append("static-ips: \(seen.count) \(seen.count == 1 ? "address" : "addresses") as the allow-list: \(seen.joined(separator: ", "))")
        if !silent.isEmpty {
            review.append("static-ips: \(silent.joined(separator: ", ")) did not serve; the check fails until it does")
        }

        // The certificate's issuer.
        if let certificate = result("certificate") {
            let issuer = (certificate.data as? CertificateData)?.endpoints.compactMap(\.issuer).first
            var body = ["- id: certificate", "  kind: certificate"]
            if let issuer {
                body.append("  issuer: \(Self.quoted(Self.commonName(of: issuer)))")
                review.append("certificate: the issuer must contain '\(Self.commonName(of: issuer))' (the leaf's was \(issuer))")
            }
            add(certificate, comment: [
                "Every address serves the same valid leaf for \(host), from this issuer, 14 days or more",
                "from expiry (min-days).",
            ], body: body)
        }

        // The redirect, as observed.
        if let redirect = result("redirect") {
            let url = (redirect.data as? RedirectData)?.url
            var body = ["- id: redirect", "  kind: redirect"]
            if let url { body.append("  url: \(Self.quoted(url))") }
            if let port = target.port, port != 443 { body.append("  https-port: \(port)") }
            add(redirect, comment: ["Plain HTTP redirects to the same URL on HTTPS."], body: body)
        }

        // Budgets with headroom.
        if let timing = result("tls-timing") {
            var body = ["- id: tls-timing", "  kind: tls-timing"]
            var observed: [String] = []
            if let phases = (timing.data as? TLSTimingData)?.hops.first?.phases {
                body.append("  budget:")
                for (name, value) in [("tls-p90", phases.tls.p90), ("total-p90", phases.total.p90)] {
                    body.append("    \(name): \(Self.budget(for: value))ms")
                    observed.append("\(name) \(Self.tenths(value)) ms")
                }
                review.append("tls-timing: budgets \(Self.budget(for: phases.tls.p90))ms (tls-p90) and "
                              + "\(Self.budget(for: phases.total.p90))ms (total-p90), from \(observed.joined(separator: ", "))")
            }
            add(timing, comment: [
                "Budgets: \(Int(Self.budgetFactor)) times the p90 observed (\(observed.joined(separator: ", "))), and at least",
                "\(Int(Self.budgetMinimumHeadroomMs)) ms more. Tighten them once you know what the hop costs on a busy day.",
            ], body: body)
        }

        // The canary, at the position the client was found.
        if let canary, let result = result("client-address"), let data = result.data as? XFFEchoData {
            var body = ["- id: client-address", "  kind: xff-echo", "  url: \(Self.quoted(canary.url.absoluteString))",
                        "  client-ip: auto"]
            if let clientIPURL = canary.clientIPURL { body.append("  client-ip-url: \(Self.quoted(clientIPURL.absoluteString))") }
            body.append("  trusted-hops: \(canary.trustedHops)")
            add(result, comment: [
                "The client's address reaches the canary \(canary.trustedHops) from the right of \(data.header)",
                "(\(data.chain.joined(separator: ", "))): one entry per proxy that appends it.",
            ], body: body)
            review.append("client-address: trusted-hops \(canary.trustedHops): is that the number of proxies that append \(data.header)?")
        }

        yaml = lines.joined(separator: "\n") + "\n"
        self.review = review
        activeChecks = active
    }

    // MARK: Helpers

    /// The `CN` of an RFC 4514 name, else the whole name: a substring `issuer` matches either.
    static func commonName(of name: String) -> String {
        for part in name.split(separator: ",") where part.trimmingCharacters(in: .whitespaces).hasPrefix("CN=") {
            return String(part.trimmingCharacters(in: .whitespaces).dropFirst(3))
        }
        return name
    }

    /// The budget for an observed value: `budgetFactor` times it and at least
    /// `budgetMinimumHeadroomMs` more, rounded up to a round number of milliseconds.
    static func budget(for observedMs: Double) -> Int {
        let wanted = max(observedMs * budgetFactor, observedMs + budgetMinimumHeadroomMs)
        let step = wanted < 200 ? 10.0 : wanted < 1000 ? 50.0 : 100.0
        return Int((wanted / step).rounded(.up) * step)
    }

    private static func tenths(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A single-quoted YAML scalar whose `$` survives variable substitution.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "$", with: "$$") + "'"
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true ? " " : $0 })
    }

    private static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
