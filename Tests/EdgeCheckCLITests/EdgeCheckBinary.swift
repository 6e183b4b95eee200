import Foundation
import Testing

/// Runs the `edgecheck` binary built next to this test bundle, in a scratch folder of its own.
final class EdgeCheckBinary: @unchecked Sendable {
    /// What a finished run left.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository root, found from this file's place in the tree.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = bundleDir.appendingPathComponent("edgecheck")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return bundleDir.deletingLastPathComponent().appendingPathComponent("edgecheck")
    }

    /// A scratch folder for suites, plugins and reports; removed afterwards.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgecheck-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes a file into the scratch folder and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
        return url.path
    }

    /// Writes an executable `#!/bin/sh` plugin.
    @discardableResult
    func plugin(_ name: String, _ body: String) throws -> String {
        try file(name, "#!/bin/sh\n\(body)\n", executable: true)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// Runs `edgecheck ARGS` in the scratch folder and waits for it.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let running = try start(arguments, environment: environment)
        return running.wait()
    }

    /// Starts `edgecheck ARGS` in the scratch folder without waiting.
    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        env.merge(environment) { _, new in new }
        process.environment = env
        return try Running(process)
    }

    /// A started `edgecheck`, its output collected as it comes so that no pipe fills up.
    final class Running: @unchecked Sendable {
        let process: Process
        private let group = DispatchGroup()
        private var out = Data()
        private var err = Data()

        init(_ process: Process) throws {
            self.process = process
            let outPipe = Pipe(), errPipe = Pipe()
            process.standardOutput = outPipe
            process.standardError = errPipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            DispatchQueue.global().async(group: group) {
                self.out = (try? outPipe.fileHandleForReading.readToEnd()) ?? Data()
            }
            DispatchQueue.global().async(group: group) {
                self.err = (try? errPipe.fileHandleForReading.readToEnd()) ?? Data()
            }
        }

        func wait() -> Output {
            group.wait()
            process.waitUntilExit()
            return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                          stderr: String(decoding: err, as: UTF8.self))
        }
    }

    /// Waits until `name` exists in the scratch folder (a plugin's sign that it started).
    func waitForFile(_ name: String) async throws {
        while !FileManager.default.fileExists(atPath: path(name)) {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// `xmllint --noout` on a report, with `--schema` when the Jenkins JUnit schema is beside the
    /// repository (CI always has it); returns xmllint's status and messages.
    static func xmllint(_ file: String) throws -> (status: Int32, messages: String, schema: Bool) {
        let schema = repository.deletingLastPathComponent().appendingPathComponent("shared/schemas/junit-10.xsd")
        let hasSchema = FileManager.default.fileExists(atPath: schema.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout"] + (hasSchema ? ["--schema", schema.path] : []) + [file]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let messages = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, messages, hasSchema)
    }
}
