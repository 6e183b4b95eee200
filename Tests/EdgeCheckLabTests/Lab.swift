import Foundation
import Testing

/// Drives the lab scripts and the built `edgecheck` binary for integration tests.
enum Lab {
    /// The repository root, found from this file's place in the tree.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `edgecheck` binary built next to the test bundle (or `EDGECHECK_BIN`).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["EDGECHECK_BIN"] { return URL(fileURLWithPath: path) }
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDir, bundleDir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("edgecheck")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/edgecheck")
    }

    /// What a finished process left.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Brings the lab up with exactly these faults (restarting it when it runs with others).
    /// `environment` tunes `lab/up`, e.g. `["LAB_SLOW_HOP": "alb", "LAB_SLOW_MS": "300"]`.
    /// A lab that cannot start fails the test loudly: it never skips.
    static func up(_ faults: [String] = [], environment: [String: String] = [:]) throws {
        holdMachineLock()
        var args = ["up"]
        for fault in faults { args += ["--fault", fault] }
        // Test processes take turns through the machine lock; a lab someone started by hand from
        // another checkout gets two minutes to go down before this fails.
        let result = try run(root.appendingPathComponent("lab/\(args[0])"), Array(args.dropFirst()),
                             environment: ["LAB_WAIT": "120"].merging(environment) { _, new in new })
        guard result.status == 0 else {
            Issue.record("lab/up \(faults) failed (\(result.status)):\n\(result.stdout)\n\(result.stderr)")
            throw LabError.cannotStart(result.stderr)
        }
    }

    /// The lab binds fixed loopback addresses, so only one test process on the machine may use
    /// it at a time (several checkouts may run their tests at once). The lock is taken on first
    /// use and held until the process exits, when the kernel releases it.
    private static let machineLock: Int32 = {
        let fd = open("/tmp/edgecheck-lab.lock", O_CREAT | O_RDWR, 0o666)
        if fd >= 0 { _ = flock(fd, LOCK_EX) }
        return fd
    }()

    private static func holdMachineLock() { _ = machineLock }

    /// Stops the lab; never fails.
    static func down() {
        _ = try? run(root.appendingPathComponent("lab/down"), [])
    }

    /// Runs `edgecheck` with `arguments`, from the repository root, with the running lab's variables
    /// (`LAB_INGRESS_PIN`, `LAB_TRUST`, ... as in `checks/lab.yaml`) in its environment.
    static func edgecheck(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        try run(binary, arguments, environment: Lab.environment.merging(environment) { _, new in new })
    }

    /// The variables `lab/up` wrote to `lab/state/env` (`export NAME='value'` lines); empty while the
    /// lab is down.
    static var environment: [String: String] {
        let file = root.appendingPathComponent("lab/state/env")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
        var variables: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            var value = assignment[assignment.index(after: equals)...]
            if value.hasPrefix("'"), value.hasSuffix("'"), value.count >= 2 { value = value.dropFirst().dropLast() }
            variables[String(assignment[..<equals])] = String(value)
        }
        return variables
    }

    /// Writes `yaml` to a temporary suite file in `checks/` (so `../lab/...` paths resolve as in
    /// `checks/lab.yaml`), runs `edgecheck run FILE --format json` plus `extra`, and decodes the report.
    static func runSuite(_ yaml: String, extra: [String] = []) throws -> (Output, JSONReport?) {
        let file = root.appendingPathComponent("checks/.test-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try edgecheck(["run", file.path, "--format", "json"] + extra)
        let report = try? JSONDecoder().decode(JSONReport.self, from: Data(output.stdout.utf8))
        return (output, report)
    }

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a large report cannot fill a pipe and stall the child.
        let stdoutBox = DataBox()
        let reader = DispatchGroup()
        DispatchQueue.global().async(group: reader) {
            stdoutBox.data = (try? out.fileHandleForReading.readToEnd()) ?? nil
        }
        let stderr = try err.fileHandleForReading.readToEnd()
        reader.wait()
        let stdoutData = stdoutBox.data
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData ?? Data(), as: UTF8.self),
                      stderr: String(decoding: stderr ?? Data(), as: UTF8.self))
    }

    enum LabError: Error { case cannotStart(String) }
}

/// Holds what a reader thread collected; read only after the reader's group is waited on.
private final class DataBox: @unchecked Sendable {
    var data: Data?
}

/// The contract's JSON report, decoded loosely enough for assertions.
struct JSONReport: Decodable {
    struct Summary: Decodable { var passed, warned, failed, errored, skipped: Int }
    struct Suite: Decodable { var name: String; var file: String; var checks: [Check] }
    struct Check: Decodable {
        var id: String
        var kind: String
        var status: String
        var summary: String
        var findings: [Finding]
        var data: AnyJSON?
    }
    struct Finding: Decodable {
        var status: String
        var subject: String
        var `class`: String?
        var message: String
        var hint: String?
    }
    var edgecheck: String
    var summary: Summary
    var suites: [Suite]

    /// The check with that id, in any suite.
    func check(_ id: String) -> Check? { suites.flatMap(\.checks).first { $0.id == id } }
}

/// Any JSON value, for reading `data` without a type per kind.
enum AnyJSON: Decodable {
    case null, bool(Bool), number(Double), string(String), array([AnyJSON]), object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([AnyJSON].self) { self = .array(v) }
        else { self = .object(try c.decode([String: AnyJSON].self)) }
    }

    subscript(key: String) -> AnyJSON? { if case .object(let o) = self { o[key] } else { nil } }
    subscript(index: Int) -> AnyJSON? {
        if case .array(let a) = self, a.indices.contains(index) { a[index] } else { nil }
    }
    var array: [AnyJSON] { if case .array(let a) = self { a } else { [] } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var number: Double? { if case .number(let n) = self { n } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
}
