import Foundation
import Testing
@testable import EdgeCheckRun
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
@testable import EdgeCheckReport
import EdgeCheckTestSupport

/// Suite files as users write them, and the exact error each mistake produces.
@Suite struct SuiteLoaderTests {
    static let directory = URL(fileURLWithPath: "/srv/suites")

    func load(_ yaml: String, options: LoadOptions = LoadOptions()) throws(SuiteError) -> Suite {
        try SuiteLoader.parse(yaml: yaml, file: "front.yaml", directory: Self.directory, options: options)
    }

    /// The error `yaml` produces, as the command line prints it (`file:line: key: message`).
    func failure(_ yaml: String, options: LoadOptions = LoadOptions()) -> String? {
        do {
            _ = try load(yaml, options: options)
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: A valid suite

    @Test func readsNameTargetAndChecks() throws {
        let suite = try load("""
            name: verify-ingress
            target: https://www.edgecheck.test:8443
            checks:
              - id: plugin
                kind: exec
                command: /usr/bin/true
                description: the first one
            """)
        #expect(suite.name == "verify-ingress")
        #expect(suite.file == "front.yaml")
        #expect(suite.target?.absoluteString == "https://www.edgecheck.test:8443")
        #expect(suite.directory == Self.directory)
        #expect(suite.checks.map(\.id) == ["plugin"])
        #expect(suite.checks.map(\.kind) == ["exec"])
        #expect(suite.checks[0].common.description == "the first one")
    }

    @Test func nameDefaultsToTheFileNameWithoutExtension() throws {
        let suite = try SuiteLoader.parse(yaml: "checks: [{kind: exec, command: /usr/bin/true}]", file: "suites/verify-ingress.yaml",
                                          directory: Self.directory, options: LoadOptions())
        #expect(suite.name == "verify-ingress")
        #expect(suite.target == nil)
    }

    @Test func idsDefaultToTheKindThenNumbered() throws {
        let suite = try load("""
            checks:
              - kind: exec
                command: /usr/bin/true
              - kind: static-ip
                host: www.edgecheck.test
                expect: [127.0.10.1]
              - kind: exec
                command: /usr/bin/true
              - kind: exec
                command: /usr/bin/true
            """)
        #expect(suite.checks.map(\.id) == ["exec", "static-ip", "exec-2", "exec-3"])
    }

    @Test func madeIdsStepAroundExplicitOnes() throws {
        let suite = try load("""
            checks:
              - kind: exec
                command: /usr/bin/true
              - kind: exec
                command: /usr/bin/true
                id: exec-2
              - kind: exec
                command: /usr/bin/true
            """)
        #expect(suite.checks.map(\.id) == ["exec", "exec-2", "exec-3"])
    }

    @Test func commonSettingsHaveTheirDefaults() throws {
        let common = try load("checks: [{kind: exec, command: /usr/bin/true}]").checks[0].common
        #expect(common.timeout == .seconds(5))
        #expect(common.dnsServers == [.system])
        #expect(common.bind == nil)
        #expect(common.caFile == nil)
        #expect(common.severity == .fail)
        #expect(common.description == nil)
    }

    @Test func commonKeysAreRead() throws {
        let common = try load("""
            checks:
              - kind: exec
                command: /usr/bin/true
                timeout: 250ms
                dns-servers: [127.0.53.1:10053, "[::1]:53", system]
                bind: 127.0.99.7
                ca-file: /etc/ssl/certs
                severity: warn
            """.replacingOccurrences(of: "/etc/ssl/certs", with: Self.existingFile)).checks[0].common
        #expect(common.timeout == .milliseconds(250))
        #expect(common.dnsServers == [.address(host: "127.0.53.1", port: 10053), .address(host: "::1", port: 53), .system])
        #expect(common.bind == "127.0.99.7")
        #expect(common.caFile == Self.existingFile)
        #expect(common.severity == .warn)
    }

    /// A file every test machine has, for keys that must name an existing file.
    static let existingFile = "/etc/hostname"

    // MARK: Precedence: check, then defaults, then the command line

    @Test func checkKeyBeatsDefaultsBeatsCommandLine() throws {
        let suite = try load("""
            defaults:
              timeout: 2s
              severity: warn
              description: from defaults
            checks:
              - kind: exec
                command: /usr/bin/true
                timeout: 1s
              - kind: exec
                command: /usr/bin/true
                severity: fail
            """, options: LoadOptions(timeout: .seconds(9)))
        #expect(suite.checks.map(\.common.timeout) == [.seconds(1), .seconds(2)])
        #expect(suite.checks.map(\.common.severity) == [.warn, .fail])
        #expect(suite.checks.map(\.common.description) == ["from defaults", "from defaults"])
    }

    @Test func commandLineTimeoutIsTheLastDefault() throws {
        let suite = try load("checks: [{kind: exec, command: /usr/bin/true}]", options: LoadOptions(timeout: .seconds(9)))
        #expect(suite.checks[0].common.timeout == .seconds(9))
    }

    @Test func commandLineResolversOverrideEverySuite() throws {
        let yaml = """
            defaults:
              dns-servers: [127.0.53.2:10053]
            checks:
              - kind: exec
                command: /usr/bin/true
                dns-servers: [127.0.53.3:10053]
              - kind: exec
                command: /usr/bin/true
            """
        let fromSuite = try load(yaml)
        #expect(fromSuite.checks.map(\.common.dnsServers) == [[.address(host: "127.0.53.3", port: 10053)],
                                                              [.address(host: "127.0.53.2", port: 10053)]])
        let overridden = try load(yaml, options: LoadOptions(dnsServers: [.address(host: "127.0.53.1", port: 10053)]))
        #expect(overridden.checks.map(\.common.dnsServers) == [[.address(host: "127.0.53.1", port: 10053)],
                                                               [.address(host: "127.0.53.1", port: 10053)]])
    }

    @Test func commandLineBindAndCAFileOverrideTheSuite() throws {
        let yaml = """
            checks:
              - kind: exec
                command: /usr/bin/true
                bind: 127.0.99.7
                ca-file: \(Self.existingFile)
            """
        let common = try load(yaml, options: LoadOptions(bind: "127.0.99.8", caFile: "/cli/ca.pem")).checks[0].common
        #expect(common.bind == "127.0.99.8")
        #expect(common.caFile == "/cli/ca.pem")
    }

    @Test func suiteValuesAreStillCheckedWhenTheCommandLineOverridesThem() {
        #expect(failure("""
            checks:
              - kind: exec
                dns-servers: [nowhere]
            """, options: LoadOptions(dnsServers: [.system]))
            == "front.yaml:3: checks[0].dns-servers[0]: 'nowhere' is not a resolver (write system, IP, IP:PORT or [IPv6]:PORT)")
    }

    // MARK: Variables

    @Test func varBeatsTheEnvironmentAndFallbacksFillTheRest() throws {
        let suite = try load("""
            name: ${NAME}
            target: https://${HOST}:${PORT:-8443}
            checks:
              - kind: exec
                command: /usr/bin/true
                description: ${NOTE:-no note}
            """, options: LoadOptions(variables: ["HOST": "www.edgecheck.test"],
                                      environment: ["HOST": "wrong.test", "NAME": "from-env"]))
        #expect(suite.name == "from-env")
        #expect(suite.target?.absoluteString == "https://www.edgecheck.test:8443")
        #expect(suite.checks[0].common.description == "no note")
    }

    @Test func substitutedValuesAreValidatedAfterwards() {
        #expect(failure("checks:\n  - kind: exec\n    timeout: ${T}\n", options: LoadOptions(variables: ["T": "5"]))
                == "front.yaml:3: checks[0].timeout: '5' is not a duration (write 250ms, 5s, 1.5s or 2m)")
    }

    @Test func undefinedVariableNamesItsLineAndKey() {
        #expect(failure("""
            target: https://www.edgecheck.test
            checks:
              - kind: exec
                dns-servers: [system, "${RESOLVER}"]
            """) == "front.yaml:4: checks[0].dns-servers[1]: undefined variable 'RESOLVER' "
                + "(set it with --var RESOLVER=VALUE or in the environment, or write ${RESOLVER:-fallback})")
    }

    @Test func aVariableNeverBecomesAList() {
        #expect(failure("checks:\n  - kind: exec\n    dns-servers: ${RESOLVERS}\n",
                        options: LoadOptions(variables: ["RESOLVERS": "[system]"]))
                == "front.yaml:3: checks[0].dns-servers: expected a list, found '[system]'")
    }

    @Test func doubleDollarKeepsALiteralReference() throws {
        let suite = try load("checks:\n  - kind: exec\n    command: /usr/bin/true\n    description: costs $$5, see $${HOME}\n")
        #expect(suite.checks[0].common.description == "costs $5, see ${HOME}")
    }

    // MARK: Paths

    @Test func relativePathsAreResolvedAgainstTheSuiteFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("suite-loader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("suites"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("pki"), withIntermediateDirectories: true)
        try "PEM".write(to: root.appendingPathComponent("pki/ca.pem"), atomically: true, encoding: .utf8)
        try "PEM".write(to: root.appendingPathComponent("suites/local.pem"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("suites/plugins"), withIntermediateDirectories: true)
        let plugin = root.appendingPathComponent("suites/plugins/check_ok")
        try "#!/bin/sh\necho OK\n".write(to: plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin.path)
        let file = root.appendingPathComponent("suites/front.yaml")
        try """
            defaults:
              ca-file: local.pem
            checks:
              - kind: exec
                command: plugins/check_ok
                ca-file: ../pki/ca.pem
              - kind: exec
                command: /usr/bin/true
            """.write(to: file, atomically: true, encoding: .utf8)

        let suite = try SuiteLoader.load(path: file.path, options: LoadOptions())
        #expect(suite.name == "front")
        #expect(suite.file == file.path)
        #expect(suite.directory.path == root.appendingPathComponent("suites").path)
        #expect(suite.checks.map(\.common.caFile) == [root.appendingPathComponent("pki/ca.pem").path,
                                                      root.appendingPathComponent("suites/local.pem").path])
        #expect((suite.checks[0].check as? ExecCheck)?.command == plugin.path)
    }

    @Test func missingCAFileIsAnError() {
        #expect(failure("checks:\n  - kind: exec\n    ca-file: pki/none.pem\n")
                == "front.yaml:3: checks[0].ca-file: no such file '/srv/suites/pki/none.pem'")
    }

    @Test func unreadableFileIsAnError() {
        #expect(throws: SuiteError(file: "/nonexistent/front.yaml", line: nil, key: "", message: "cannot read: no such file")) {
            try SuiteLoader.load(path: "/nonexistent/front.yaml", options: LoadOptions())
        }
        #expect(throws: SuiteError(file: "/tmp", line: nil, key: "", message: "cannot read: it is a folder, not a file")) {
            try SuiteLoader.load(path: "/tmp", options: LoadOptions())
        }
    }

    @Test func fileThatIsNotUTF8IsAnError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: file)
        #expect(throws: SuiteError(file: file.path, line: nil, key: "", message: "cannot read: the file is not UTF-8 text")) {
            try SuiteLoader.load(path: file.path, options: LoadOptions())
        }
    }

    // MARK: Every bad input of the contract, with its exact message and line

    @Test func unknownKeySuggestsTheNearestValidKey() {
        #expect(failure("""
            checks:
              - kind: exec
                timout: 5s
            """) == "front.yaml:3: checks[0].timout: unknown key 'timout'; did you mean 'timeout'?")
    }

    @Test func unknownKeyOfAKindSuggestsTheKindsKey() {
        #expect(failure("""
            checks:
              - kind: exec
                command: /usr/bin/true
                arg: [-w, "80"]
            """) == "front.yaml:4: checks[0].arg: unknown key 'arg'; did you mean 'args'?")
    }

    @Test func misspeltLookupsSuggestsTheStaticIPKey() {
        #expect(failure("""
            target: https://www.edgecheck.test:8443
            checks:
              - kind: static-ip
                expect: [127.0.10.1, 127.0.10.2]
                lookup: 3
            """) == "front.yaml:5: checks[0].lookup: unknown key 'lookup'; did you mean 'lookups'?")
    }

    @Test func aKindsKeysAreNotCommonKeys() {
        #expect(failure("defaults:\n  command: /usr/bin/true\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:2: defaults.command: unknown key 'command'; valid keys: description, timeout, dns-servers, bind, ca-file, severity, proxy")
    }

    @Test func aKindsOwnErrorsKeepTheirPlace() {
        #expect(failure("""
            checks:
              - kind: exec
                command: /usr/bin/true
              - kind: exec
                command: plugins/none
            """) == "front.yaml:5: checks[1].command: '/srv/suites/plugins/none' does not exist")
        #expect(failure("checks:\n  - kind: exec\n    command: /usr/bin/true\n    args: -w\n")
                == "front.yaml:4: checks[0].args: expected a list, found '-w'")
    }

    @Test func unknownKeyFarFromAnyListsTheValidKeys() {
        #expect(failure("checks:\n  - kind: exec\n    colour: red\n")?
            .hasPrefix("front.yaml:3: checks[0].colour: unknown key 'colour'; valid keys: id, kind, description, timeout,") == true)
    }

    @Test func unknownTopLevelKeySuggestsTheNearest() {
        #expect(failure("check:\n  - kind: exec\n") == "front.yaml:1: check: unknown key 'check'; did you mean 'checks'?")
        #expect(failure("checks: [{kind: exec, command: /usr/bin/true}]\ndefault:\n  timeout: 1s\n")
                == "front.yaml:2: default: unknown key 'default'; did you mean 'defaults'?")
    }

    @Test func wrongTypeSaysWhatWasExpectedAndFound() {
        #expect(failure("checks:\n  - kind: exec\n    timeout: [5s]\n")
                == "front.yaml:3: checks[0].timeout: expected a duration (250ms, 5s, 1.5s or 2m), found a list")
        #expect(failure("checks:\n  - kind: exec\n    dns-servers: system\n")
                == "front.yaml:3: checks[0].dns-servers: expected a list, found 'system'")
        #expect(failure("checks:\n  - kind: exec\n    description:\n      text: x\n")
                == "front.yaml:3: checks[0].description: expected a string, found a mapping")
        #expect(failure("checks:\n  - kind: exec\n    severity: error\n")
                == "front.yaml:3: checks[0].severity: 'error' is not one of fail, warn")
    }

    @Test(arguments: ["5", "\"5\"", "'5'", "5 s", "-1s", "five"])
    func durationWithoutAUnitIsAnError(_ value: String) {
        let shown = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        #expect(failure("checks:\n  - kind: exec\n    timeout: \(value)\n")
                == "front.yaml:3: checks[0].timeout: '\(shown)' is not a duration (write 250ms, 5s, 1.5s or 2m)")
    }

    @Test func zeroTimeoutIsAnError() {
        #expect(failure("defaults:\n  timeout: 0s\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:2: defaults.timeout: expected a duration longer than zero, found '0s'")
    }

    @Test func badIPIsAnError() {
        #expect(failure("checks:\n  - kind: exec\n    bind: 127.0.99\n")
                == "front.yaml:3: checks[0].bind: '127.0.99' is not an IP address")
        #expect(failure("checks:\n  - kind: exec\n    bind: 127.0.99.0/24\n")
                == "front.yaml:3: checks[0].bind: '127.0.99.0/24' is not an IP address")
    }

    @Test func badResolverIsAnErrorAtItsItem() {
        #expect(failure("""
            defaults:
              dns-servers:
                - system
                - 127.0.53.1:99999
            checks: [{kind: exec, command: /usr/bin/true}]
            """) == "front.yaml:4: defaults.dns-servers[1]: '127.0.53.1:99999' is not a resolver (write system, IP, IP:PORT or [IPv6]:PORT)")
        #expect(failure("defaults:\n  dns-servers: []\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:2: defaults.dns-servers: expected at least one resolver, found an empty list (write [system] for the machine's own)")
    }

    @Test func badURLIsAnError() {
        #expect(failure("target: www.edgecheck.test\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:1: target: 'www.edgecheck.test' is not an absolute URL (write https://www.edgecheck.test)")
        #expect(failure("target: ftp://www.edgecheck.test\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:1: target: 'ftp://www.edgecheck.test' has scheme 'ftp'; expected http or https")
    }

    @Test func duplicateIdNamesBothLines() {
        #expect(failure("""
            checks:
              - id: plugin
                kind: exec
                command: /usr/bin/true
              - {kind: exec, command: /usr/bin/true}
              - id: plugin
                kind: exec
            """) == "front.yaml:6: checks[2].id: duplicate id 'plugin': checks[0] at line 2 has it too")
    }

    @Test func emptyOrMissingChecksIsAnError() {
        #expect(failure("name: x\nchecks: []\n") == "front.yaml:2: checks: expected at least one check, found an empty list")
        #expect(failure("name: x\nchecks:\n") == "front.yaml:2: checks: expected a list of checks, found nothing")
        #expect(failure("name: x\n") == "front.yaml:1: checks: missing required key; list at least one check")
        #expect(failure("checks: exec\n") == "front.yaml:1: checks: expected a list of checks, found 'exec'")
    }

    @Test func yamlSyntaxErrorNamesTheLineYamsReports() {
        #expect(failure("checks:\n  - kind: exec\n    timeout: [5s\n")
                == "front.yaml:4: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 3)")
        #expect(failure("name: x\n  target: y\nchecks: []\n")
                == "front.yaml:2: invalid YAML: mapping values are not allowed in this context")
    }

    @Test func yamlMistakesPeopleMakeGetPlainWords() {
        #expect(failure("checks:\n\t- kind: exec\n")
                == "front.yaml:2: invalid YAML: found character that cannot start any token (while scanning for the next token); indent with spaces, not tabs")
        #expect(failure("checks: [{kind: exec, command: /usr/bin/true}]\n---\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:2: invalid YAML: a suite is one document, found a second one after '---'")
        #expect(failure("name: \"verify\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:3: invalid YAML: found unexpected end of stream (while scanning a quoted scalar that starts at line 1)")
        #expect(failure("name: a\u{7}b\nchecks: [{kind: exec, command: /usr/bin/true}]\n") == "front.yaml:1: invalid YAML: control characters are not allowed")
    }

    @Test func duplicateKeyIsAnErrorAtItsSecondLine() {
        #expect(failure("""
            checks:
              - kind: exec
                timeout: 1s
                timeout: 2s
            """) == "front.yaml:4: timeout: key appears more than once in the same mapping (first at line 3)")
    }

    @Test func unknownKindSuggestsTheNearest() {
        #expect(failure("checks:\n  - kind: static_ip\n") == "front.yaml:2: checks[0].kind: unknown kind 'static_ip'; did you mean 'static-ip'?")
        #expect(failure("checks:\n  - kind: ping\n")
                == "front.yaml:2: checks[0].kind: unknown kind 'ping'; known kinds: static-ip, certificate, redirect, xff-echo, tls-timing, proxy-protocol, exec")
    }

    @Test func missingKindIsAnErrorAtTheEntry() {
        #expect(failure("checks:\n  - id: a\n    timeout: 1s\n") == "front.yaml:2: checks[0].kind: missing required key")
    }

    @Test func entryThatIsNotAMappingIsAnError() {
        #expect(failure("checks:\n  - exec\n") == "front.yaml:2: checks[0]: expected a mapping with at least 'kind', found 'exec'")
    }

    @Test func emptyFileOrTopLevelOtherThanAMappingIsAnError() {
        #expect(failure("") == "front.yaml:1: the suite is empty; expected a mapping with a 'checks' list")
        #expect(failure("# only a comment\n") == "front.yaml:1: the suite is empty; expected a mapping with a 'checks' list")
        #expect(failure("- kind: exec\n") == "front.yaml:1: expected a mapping with keys name, target, defaults, checks, found a list")
    }

    @Test func defaultsTakeOnlyCommonKeys() {
        #expect(failure("defaults:\n  id: x\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:2: defaults.id: 'id' cannot be a default; each check sets its own")
        #expect(failure("defaults:\n  lookups: 3\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:2: defaults.lookups: unknown key 'lookups'; valid keys: description, timeout, dns-servers, bind, ca-file, severity, proxy")
        #expect(failure("defaults: [timeout]\nchecks: [{kind: exec, command: /usr/bin/true}]\n")
                == "front.yaml:1: defaults: expected a mapping of common keys, found a list")
    }

    @Test func emptyIdOrNameIsAnError() {
        #expect(failure("checks:\n  - kind: exec\n    id: ''\n") == "front.yaml:3: checks[0].id: expected an id, found nothing")
        #expect(failure("name: ''\nchecks: [{kind: exec, command: /usr/bin/true}]\n") == "front.yaml:1: name: expected a suite name, found nothing")
    }

    @Test func anchorsAndAliasesCanShareValues() throws {
        let suite = try load("""
            checks:
              - kind: exec
                command: /usr/bin/true
                dns-servers: &lab [127.0.53.1:10053, 127.0.53.2:10053]
              - kind: exec
                command: /usr/bin/true
                dns-servers: *lab
            """)
        #expect(suite.checks[1].common.dnsServers == [.address(host: "127.0.53.1", port: 10053),
                                                      .address(host: "127.0.53.2", port: 10053)])
    }

    @Test func mergeKeysAreRefusedWithAPointerToDefaults() {
        #expect(failure("""
            checks:
              - &base
                kind: exec
                command: /usr/bin/true
              - <<: *base
                id: second
            """) == "front.yaml:5: checks[1].<<: YAML merge keys are not supported; put shared keys in 'defaults'")
    }

    @Test func yamlTypesDoNotChangeTheText() throws {
        let suite = try load("checks:\n  - kind: exec\n    command: /usr/bin/true\n    id: 0x10\n    description: on\n")
        #expect(suite.checks[0].id == "0x10")
        #expect(suite.checks[0].common.description == "on")
    }

    @Test func errorCarriesFileLineAndKeySeparately() {
        #expect(throws: SuiteError(file: "front.yaml", line: 3, key: "checks[0].timeout",
                                   message: "'5' is not a duration (write 250ms, 5s, 1.5s or 2m)")) {
            try load("checks:\n  - kind: exec\n    timeout: 5\n")
        }
    }
}
