import Testing
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct KeySuggestionTests {
    let staticIPKeys = ["id", "kind", "description", "timeout", "dns-servers", "bind", "ca-file", "severity",
                        "host", "port", "expect", "lookups", "interval", "record-types", "probe"]

    @Test func suggestsTheKeyOneLetterAway() {
        #expect(KeySuggestion.nearest(to: "lookup", in: staticIPKeys) == "lookups")
        #expect(KeySuggestion.unknownKeyMessage("lookup", valid: staticIPKeys) == "unknown key 'lookup'; did you mean 'lookups'?")
    }

    @Test func readsUnderscoresAndCapitalsAsTheSameKey() {
        #expect(KeySuggestion.nearest(to: "ca_file", in: staticIPKeys) == "ca-file")
        #expect(KeySuggestion.nearest(to: "Timeout", in: staticIPKeys) == "timeout")
        #expect(KeySuggestion.nearest(to: "dns_server", in: staticIPKeys) == "dns-servers")
    }

    @Test func countsASwapAsOneMistake() {
        #expect(KeySuggestion.nearest(to: "tiemout", in: staticIPKeys) == "timeout")
        #expect(KeySuggestion.nearest(to: "recrod-types", in: staticIPKeys) == "record-types")
    }

    @Test func suggestsNothingForAFarName() {
        #expect(KeySuggestion.nearest(to: "colour", in: staticIPKeys) == nil)
        #expect(KeySuggestion.nearest(to: "xyz", in: staticIPKeys) == nil)
        #expect(KeySuggestion.unknownKeyMessage("colour", valid: ["id", "kind"]) == "unknown key 'colour'; valid keys: id, kind")
    }

    @Test func shortNamesAllowOnlyOneMistake() {
        #expect(KeySuggestion.nearest(to: "idd", in: staticIPKeys) == "id")
        #expect(KeySuggestion.nearest(to: "ix", in: ["url"]) == nil)
    }

    @Test func theFirstOfEquallyNearKeysWins() {
        #expect(KeySuggestion.nearest(to: "bost", in: ["host", "post"]) == "host")
        #expect(KeySuggestion.nearest(to: "bost", in: ["post", "host"]) == "post")
    }

    @Test func kindsGetTheSameHelp() {
        let kinds = ["static-ip", "certificate", "redirect", "xff-echo", "tls-timing", "exec"]
        #expect(KeySuggestion.unknownKindMessage("static_ip", valid: kinds) == "unknown kind 'static_ip'; did you mean 'static-ip'?")
        #expect(KeySuggestion.unknownKindMessage("ping", valid: kinds)
                == "unknown kind 'ping'; known kinds: static-ip, certificate, redirect, xff-echo, tls-timing, exec")
    }
}
