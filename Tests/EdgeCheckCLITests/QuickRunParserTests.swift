import Foundation
import Testing
@testable import edgecheck

/// The quick parser of `edgecheck run` must read every command line it accepts exactly as
/// swift-argument-parser does, and leave everything else to it.
@Suite struct QuickRunParserTests {
    private static let folder = FileManager.default.temporaryDirectory.path
    private static let readable = CommandLine.arguments[0]

    static let accepted: [[String]] = [
        ["run"],
        ["run", "checks/lab.yaml"],
        ["run", "a.yaml", "b.yaml", "--format", "json"],
        ["run", "--format=tap", "a.yaml"],
        ["run", "a.yaml", "--output", "\(folder)/out.txt", "--junit", "\(folder)/junit.xml", "--json=\(folder)/r.json"],
        ["run", "a.yaml", "--output", "-"],
        ["run", "a.yaml", "--prometheus", "\(folder)/edgecheck.prom", "--format", "prometheus"],
        ["run", "a.yaml", "--only", "one", "--skip", "two", "--only=three"],
        ["run", "a.yaml", "--jobs", "3", "--strict", "--color", "never"],
        ["run", "a.yaml", "--jobs=1", "--color=always", "-q"],
        ["run", "a.yaml", "--quiet"],
        ["run", "a.yaml", "-v", "--format", "junit"],
        ["run", "a.yaml", "--verbose"],
        ["run", "--target", "https://www.example.test:8443/path?q=1", "--timeout", "250ms"],
        ["run", "a.yaml", "--var", "HOST=www.edgecheck.test", "--var=PORT=8443", "--var", "EMPTY="],
        ["run", "a.yaml", "--dns-server", "127.0.53.1:10053", "--dns-server", "system", "--dns-server=[::1]:53"],
        ["run", "a.yaml", "--bind", "127.0.0.1", "--ca-file", readable, "--timeout=1.5s"],
    ]

    @Test(arguments: accepted)
    func readsWhatItAcceptsAsArgumentParserDoes(_ line: [String]) throws {
        let quick = try #require(QuickRunParser.invocation(line))
        let parsed = try #require(try EdgeCheck.parseAsRoot(line) as? EdgeCheck.Run)
        #expect(quick == parsed.invocation)
    }

    static let declined: [[String]] = [
        ["list"],
        ["validate", "a.yaml"],
        ["--version"],
        ["run", "--help"],
        ["run", "-h"],
        ["run", "--version"],
        ["run", "--", "a.yaml"],
        ["run", "-qv", "a.yaml"],
        ["run", "a.yaml", "--quiet", "-q"],
        ["run", "a.yaml", "--strict=yes"],
        ["run", "a.yaml", "--format", "json", "--format", "tap"],
        ["run", "a.yaml", "--format"],
        ["run", "a.yaml", "--format", "--strict"],
        ["run", "a.yaml", "--format", ""],
        ["run", "a.yaml", "--only", "-x"],
        ["run", "a.yaml", ""],
        ["run", "-"],
        ["run", "a.yaml", "--jobs", "many"],
        ["run", "a.yaml", "--color", "sometimes"],
        ["run", "a.yaml", "--unknown", "x"],
        ["run", "a.yaml", "--Format", "json"],
        // Rejected by validation: swift-argument-parser words the usage error.
        ["run", "a.yaml", "--format", "yaml"],
        ["run", "a.yaml", "--jobs", "0"],
        ["run", "a.yaml", "--quiet", "--verbose"],
        ["run", "a.yaml", "--target", "https://www.example.test/"],
        ["run", "--target", "ftp://www.example.test/"],
        ["run", "a.yaml", "--var", "NOEQUALS"],
        ["run", "a.yaml", "--dns-server", "not-a-server"],
        ["run", "a.yaml", "--bind", "10.0.0.0/8"],
        ["run", "a.yaml", "--ca-file", "/nonexistent/ca.pem"],
        ["run", "a.yaml", "--timeout", "soon"],
        ["run", "a.yaml", "--output", "/nonexistent/folder/out.txt"],
        ["run", "a.yaml", "--junit", "\(folder)/same.xml", "--json", "\(folder)/same.xml"],
    ]

    @Test(arguments: declined)
    func leavesEverythingElseToArgumentParser(_ line: [String]) {
        #expect(QuickRunParser.invocation(line) == nil)
    }
}
