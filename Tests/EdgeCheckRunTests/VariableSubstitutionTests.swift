import Testing
@testable import EdgeCheckRun
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
@testable import EdgeCheckReport
import EdgeCheckTestSupport

@Suite struct VariableSubstitutionTests {
    let substitution = VariableSubstitution(variables: ["HOST": "cli.test", "EMPTY": ""],
                                            environment: ["HOST": "env.test", "PORT": "8443"])

    @Test func varBeatsTheEnvironment() throws {
        #expect(try substitution.substitute("https://${HOST}:${PORT}/") == "https://cli.test:8443/")
    }

    @Test func fallbackOnlyWhenUndefinedOrEmpty() throws {
        #expect(try substitution.substitute("${MISSING:-none}") == "none")
        #expect(try substitution.substitute("${EMPTY:-none}") == "none")
        #expect(try substitution.substitute("${HOST:-none}") == "cli.test")
        #expect(try substitution.substitute("${MISSING:-}") == "")
        #expect(try substitution.substitute("${MISSING:-a b:c}") == "a b:c")
    }

    @Test func emptyValueWithoutFallbackIsEmpty() throws {
        #expect(try substitution.substitute("[${EMPTY}]") == "[]")
    }

    @Test func undefinedWithoutFallbackIsAnError() {
        #expect(throws: VariableSubstitution.Failure(message:
            "undefined variable 'MISSING' (set it with --var MISSING=VALUE or in the environment, or write ${MISSING:-fallback})")) {
            try substitution.substitute("x${MISSING}y")
        }
    }

    @Test func doubleDollarIsALiteralDollar() throws {
        #expect(try substitution.substitute("$${HOST}") == "${HOST}")
        #expect(try substitution.substitute("cost: $$5") == "cost: $5")
        #expect(try substitution.substitute("$$$${HOST}") == "$${HOST}")
    }

    @Test func aLoneDollarIsKept() throws {
        #expect(try substitution.substitute("$HOME and 5$ and $") == "$HOME and 5$ and $")
    }

    @Test func fallbackIsNotSubstitutedAgain() throws {
        #expect(try substitution.substitute("${MISSING:-$HOST}") == "$HOST")
    }

    @Test func unterminatedReferenceIsAnError() {
        #expect(throws: VariableSubstitution.Failure(message: "'${' without a closing '}' in 'a${HOST' (write $${ for a literal ${)")) {
            try substitution.substitute("a${HOST")
        }
    }

    @Test(arguments: ["${}", "${1X}", "${A-B}", "${A B}", "${:-x}"])
    func badNamesAreErrors(_ text: String) {
        let reference = String(text.dropFirst(2).dropLast())
        #expect(throws: VariableSubstitution.Failure(message:
            "'${\(reference)}' is not a variable reference (write ${NAME} or ${NAME:-fallback})")) {
            try substitution.substitute(text)
        }
    }
}
