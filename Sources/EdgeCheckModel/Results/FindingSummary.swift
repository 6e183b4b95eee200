import EdgeCheckNet

/// The one-line summary of a check that did not pass, built from its findings so that it names
/// the addresses (or resolvers) concerned and why.
public enum FindingSummary {
    /// The only finding's message when there is one; otherwise each class with the subjects it
    /// concerns, worst first, e.g. `refused on 127.0.10.2; missing-address on 127.0.10.9`.
    public static func line(for findings: [Finding], maxSubjects: Int = 3) -> String {
        let problems = findings.filter { $0.status != .pass && $0.status != .skip }
        if problems.count == 1 { return problems[0].message }
        var groups: [(status: CheckStatus, label: String, subjects: [String])] = []
        for finding in problems {
            let label = finding.failureClass?.rawValue ?? finding.status.rawValue
            if let index = groups.firstIndex(where: { $0.label == label }) {
                if !groups[index].subjects.contains(finding.subject) { groups[index].subjects.append(finding.subject) }
                if finding.status.severityRank > groups[index].status.severityRank { groups[index].status = finding.status }
            } else {
                groups.append((finding.status, label, [finding.subject]))
            }
        }
        // A stable sort keeps the check's own order within one severity.
        let ordered = groups.enumerated().sorted { lhs, rhs in
            if lhs.element.status.severityRank != rhs.element.status.severityRank {
                return lhs.element.status.severityRank > rhs.element.status.severityRank
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
        return ordered.map { group in
            "\(group.label) on \(list(group.subjects.filter { !$0.isEmpty }, max: maxSubjects))"
        }.joined(separator: "; ")
    }

    /// Which problem leads a headline.
    public enum Lead: Sendable {
        /// The first problem, in the check's own order.
        case first
        /// The first problem of the worst status.
        case worst
    }

    /// One problem's message, and how many more there are: `MESSAGE (and 2 more)`; nil when
    /// every finding passed or was skipped.
    public static func headline(for findings: [Finding], lead: Lead = .first) -> String? {
        let problems = findings.filter { $0.status != .pass && $0.status != .skip }
        let leading: Finding?
        switch lead {
        case .first: leading = problems.first
        case .worst: leading = problems.first { $0.status == CheckStatus.worst(problems.map(\.status)) }
        }
        guard let leading else { return nil }
        return problems.count == 1 ? leading.message : "\(leading.message) (and \(problems.count - 1) more)"
    }

    /// `a, b, c` or `a, b, c and 4 more`.
    public static func list(_ items: [String], max: Int = 3) -> String {
        guard items.count > max else { return items.joined(separator: ", ") }
        return items.prefix(max).joined(separator: ", ") + " and \(items.count - max) more"
    }

    /// `1 address`, `2 addresses`.
    public static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }
}
