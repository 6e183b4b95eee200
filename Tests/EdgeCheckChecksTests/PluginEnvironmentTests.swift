import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct PluginEnvironmentTests {
    @Test func onlyTheBaseAndTheSuitesVariablesReachThePlugin() {
        let parent = ["PATH": "/opt/bin:/usr/bin", "HOME": "/home/ci", "AWS_SECRET_ACCESS_KEY": "hunter2",
                      "LANG": "en_GB.UTF-8"]
        let env = PluginEnvironment.make(parent: parent, extra: [("TOKEN", "abc"), ("LANG", "C")],
                                         target: URL(string: "https://www.edgecheck.test:8443"),
                                         timeout: .milliseconds(1500))
        #expect(env == ["PATH=/opt/bin:/usr/bin", "HOME=/home/ci", "LANG=C",
                        "EDGECHECK_TARGET=https://www.edgecheck.test:8443", "EDGECHECK_TIMEOUT=1.5", "TOKEN=abc"])
    }

    @Test func fallsBackToASafePathAndUTF8() {
        let env = PluginEnvironment.make(parent: [:], extra: [], target: nil, timeout: .seconds(5))
        #expect(env == ["PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "EDGECHECK_TIMEOUT=5"])
    }

    @Test func timeoutsAreSecondsWithAtMostThreeDecimals() {
        #expect(PluginEnvironment.seconds(.seconds(5)) == "5")
        #expect(PluginEnvironment.seconds(.milliseconds(1500)) == "1.5")
        #expect(PluginEnvironment.seconds(.milliseconds(250)) == "0.25")
        #expect(PluginEnvironment.seconds(.milliseconds(1005)) == "1.005")
        #expect(PluginEnvironment.seconds(.microseconds(2_000_400)) == "2")
        #expect(PluginEnvironment.seconds(.milliseconds(120_050)) == "120.05")
    }
}
