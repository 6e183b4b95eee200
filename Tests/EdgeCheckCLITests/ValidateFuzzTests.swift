import Foundation
import Testing
import EdgeCheckTestSupport

/// Mutated suites through the binary: `validate` exits 0 or 2, never by a signal, and a
/// refusal names the file and a line. Few inputs (each is a process); the loader's own fuzz
/// test tries hundreds more.
@Suite struct ValidateFuzzTests {
    @Test func mutatedSuitesExitZeroOrTwoNamingFileAndLine() throws {
        let edgecheck = try EdgeCheckBinary()
        let seed = try String(contentsOf: EdgeCheckBinary.repository.appendingPathComponent("checks/examples.yaml"),
                              encoding: .utf8)
        var random = SplitMix64(seed: 0xED6E_C4EC)
        var refused = 0
        for input in 0..<12 {
            var text = seed
            for _ in 0...(random.next() % 3) { text = Mutator.mutate(text, with: &random) }
            try edgecheck.file("mutated.yaml", text)
            let output = try edgecheck.run(["validate", "mutated.yaml"], environment: ["DEMO_TOKEN": "demo-token-1234"])
            #expect(output.status == 0 || output.status == 2, "input \(input) exited \(output.status):\n\(text)")
            if output.status == 2 {
                refused += 1
                let named = output.stderr.range(of: #"mutated\.yaml:[0-9]+"#, options: .regularExpression) != nil
                #expect(named, "input \(input): \(output.stderr)")
            }
        }
        #expect(refused > 0)
    }
}
