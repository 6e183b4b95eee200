import Foundation
import EdgeCheckModel

/// The machine-readable report of the contract (`--format json`, `--json FILE`).
///
/// Keys come in the contract's order; keys the contract does not name come after them:
/// per check `subjects`, `insecure`, `measurements` and `description` (only when the suite set
/// one); per suite `target`, `started`, `duration_ms` and `summary`. A finding without a failure
/// class has `"class": null`, and a measurement's absent thresholds are `null`, so that every
/// object of a kind has the same keys. The kind-specific `data` object is encoded by the check's
/// own `Encodable` type with its keys sorted, because Foundation does not keep declaration order.
public struct JSONReporter: Reporter {
    /// `--format json`.
    public static let identifier = "json"

    /// A JSON reporter; it has no options, so files are the same wherever they are written.
    public init() {}

    /// The whole report, pretty-printed, ending in a newline.
    public func render(_ report: RunReport) -> String {
        Self.value(of: report).pretty()
    }

    /// The document of one run; a `watch` window adds `runs`, each a document of its own.
    private static func value(of report: RunReport) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("edgecheck", .string(report.version)),
            ("started", .string(ReportFormatting.rfc3339(report.started))),
            ("duration_ms", .number(ReportFormatting.jsonMilliseconds(report.durationMs))),
            ("summary", value(of: report.summary)),
            ("proxy", proxyValue(report.proxies)),
            ("suites", .array(report.suites.map(value(of:)))),
        ]
        if !report.window.isEmpty {
            members.append(("runs", .array(report.window.map(value(of:)))))
        }
        return .object(members)
    }

    /// null when direct, the proxy's URL when there was one, a list when checks used several.
    private static func proxyValue(_ proxies: [String]) -> JSONValue {
        switch proxies.count {
        case 0: .null
        case 1: .string(proxies[0])
        default: .array(proxies.map { .string($0) })
        }
    }

    private static func value(of summary: RunSummary) -> JSONValue {
        .object([
            ("passed", .number("\(summary.passed)")),
            ("warned", .number("\(summary.warned)")),
            ("failed", .number("\(summary.failed)")),
            ("errored", .number("\(summary.errored)")),
            ("skipped", .number("\(summary.skipped)")),
        ])
    }

    private static func value(of suite: SuiteReport) -> JSONValue {
        .object([
            ("name", .string(suite.name)),
            ("file", .string(suite.file)),
            ("checks", .array(suite.checks.map(value(of:)))),
            ("target", .string(suite.target)),
            ("started", .string(ReportFormatting.rfc3339(suite.started))),
            ("duration_ms", .number(ReportFormatting.jsonMilliseconds(suite.durationMs))),
            ("summary", value(of: suite.summary)),
        ])
    }

    private static func value(of check: CheckResult) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(check.id)),
            ("kind", .string(check.kind)),
            ("status", .string(check.status.rawValue)),
            ("summary", .string(check.summary)),
            ("duration_ms", .number(ReportFormatting.jsonMilliseconds(check.durationMs))),
            ("findings", .array(check.findings.map(value(of:)))),
            ("data", encodedData(check.data)),
            ("subjects", .array(check.subjects.map { .string($0) })),
            ("insecure", .bool(check.insecure)),
            ("measurements", .array(check.measurements.map(value(of:)))),
        ]
        if let description = check.description {
            members.append(("description", .string(description)))
        }
        if !check.proxies.isEmpty {
            members.append(("proxy", proxyValue(check.proxies)))
        }
        return .object(members)
    }

    /// A finding; `hint` only when one is known.
    private static func value(of finding: Finding) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("status", .string(finding.status.rawValue)),
            ("subject", .string(finding.subject)),
            ("class", .string(finding.failureClass?.rawValue)),
            ("message", .string(finding.message)),
        ]
        if let hint = finding.hint { members.append(("hint", .string(hint))) }
        return .object(members)
    }

    private static func value(of measurement: EdgeCheckModel.Measurement) -> JSONValue {
        .object([
            ("name", .string(measurement.name)),
            ("value", .number(ReportFormatting.jsonNumber(measurement.value))),
            ("unit", .string(measurement.unit)),
            ("subject", .string(measurement.subject)),
            ("warn", .string(measurement.warn)),
            ("critical", .string(measurement.critical)),
            ("min", measurement.min.map { .number(ReportFormatting.jsonNumber($0)) } ?? .null),
            ("max", measurement.max.map { .number(ReportFormatting.jsonNumber($0)) } ?? .null),
        ])
    }

    /// The check's own data; if it cannot be encoded the report stays valid and says why.
    private static func encodedData(_ data: any CheckData) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ReportFormatting.rfc3339(date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            let encoded = try encoder.encode(data)
            return .encoded(String(decoding: encoded, as: UTF8.self))
        } catch {
            return .object([("encoding_error", .string("data could not be encoded: \(error)"))])
        }
    }
}
