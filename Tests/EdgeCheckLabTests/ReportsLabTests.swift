import Foundation
import Testing

extension LabTests {
    /// The reports for people and pipelines against the real lab: the HTML page as a browser
    /// renders it, `diff` between a healthy run and each fault, and `allowlist` through the
    /// firewalls' own parsers.
    @Suite(.stopsLabAfterwards) struct ReportsLabTests {
        private static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgecheck-reports-\(UUID().uuidString)")

        /// checks/lab.yaml with more tls-timing samples, so that two healthy runs' p50s do not
        /// differ by the 20 % and 1 ms that `diff` calls worse through loopback jitter alone.
        private static func steadySuite() throws -> URL {
            let lab = try String(contentsOf: Lab.root.appendingPathComponent("checks/lab.yaml"), encoding: .utf8)
            let steady = lab.replacingOccurrences(of: "    samples: 5\n", with: "    samples: 25\n")
            let file = Lab.root.appendingPathComponent("checks/.test-reports-\(UUID().uuidString).yaml")
            try steady.write(to: file, atomically: true, encoding: .utf8)
            return file
        }

        /// Runs the suite and writes its JSON report (and the HTML page when asked) into the folder.
        private static func run(_ suite: URL, json name: String, html: String? = nil,
                                extra: [String] = []) throws -> (Lab.Output, String) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let json = folder.appendingPathComponent(name).path
            var arguments = ["run", suite.path, "--json", json, "--format", "github", "-q"] + extra
            if let html { arguments += ["--html", folder.appendingPathComponent(html).path] }
            return (try Lab.edgecheck(arguments), json)
        }

        /// What headless Chromium rendered: the DOM after parsing (scripts would have run by then).
        private static func renderedDOM(_ page: String) throws -> String {
            let profile = folder.appendingPathComponent("chromium-profile").path
            let output = try Lab.run(URL(fileURLWithPath: "/usr/bin/chromium"),
                                     ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)",
                                      "--dump-dom", "file://\(page)"])
            #expect(output.status == 0, "chromium: \(output.stderr.suffix(400))")
            return output.stdout
        }

        @Test func theBrowserShowsEveryCheckStatusAndTheWaterfall() throws {
            try Lab.up([])
            let suite = try Self.steadySuite()
            defer { try? FileManager.default.removeItem(at: suite) }
            let (output, json) = try Self.run(suite, json: "page.json", html: "page.html")
            #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
            let report = try #require(try? JSONDecoder().decode(JSONReport.self, from: Data(contentsOf: URL(fileURLWithPath: json))))
            let dom = try Self.renderedDOM(Self.folder.appendingPathComponent("page.html").path)
            let checks = report.suites.flatMap(\.checks)
            #expect(checks.count == 7)
            for check in checks {
                #expect(dom.contains("<article class=\"check \(check.status)\" id=\"check-\(check.id)\">"), "\(check.id)")
                #expect(dom.contains("<span class=\"status \(check.status)\">\(check.status)</span> "
                                     + "<code class=\"check-id\">\(check.id)</code>"), "\(check.id)")
            }
            #expect(dom.contains("<svg class=\"waterfall\""))
            #expect(dom.contains("<rect class=\"seg2\""), "the tls segment of the waterfall")
            #expect(dom.contains("<tr class=\"certificate\"><td><code>127.0.10.1</code>"), "a certificate row per address")
            #expect(output.stdout.hasSuffix("edgecheck: 7 passed\n"), "the github format's closing line")
        }

        @Test func hostileNetworkTextIsNoLiveMarkupInTheBrowser() throws {
            try Lab.up([])
            // A plugin stands in for a hostile endpoint: its output is text from outside.
            let plugin = Lab.root.appendingPathComponent("checks/.test-hostile-\(UUID().uuidString).sh")
            try """
                #!/bin/sh
                echo "<script>document.title='pwned'</script><img src=x onerror=alert(1)><b>bold</b> &amp; | perf=1"
                exit 2
                """.write(to: plugin, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin.path)
            let suite = Lab.root.appendingPathComponent("checks/.test-hostile-\(UUID().uuidString).yaml")
            try """
                name: "<i>hostile</i>"
                checks:
                  - id: hostile
                    kind: exec
                    command: \(plugin.lastPathComponent)
                """.write(to: suite, atomically: true, encoding: .utf8)
            defer {
                try? FileManager.default.removeItem(at: plugin)
                try? FileManager.default.removeItem(at: suite)
            }
            let (output, _) = try Self.run(suite, json: "hostile.json", html: "hostile.html")
            #expect(output.status == 1)
            let dom = try Self.renderedDOM(Self.folder.appendingPathComponent("hostile.html").path)
            #expect(!dom.contains("<script") && !dom.contains("<img") && !dom.contains("<b>") && !dom.contains("<i>"))
            #expect(!dom.contains("pwned</title>"))
            #expect(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
            #expect(dom.contains("&lt;i&gt;hostile&lt;/i&gt;"))
        }

        @Test func diffNamesWhatEachFaultMadeWorse() throws {
            let suite = try Self.steadySuite()
            defer { try? FileManager.default.removeItem(at: suite) }
            try Lab.up([])
            let (_, healthy) = try Self.run(suite, json: "healthy.json")
            // Two healthy runs agree on everything but timing: on a loopback shared with other
            // work a phase of 2 to 5 ms moves by more than 1 ms and 20 % between runs, which the
            // contract rightly calls worse. The p50 rule is held by the unit tests and by
            // slow-hop below (200 ms).
            let (_, calm) = try Self.run(suite, json: "calm.json", extra: ["--skip", "hop-timing"])
            let (_, calmAgain) = try Self.run(suite, json: "calm-again.json", extra: ["--skip", "hop-timing"])
            let same = try Lab.edgecheck(["diff", calm, calmAgain])
            #expect(same.status == 0, "two healthy runs:\n\(same.stdout)\(same.stderr)")
            #expect(same.stdout.hasSuffix("no changes\n"), "\(same.stdout)")

            let worsened: [(fault: String, check: String)] = [
                ("rogue-ip", "static-ips"), ("split-dns", "static-ips"), ("dead-ip", "static-ips"),
                ("blackhole", "static-ips"), ("expired-cert", "front-certificate"),
                ("wrong-issuer", "front-certificate"), ("wrong-host", "front-certificate"),
                ("no-intermediate", "front-certificate"), ("no-redirect", "http-redirect"),
                ("redirect-drops-path", "http-redirect"), ("redirect-to-http", "http-redirect"),
                ("no-forwardfor", "client-address"), ("spoofable-xff", "client-address"), ("slow-hop", "hop-timing"),
                ("proxy-optional", "ingress-proxy-protocol"), ("proxy-spoofable", "ingress-proxy-protocol"),
            ]
            for (fault, check) in worsened {
                try Lab.up([fault])
                let (_, faulty) = try Self.run(suite, json: "\(fault).json")
                let diff = try Lab.edgecheck(["diff", healthy, faulty])
                #expect(diff.status == 1, "\(fault):\n\(diff.stdout)\(diff.stderr)")
                let worse = diff.stdout.split(separator: "\n").filter { $0.hasPrefix("WORSE") }
                #expect(worse.contains { $0.contains(" \(check) ") }, "\(fault) makes \(check) worse:\n\(diff.stdout)")
                let json = try Lab.edgecheck(["diff", healthy, faulty, "--format", "json"])
                let root = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
                #expect(root?["worse"] as? Bool == true && json.status == 1, "\(fault)")
            }
            let unreadable = try Lab.edgecheck(["diff", healthy, suite.path])
            #expect(unreadable.status == 2 && unreadable.stderr.contains("not JSON"))
        }

        @Test func allowlistRulesPassTheFirewallsOwnParsers() throws {
            try Lab.up([])
            let suite = try Self.steadySuite()
            defer { try? FileManager.default.removeItem(at: suite) }
            let (_, json) = try Self.run(suite, json: "allow.json")
            func export(_ format: String) throws -> String {
                let file = Self.folder.appendingPathComponent("rules.\(format)").path
                let output = try Lab.edgecheck(["allowlist", json, "--format", format, "--output", file])
                #expect(output.status == 0, "\(format): \(output.stderr)")
                return file
            }
            // The tests run in their own network namespace, so checking touches no host table.
            let nft = try Lab.run(URL(fileURLWithPath: "/usr/sbin/nft"), ["-c", "-f", try export("nftables")])
            #expect(nft.status == 0, "nft -c: \(nft.stderr)")
            let iptables = try Lab.run(URL(fileURLWithPath: "/usr/sbin/iptables-restore"), ["--test", try export("iptables")])
            #expect(iptables.status == 0, "iptables-restore --test: \(iptables.stderr)")
            let ip6tables = try Lab.run(URL(fileURLWithPath: "/usr/sbin/ip6tables-restore"), ["--test", try export("ip6tables")])
            #expect(ip6tables.status == 0, "ip6tables-restore --test: \(ip6tables.stderr)")
            let aws = try Data(contentsOf: URL(fileURLWithPath: try export("aws-sg")))
            let permissions = try #require(try JSONSerialization.jsonObject(with: aws) as? [[String: Any]])
            let ranges = permissions.flatMap { ($0["IpRanges"] as? [[String: Any]]) ?? [] }.compactMap { $0["CidrIp"] as? String }
            #expect(ranges == ["127.0.10.1/32", "127.0.10.2/32"])
            let csv = try String(contentsOfFile: try export("csv"), encoding: .utf8)
            #expect(csv.contains("127.0.10.1,ipv4,8443,tcp,www.edgecheck.test,static-ips,"))
        }
    }
}
