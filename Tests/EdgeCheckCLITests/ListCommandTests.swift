import Foundation
import Testing
import EdgeCheckRun
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// `edgecheck list`, through the built binary.
@Suite struct ListCommandTests {
    @Test func theTableNamesEveryKindItsKeysAndTheCommonKeys() throws {
        let output = try EdgeCheckBinary().run(["list"])
        #expect(output.status == 0)
        for kind in CheckRegistry.kinds {
            #expect(output.stdout.contains("\(kind.description.kind) — \(kind.description.summary)"))
            for key in kind.description.keys { #expect(output.stdout.contains("  \(key.name)  ")) }
        }
        #expect(output.stdout.contains("common keys (every kind)"))
        #expect(output.stdout.contains("  severity  "))
    }

    @Test func jsonListsTheRegistryWithDefaults() throws {
        let output = try EdgeCheckBinary().run(["list", "--format", "json"])
        #expect(output.status == 0)
        let listing = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let kinds = try #require(listing["kinds"] as? [[String: Any]])
        #expect(kinds.compactMap { $0["kind"] as? String } == CheckRegistry.kindNames)
        let exec = try #require(kinds.first { $0["kind"] as? String == "exec" })
        let keys = try #require(exec["keys"] as? [[String: Any]])
        #expect(keys.first { $0["name"] as? String == "command" }?["required"] as? Bool == true)
        let common = try #require(listing["common_keys"] as? [[String: Any]])
        #expect(common.first { $0["name"] as? String == "timeout" }?["default"] as? String == "5s")
    }

    @Test func anUnknownFormatIsExitTwo() throws {
        let output = try EdgeCheckBinary().run(["list", "--format", "xml"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("edgecheck: "))
    }
}
