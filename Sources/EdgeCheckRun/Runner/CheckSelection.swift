import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// `--only` and `--skip`: which checks run. Checks that do not run are reported as `skip`.
public struct CheckSelection: Sendable, Equatable {
    /// When not empty, only these ids run.
    public var only: [String]
    /// These ids never run.
    public var skip: [String]

    public init(only: [String] = [], skip: [String] = []) {
        self.only = only
        self.skip = skip
    }

    /// Why the check with `id` does not run, or nil when it runs.
    public func skipReason(for id: String) -> String? {
        if skip.contains(id) { return "skipped by --skip" }
        if !only.isEmpty && !only.contains(id) { return "not selected by --only" }
        return nil
    }

    /// Rejects an id that no check of `suites` has: a misspelt `--only` would otherwise run
    /// nothing and pass. The error names the option and the nearest existing id.
    public func validate(against suites: [Suite]) throws(SuiteError) {
        let known = Array(Set(suites.flatMap { $0.checks.map(\.id) })).sorted()
        for (option, ids) in [("--only", only), ("--skip", skip)] {
            for id in ids where !known.contains(id) {
                var message = "no check has the id '\(id)'"
                if let nearest = KeySuggestion.nearest(to: id, in: known) {
                    message += "; did you mean '\(nearest)'?"
                } else if !known.isEmpty {
                    message += " (the ids are: \(known.joined(separator: ", ")))"
                }
                throw SuiteError(file: "", line: nil, key: option, message: message)
            }
        }
    }
}
