import Foundation
import Testing
import EdgeCheckTestSupport
@testable import EdgeCheckRun
@testable import EdgeCheckModel

/// The suite loader under random mutations of the repository's own valid suites
/// (`checks/*.yaml`): every input loads or is a `SuiteError` naming the file and a line, never a
/// crash. Seeded, so a failure is reproducible from the seed in its message; bounded in inputs
/// and time, so it costs the suite a few seconds.
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
            FileManager.default.createFile(atPath: pki.appendingPathComponent(name).path, contents: Data())
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

    @Test(arguments: [0x5EED_0001, 0x5EED_0002, 0x5EED_0003] as [UInt64])
    func everyMutationLoadsOrNamesFileAndLine(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let seeds = try Self.seeds()
        let directory = Self.workspace
        let deadline = ContinuousClock.now + .seconds(2)
        var tried = 0, loaded = 0
        while tried < 1500 && ContinuousClock.now < deadline {
            let seedFile = seeds[Int(random.next() % UInt64(seeds.count))]
            var text = seedFile.text
            for _ in 0...(random.next() % 3) { text = Mutator.mutate(text, with: &random) }
            tried += 1
            do {
                _ = try SuiteLoader.parse(yaml: text, file: seedFile.name, directory: directory, options: Self.options)
                loaded += 1
            } catch {
                #expect(error.file == seedFile.name, "seed \(seed), input \(tried): \(error)")
                #expect(error.line != nil, "seed \(seed), input \(tried): no line in '\(error)' for:\n\(text)")
                #expect(error.description.hasPrefix("\(seedFile.name):"), "seed \(seed), input \(tried): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        // Both outcomes occur, so neither the mutations nor the loader are trivially one-sided.
        #expect(tried > 50)
        #expect(loaded < tried)
    }
}
