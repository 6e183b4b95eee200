import Foundation
import Testing
@testable import EdgeCheckRun
@testable import EdgeCheckModel

/// Which substituted values are secrets: all of a plugin's `args` and `env`, a URL's query and
/// fragment; never the target a URL names.
@Suite struct SecretNamesTests {
    @Test func pluginArgumentsAndEnvironmentAreSecretWhole() {
        #expect(VariableSubstitution.secretNames(keyPath: "checks[0].args[1]", raw: "--password=${PW}", value: "--password=x")
                == ["PW"])
        #expect(VariableSubstitution.secretNames(keyPath: "checks[0].env.TOKEN", raw: "${TOKEN}", value: "x") == ["TOKEN"])
    }

    @Test func inAURLOnlyTheQueryAndFragmentAreSecret() {
        #expect(VariableSubstitution.secretNames(keyPath: "checks[1].url", raw: "https://${HOST}/canary?token=${TOKEN}#${F}",
                                                 value: "https://h/canary?token=t#f") == ["TOKEN", "F"])
        #expect(VariableSubstitution.secretNames(keyPath: "target", raw: "${TARGET}", value: "https://h/?q=1").isEmpty)
        #expect(VariableSubstitution.secretNames(keyPath: "checks[0].timeout", raw: "${T}", value: "5s").isEmpty)
    }

    @Test func aSuiteWithATargetVariableKeepsItsTargetReadable() throws {
        let suite = try SuiteLoader.parse(yaml: """
            target: ${TARGET}
            checks:
              - kind: redirect
                url: "http://www.edgecheck.test:8080/?key=${API_KEY}"
            """, file: "s.yaml", directory: URL(fileURLWithPath: "/tmp"),
            options: LoadOptions(environment: ["TARGET": "https://www.edgecheck.test:8443/", "API_KEY": "key-value-123"]))
        #expect(suite.secrets.secrets.map(\.name) == ["API_KEY"])
        #expect(suite.secrets.redact("GET http://www.edgecheck.test:8080/?key=key-value-123 for https://www.edgecheck.test:8443/")
                == "GET http://www.edgecheck.test:8080/?key=${API_KEY} for https://www.edgecheck.test:8443/")
    }
}
