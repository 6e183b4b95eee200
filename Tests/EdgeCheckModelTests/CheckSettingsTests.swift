import Foundation
import Testing
import Yams
@testable import EdgeCheckModel
@testable import EdgeCheckNet

/// The typed accessors every kind reads its keys with.
@Suite struct CheckSettingsTests {
    func settings(_ yaml: String) throws -> CheckSettings {
        let node = try #require(try Yams.compose(yaml: yaml))
        return CheckSettings(mapping: node, file: "front.yaml", directory: URL(fileURLWithPath: "/srv/suites"),
                             target: URL(string: "https://www.edgecheck.test:8443"), keyPath: "checks[0]")
    }

    /// The error `read` throws, as the command line prints it.
    func failure(_ read: () throws -> Void) -> String? {
        do {
            try read()
            return nil
        } catch let error as SuiteError {
            return error.description
        } catch {
            return "not a SuiteError: \(error)"
        }
    }

    @Test func absentKeysAreNil() throws {
        let settings = try settings("kind: exec")
        #expect(try settings.string("url") == nil)
        #expect(try settings.duration("interval") == nil)
        #expect(try settings.stringList("args") == nil)
        #expect(!settings.has("url"))
        #expect(settings.has("kind"))
    }

    @Test func requiredNamesTheMissingKeyAtTheMapping() throws {
        let settings = try settings("kind: exec\nargs: []\n")
        #expect(failure { _ = try settings.required(try settings.string("command"), "command") }
                == "front.yaml:1: checks[0].command: missing required key")
    }

    @Test func errorsPointAtTheKeyLineEvenForABlockValue() throws {
        let settings = try settings("kind: exec\nargs:\n  - a\n  - [b]\n")
        #expect(settings.line(of: "args") == 2)
        #expect(failure { _ = try settings.stringList("args") }
                == "front.yaml:4: checks[0].args[1]: expected a single value, found a list")
    }

    @Test func wholeNumbersWithinARange() throws {
        let settings = try settings("lookups: 5\nsamples: 0\nport: 8x\n")
        #expect(try settings.int("lookups", in: 1...100) == 5)
        #expect(failure { _ = try settings.int("samples", in: 1...1000) }
                == "front.yaml:2: checks[0].samples: 0 is out of range 1...1000")
        #expect(failure { _ = try settings.int("port") }
                == "front.yaml:3: checks[0].port: expected a whole number, found '8x'")
    }

    @Test func booleansInTheirYAMLSpellings() throws {
        let settings = try settings("a: yes\nb: Off\nc: TRUE\nd: maybe\n")
        #expect(try settings.bool("a") == true)
        #expect(try settings.bool("b") == false)
        #expect(try settings.bool("c") == true)
        #expect(failure { _ = try settings.bool("d") }
                == "front.yaml:4: checks[0].d: expected true or false, found 'maybe'")
    }

    @Test func urlErrorsExplainTheProblem() throws {
        let settings = try settings("url: http:///canary\n")
        #expect(failure { _ = try settings.url("url") }
                == "front.yaml:1: checks[0].url: 'http:///canary' has no host")
    }

    @Test func ipRefusesBlocksEvenOfOneAddress() throws {
        let settings = try settings("a: 2001:DB8::1\nb: 127.0.99.7/32\n")
        #expect(try settings.ip("a") == "2001:db8::1")
        #expect(failure { _ = try settings.ip("b") }
                == "front.yaml:2: checks[0].b: '127.0.99.7/32' is not an IP address")
    }

    @Test func addressRangesPointAtTheBadItem() throws {
        let settings = try settings("expect:\n  - 127.0.10.1\n  - 127.0.10.0/24\n  - 127.0.10\n")
        #expect(failure { _ = try settings.addressRanges("expect") }
                == "front.yaml:4: checks[0].expect[2]: '127.0.10' is not an IP address or CIDR block")
        let good = try self.settings("expect: [127.0.10.1, 127.0.10.0/24]")
        #expect(try good.addressRanges("expect")?.map(\.description) == ["127.0.10.1", "127.0.10.0/24"])
    }

    @Test func pathsAreMadeAbsoluteAgainstTheSuiteFolder() throws {
        let settings = try settings("a: plugins/check\nb: ../pki/ca.pem\nc: /usr/bin/true\n")
        #expect(try settings.path("a") == "/srv/suites/plugins/check")
        #expect(try settings.path("b") == "/srv/pki/ca.pem")
        #expect(try settings.path("c") == "/usr/bin/true")
    }

    @Test func stringMapKeepsFileOrder() throws {
        let settings = try settings("env:\n  B: 2\n  A: one\n")
        let pairs = try #require(try settings.stringMap("env"))
        #expect(pairs.map(\.key) == ["B", "A"])
        #expect(pairs.map(\.value) == ["2", "one"])
        #expect(failure { _ = try self.settings("env: [A]").stringMap("env") }
                == "front.yaml:1: checks[0].env: expected a mapping, found a list")
    }

    @Test func mappingListRejectsUnknownKeysInside() throws {
        let settings = try settings("hops:\n  - name: nlb\n    url: https://www.edgecheck.test:8443\n  - name: alb\n    urls: x\n")
        #expect(failure { _ = try settings.mappingList("hops", allowedKeys: ["name", "url"]) }
                == "front.yaml:5: checks[0].hops[1].urls: unknown key 'urls'; did you mean 'url'?")
    }

    @Test func durationMapNamesTheBadEntry() throws {
        let settings = try settings("budget:\n  tls-p50: 50ms\n  total-max: 1\n")
        #expect(failure { _ = try settings.durationMap("budget") }
                == "front.yaml:3: checks[0].budget.total-max: '1' is not a duration (write 250ms, 5s, 1.5s or 2m)")
    }
}
