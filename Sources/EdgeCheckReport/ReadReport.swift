import Foundation
import EdgeCheckModel

/// A JSON report (`--format json`, `--json FILE`) read back: the parts `diff` and `allowlist`
/// compare and export. It reads the contract's keys only, never a kind's Swift type, so a report
/// written by another version of edgecheck reads the same way; keys it does not know are ignored.
public struct ReadReport: Sendable, Equatable {
    /// One check of the report.
    public struct Check: Sendable, Equatable {
        public var suite: String
        public var id: String
        public var kind: String
        public var status: CheckStatus
        public var summary: String
        /// Each subject's status: its worst finding, never worse than the check.
        public var subjects: [(name: String, status: CheckStatus)]
        /// `static-ip`: the host and port looked up, and the addresses seen, unexpected and served.
        public var staticIP: StaticIP?
        /// `certificate`: each address's leaf.
        public var leaves: [Leaf]
        /// `tls-timing`: each hop's p50 per phase, in milliseconds.
        public var hops: [Hop]

        public static func == (lhs: Check, rhs: Check) -> Bool {
            lhs.suite == rhs.suite && lhs.id == rhs.id && lhs.kind == rhs.kind && lhs.status == rhs.status
                && lhs.summary == rhs.summary && lhs.subjects.map(\.name) == rhs.subjects.map(\.name)
                && lhs.subjects.map(\.status) == rhs.subjects.map(\.status) && lhs.staticIP == rhs.staticIP
                && lhs.leaves == rhs.leaves && lhs.hops == rhs.hops
        }
    }

    /// What a `static-ip` check saw.
    public struct StaticIP: Sendable, Equatable {
        public var host: String
        public var port: Int?
        /// `none`, `tcp`, `tls` or `https`, when the report says.
        public var probe: String?
        public var seen: [String]
        public var unexpected: [String]
        /// The addresses a probe reached.
        public var serving: [String]
    }

    /// One address's leaf certificate.
    public struct Leaf: Sendable, Equatable {
        public var address: String
        public var sha256: String?
        public var issuer: String?
        public var daysLeft: Int?
    }

    /// One hop's p50 per phase.
    public struct Hop: Sendable, Equatable {
        public var name: String
        public var insecure: Bool
        /// Phase name to p50 in milliseconds, in the contract's phase order.
        public var p50: [(phase: String, ms: Double)]

        public static func == (lhs: Hop, rhs: Hop) -> Bool {
            lhs.name == rhs.name && lhs.insecure == rhs.insecure && lhs.p50.map(\.phase) == rhs.p50.map(\.phase)
                && lhs.p50.map(\.ms) == rhs.p50.map(\.ms)
        }
    }

    /// The file it was read from, as given.
    public var path: String
    /// The `edgecheck` version that wrote it.
    public var version: String
    /// When the run started, as written (RFC 3339).
    public var started: String
    public var checks: [Check]

    /// The phases of a tls-timing hop, in the contract's order.
    static let phases = ["dns", "connect", "tls", "ttfb", "total"]

    /// Reads the report at `path`.
    /// - Throws: `ReadReportError` when the file cannot be read, is not JSON, or is not an
    ///   edgecheck report.
    public static func read(path: String) throws(ReadReportError) -> ReadReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "cannot be read"
            throw ReadReportError(path: path, reason: FileManager.default.fileExists(atPath: path) ? reason : "no such file")
        }
        return try parse(data, path: path)
    }

    /// Reads a report from its bytes; `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws(ReadReportError) -> ReadReport {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ReadReportError(path: path, reason: "not JSON")
        }
        guard let object = root as? [String: Any], let version = object["edgecheck"] as? String,
              let suites = object["suites"] as? [[String: Any]] else {
            throw ReadReportError(path: path, reason: "not an edgecheck JSON report (no \"edgecheck\" and \"suites\" keys)")
        }
        var checks: [Check] = []
        for suite in suites {
            let name = suite["name"] as? String ?? ""
            for check in suite["checks"] as? [[String: Any]] ?? [] {
                guard let id = check["id"] as? String, let statusText = check["status"] as? String,
                      let status = CheckStatus(rawValue: statusText) else {
                    throw ReadReportError(path: path, reason: "a check of suite '\(name)' has no id or no valid status")
                }
                checks.append(readCheck(check, id: id, status: status, suite: name))
            }
        }
        return ReadReport(path: path, version: version, started: object["started"] as? String ?? "", checks: checks)
    }

    private static func readCheck(_ check: [String: Any], id: String, status: CheckStatus, suite: String) -> Check {
        let kind = check["kind"] as? String ?? ""
        let findings = check["findings"] as? [[String: Any]] ?? []
        var subjects: [(name: String, status: CheckStatus)] = []
        for subject in check["subjects"] as? [String] ?? [] where !subjects.contains(where: { $0.name == subject }) {
            let statuses = findings.filter { $0["subject"] as? String == subject }
                .compactMap { ($0["status"] as? String).flatMap(CheckStatus.init(rawValue:)) }
            let worst = CheckStatus.worst(statuses)
            subjects.append((subject, worst.severityRank > status.severityRank ? status : worst))
        }
        let data = check["data"] as? [String: Any] ?? [:]
        var result = Check(suite: suite, id: id, kind: kind, status: status, summary: check["summary"] as? String ?? "",
                           subjects: subjects, staticIP: nil, leaves: [], hops: [])
        switch kind {
        case "static-ip":
            let probes = data["probes"] as? [[String: Any]] ?? []
            result.staticIP = StaticIP(
                host: data["host"] as? String ?? "", port: data["port"] as? Int, probe: data["probe"] as? String,
                seen: data["seen"] as? [String] ?? [], unexpected: data["unexpected"] as? [String] ?? [],
                serving: probes.filter { $0["ok"] as? Bool == true }.compactMap { $0["address"] as? String })
        case "certificate":
            result.leaves = (data["endpoints"] as? [[String: Any]] ?? []).compactMap { endpoint in
                guard let address = endpoint["address"] as? String else { return nil }
                return Leaf(address: address, sha256: endpoint["sha256"] as? String,
                            issuer: endpoint["issuer"] as? String, daysLeft: endpoint["days_left"] as? Int)
            }
        case "tls-timing":
            result.hops = (data["hops"] as? [[String: Any]] ?? []).compactMap { hop in
                guard let name = hop["name"] as? String else { return nil }
                let phases = hop["phases"] as? [String: Any] ?? [:]
                let p50 = Self.phases.compactMap { phase -> (phase: String, ms: Double)? in
                    guard let statistics = phases[phase] as? [String: Any],
                          let value = (statistics["p50"] as? NSNumber)?.doubleValue else { return nil }
                    return (phase, value)
                }
                return Hop(name: name, insecure: hop["insecure"] as? Bool ?? false, p50: p50)
            }
        default:
            break
        }
        return result
    }
}
