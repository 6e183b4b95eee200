import Foundation
import Testing

/// `edgecheck validate`, through the built binary.
@Suite struct ValidateCommandTests {
    @Test func aGoodSuiteIsOkWithItsCheckCount() throws {
        let edgecheck = try EdgeCheckBinary()
        let suite = EdgeCheckBinary.repository.appendingPathComponent("checks/examples.yaml").path
        let output = try edgecheck.run(["validate", suite])
        #expect(output.status == 0)
        #expect(output.stdout == "ok: \(suite) (6 checks)\n")
    }

    @Test func everyFileIsCheckedAndAnyErrorExitsTwo() throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("check", "echo OK")
        try edgecheck.file("good.yaml", "checks:\n  - kind: exec\n    command: check\n")
        try edgecheck.file("typo.yaml", "checks:\n  - kind: exec\n    command: check\n    argz: [-v]\n")
        let output = try edgecheck.run(["validate", "typo.yaml", "good.yaml"])
        #expect(output.status == 2)
        #expect(output.stdout == "ok: good.yaml (1 check)\n")
        #expect(output.stderr.hasPrefix("edgecheck: typo.yaml:4: checks[0].argz: "), "\(output.stderr)")
        #expect(output.stderr.contains("'args'"))
    }

    @Test func validateNeverRunsAPlugin() throws {
        let edgecheck = try EdgeCheckBinary()
        try edgecheck.plugin("touch", "echo ran > \"\(edgecheck.path("ran"))\"; echo OK")
        try edgecheck.file("suite.yaml", "checks:\n  - kind: exec\n    command: touch\n")
        #expect(try edgecheck.run(["validate", "suite.yaml"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: edgecheck.path("ran")))
    }

    @Test func noFileIsAnInvalidInvocation() throws {
        let output = try EdgeCheckBinary().run(["validate"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("edgecheck: "))
    }
}
