import Foundation
import Testing
import EdgeCheckTestSupport
@testable import EdgeCheckRun
@testable import EdgeCheckModel

/// The suite loader under random mutations of the repository's own valid suites
/// (`checks/*.yaml`): every input loads or is a `SuiteError` naming the file and a line, never a
/// crash. Seeded, so a failure is reproducible from the seed in its message; bounded in inputs
/// and time (three seeds, at most 1000 inputs or 1 s each), so it costs the suite a few seconds.
///
/// A mutation loop of our own rather than a property-testing library: the inputs are edits of
/// real files (a line dropped, doubled or re-indented, YAML syntax spliced in, a value
/// replaced), which generators of whole values do not give, and it adds no dependency to build.
@Suite struct SuiteLoaderFuzzTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A copy of `checks/` with the lab's CA files it names stubbed, so `lab.yaml` loads without
    /// a running lab.
    static let workspace: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("edgecheck-fuzz-\(UUID().uuidString)")
        let checks = root.appendingPathComponent("checks")
        let pki = root.appendingPathComponent("lab/state/pki")
        try? FileManager.default.createDirectory(at: checks, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(at: pki, withIntermediateDirectories: true)
        let source = repository.appendingPathComponent("checks")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: source.path)) ?? [] {
            try? FileManager.default.createSymbolicLink(at: checks.appendingPathComponent(name),
                                                        withDestinationURL: source.appendingPathComponent(name))
        }
        for name in ["trust.pem", "alb-ca.pem"] {
            _ = FileManager.default.createFile(atPath: pki.appendingPathComponent(name).path, contents: Data())
        }
        return checks
    }()

    static func seeds() throws -> [(name: String, text: String)] {
        let folder = repository.appendingPathComponent("checks")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    static let options = LoadOptions(environment: ["DEMO_TOKEN": "demo-token-1234", "LAB_INGRESS_PIN": String(repeating: "A", count: 43) + "=",
                                                   "HOME": "/root"])

    @Test func theSeedSuitesLoad() throws {
        // The control: unmutated, every seed is valid, so the errors below come from the mutations.
        let seeds = try Self.seeds()
        #expect(!seeds.isEmpty)
        for seed in seeds {
            #expect(throws: Never.self) {
                try SuiteLoader.parse(yaml: seed.text, file: seed.name, directory: Self.workspace, options: Self.options)
            }
        }
    }

    @Test func everyMutationLoadsOrNamesFileAndLine() async throws {
        let seeds = try Self.seeds()
        // On a thread of its own: a CPU-bound loop on the test runner's cooperative threads would
        // starve every other suite's tasks (and their hang detectors) for its whole length.
        let problems = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Self.fuzz(seeds, seeds: [0x5EED_0001, 0x5EED_0002, 0x5EED_0003])) }.start()
        }
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
    }

    /// Tries mutations for each seed (at most 1000 inputs or 1 s each) and returns what went wrong.
    static func fuzz(_ files: [(name: String, text: String)], seeds: [UInt64]) -> [String] {
        var problems: [String] = []
        for seed in seeds {
            var random = SplitMix64(seed: seed)
            let deadline = ContinuousClock.now + .seconds(1)
            var tried = 0, loaded = 0
            while tried < 1000 && ContinuousClock.now < deadline && problems.count < 10 {
                let seedFile = files[Int(random.next() % UInt64(files.count))]
                var text = seedFile.text
                for _ in 0...(random.next() % 3) { text = Mutator.mutate(text, with: &random) }
                tried += 1
                do {
                    _ = try SuiteLoader.parse(yaml: text, file: seedFile.name, directory: workspace, options: options)
                    loaded += 1
                } catch {
                    if error.file != seedFile.name || error.line == nil || !error.description.hasPrefix("\(seedFile.name):")
                        || error.message.isEmpty {
                        problems.append("seed \(seed), input \(tried): '\(error)' does not name file and line, for:\n\(text)")
                    }
                }
            }
            // Both outcomes occur, so neither the mutations nor the loader are trivially one-sided.
            if tried < 50 || loaded == tried || loaded == 0 {
                problems.append("seed \(seed): \(tried) inputs, \(loaded) loaded: the mutations are one-sided")
            }
        }
        return problems
    }
}
