import Foundation
import Testing
@testable import EdgeCheckCore

@Suite struct SuiteLoaderTests {
    @Test func smoke() throws {
        let yaml = """
        name: x
        target: https://www.edgecheck.test:8443
        defaults:
          timeout: 2s
        checks:
          - kind: exec
          - kind: exec
            timeout: 1s
        """
        let suite = try SuiteLoader.parse(yaml: yaml, file: "s.yaml", directory: URL(fileURLWithPath: "/tmp"), options: LoadOptions())
        #expect(suite.checks.map(\.id) == ["exec", "exec-2"])
        for bad in ["checks: [", "a: 1\na: 2\nchecks: []", "checks:\n  - kind: exec\n    timeout: 1s\n    timeout: 2s\n", "x: 1\n  y: 2", "checks:\n - kind: exec\n   id: 3"] {
            do { _ = try SuiteLoader.parse(yaml: bad, file: "s.yaml", directory: URL(fileURLWithPath: "/tmp"), options: LoadOptions()); print("NOERR") }
            catch { print("ERR:", error.description) }
        }
    }
}
