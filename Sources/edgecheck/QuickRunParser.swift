/// Reads the common shapes of an `edgecheck run` command line without swift-argument-parser.
///
/// Why: swift-argument-parser discovers a command's options by reflection, and in a statically
/// linked binary each of its first protocol-conformance look-ups scans every conformance record
/// of the process. That costs about 3 ms per start, as much as a whole TLS handshake on the
/// loopback, on the path of every CI probe and of the benchmark against curl.
///
/// The rule that keeps the two parsers from disagreeing: this one only accepts what it reads
/// without any doubt (known long options with a value in the next argument or after `=`, the
/// three flags, suite paths) and returns nil for everything else — help, `--version`, `--`,
/// bundled short flags, an option given twice, a value that looks like an option, an empty
/// value, a value that would not convert, or anything `RunInvocation.validate` rejects — so that
/// swift-argument-parser reads it and words the usage error. A test holds the two parsers to the
/// same `RunInvocation` over a corpus of command lines, and another reads swift-argument-parser's
/// own model of `run` (`--experimental-dump-help`) and fails when an option exists in one parser
/// and not the other, or differs in repeatability or default.
enum QuickRunParser {
    /// The invocation `arguments` (without the program name) asks for, or nil to leave it to
    /// swift-argument-parser. `recognised` runs once the line has read as a run and before it is
    /// validated: help and unknown options never reach it.
    static func invocation(_ arguments: [String], recognised: () -> Void = {}) -> RunInvocation? {
        guard arguments.first == "run" else { return nil }
        var invocation = RunInvocation()
        var seen: Set<String> = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                if argument.isEmpty { return nil }
                invocation.suites.append(argument)
                continue
            }
            var name = argument
            var value: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            if let flag = Flag(rawValue: name) {
                guard value == nil, seen.insert(flag.canonical).inserted else { return nil }
                flag.apply(to: &invocation)
                continue
            }
            guard let option = Option(rawValue: name) else { return nil }
            if value == nil {
                guard index < arguments.count else { return nil }
                value = arguments[index]
                index += 1
            }
            // "-" alone is stdout for a report, and a value to swift-argument-parser too.
            guard let value, !value.isEmpty, value == "-" || !value.hasPrefix("-") else { return nil }
            if !option.repeatable {
                guard seen.insert(option.rawValue).inserted else { return nil }
            }
            guard option.apply(value, to: &invocation) else { return nil }
        }
        recognised()
        guard (try? invocation.validate()) != nil else { return nil }
        return invocation
    }

    /// What this parser reads: each option or flag with its spellings (`--quiet`, `-q`) and
    /// whether it may repeat. A test holds it to swift-argument-parser's own model of `run`.
    static var grammar: [(names: Set<String>, isFlag: Bool, repeats: Bool)] {
        let flags = Dictionary(grouping: Flag.allCases, by: \.canonical).values.map { spellings in
            (names: Set(spellings.map(\.rawValue)), isFlag: true, repeats: false)
        }
        return flags + Option.allCases.map { (names: [$0.rawValue], isFlag: false, repeats: $0.repeatable) }
    }

    private enum Flag: String, CaseIterable {
        case strict = "--strict"
        case quiet = "--quiet", shortQuiet = "-q"
        case verbose = "--verbose", shortVerbose = "-v"

        /// One name per flag, so that `-q --quiet` counts as given twice.
        var canonical: String {
            switch self {
            case .strict: "strict"
            case .quiet, .shortQuiet: "quiet"
            case .verbose, .shortVerbose: "verbose"
            }
        }

        func apply(to invocation: inout RunInvocation) {
            switch self {
            case .strict: invocation.strict = true
            case .quiet, .shortQuiet: invocation.quiet = true
            case .verbose, .shortVerbose: invocation.verbose = true
            }
        }
    }

    private enum Option: String, CaseIterable {
        case format = "--format", output = "--output", junit = "--junit", json = "--json", html = "--html"
        case prometheus = "--prometheus"
        case only = "--only", skip = "--skip", jobs = "--jobs", color = "--color", target = "--target"
        case variable = "--var", dnsServer = "--dns-server", bind = "--bind", caFile = "--ca-file"
        case timeout = "--timeout", proxy = "--proxy"

        var repeatable: Bool {
            switch self {
            case .only, .skip, .variable, .dnsServer: true
            default: false
            }
        }

        /// Sets the value; false when it does not convert.
        func apply(_ value: String, to invocation: inout RunInvocation) -> Bool {
            switch self {
            case .format: invocation.format = value
            case .output: invocation.output = value
            case .junit: invocation.junit = value
            case .json: invocation.json = value
            case .html: invocation.html = value
            case .prometheus: invocation.prometheus = value
            case .only: invocation.only.append(value)
            case .skip: invocation.skip.append(value)
            case .jobs:
                guard let jobs = Int(value) else { return false }
                invocation.jobs = jobs
            case .color:
                guard let color = ColorChoice(rawValue: value) else { return false }
                invocation.color = color
            case .target: invocation.target = value
            case .variable: invocation.suiteArguments.variables.append(value)
            case .dnsServer: invocation.suiteArguments.dnsServers.append(value)
            case .bind: invocation.suiteArguments.bind = value
            case .caFile: invocation.suiteArguments.caFile = value
            case .timeout: invocation.suiteArguments.timeout = value
            case .proxy: invocation.suiteArguments.proxy = value
            }
            return true
        }
    }
}
