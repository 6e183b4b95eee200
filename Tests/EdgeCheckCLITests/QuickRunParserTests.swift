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
        ["run", "a.yaml", "--html", "\(folder)/report.html", "--format", "github"],
        ["run", "a.yaml", "--html=\(folder)/r.html", "--format=html"],
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
        ["run", "a.yaml", "--html", "\(folder)/same.html", "--output", "\(folder)/same.html"],
        ["run", "a.yaml", "--html", "/nonexistent/folder/r.html"],
    ]

    @Test(arguments: declined)
    func leavesEverythingElseToArgumentParser(_ line: [String]) {
        #expect(QuickRunParser.invocation(line) == nil)
    }

    /// One option or flag of `run` as swift-argument-parser models it (`--experimental-dump-help`).
    private struct ModelledArgument {
        var names: Set<String>
        var isFlag: Bool
        var repeats: Bool
        var defaultValue: String?
    }

    /// swift-argument-parser's own model of `run`, read from the built binary.
    private func modelOfRun() throws -> (arguments: [ModelledArgument], positionalRepeats: Bool) {
        let output = try EdgeCheckBinary().run(["run", "--experimental-dump-help"])
        #expect(output.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        var modelled: [ModelledArgument] = []
        var positionalRepeats = false
        for argument in arguments {
            let kind = argument["kind"] as? String
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let text = name["name"] as? String else { return nil }
                return (name["kind"] as? String) == "short" ? "-" + text : "--" + text
            }
            let repeats = argument["isRepeating"] as? Bool ?? false
            if kind == "positional" {
                positionalRepeats = repeats
                continue
            }
            // Help and --version are swift-argument-parser's own; the quick parser declines them.
            if names.contains("--help") || names.contains("--version") { continue }
            modelled.append(ModelledArgument(names: Set(names), isFlag: kind == "flag", repeats: repeats,
                                             defaultValue: argument["defaultValue"] as? String))
        }
        return (modelled, positionalRepeats)
    }

    @Test func knowsEveryOptionOfRunAsArgumentParserModelsIt() throws {
        let model = try modelOfRun()
        #expect(model.positionalRepeats, "run takes any number of suite files")
        let quick = QuickRunParser.grammar
        for argument in model.arguments {
            let match = quick.first { $0.names == argument.names }
            #expect(match != nil, "the quick parser does not read \(argument.names.sorted())")
            #expect(match?.isFlag == argument.isFlag, "\(argument.names.sorted()): flag in one parser, option in the other")
            #expect(match?.repeats == argument.repeats, "\(argument.names.sorted()) repeats in one parser only")
        }
        for entry in quick {
            #expect(model.arguments.contains { $0.names == entry.names },
                    "the quick parser reads \(entry.names.sorted()), which run does not have")
        }
    }

    @Test func startsFromTheDefaultsArgumentParserDocuments() throws {
        let bare = try #require(QuickRunParser.invocation(["run"]))
        for argument in try modelOfRun().arguments {
            guard let value = argument.defaultValue, let name = argument.names.first(where: { $0.hasPrefix("--") })
            else { continue }
            // Giving an option its documented default must change nothing.
            let explicit = QuickRunParser.invocation(["run", name, value])
            #expect(explicit == bare, "\(name): the quick parser's default is not \(value)")
        }
    }
}
