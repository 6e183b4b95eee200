extension CheckResult {
    /// Each subject the check fanned out over, once, in report order, with the worst status of
    /// the findings naming it (`pass` when none does): what JUnit's `ID [SUBJECT]` testcases,
    /// the `edgecheck_subject_success` series and `watch`'s change lines show.
    public var subjectStatuses: [(subject: String, status: CheckStatus)] {
        var seen: Set<String> = []
        var statuses: [(subject: String, status: CheckStatus)] = []
        for subject in subjects where seen.insert(subject).inserted {
            statuses.append((subject, CheckStatus.worst(findings.filter { $0.subject == subject }.map(\.status))))
        }
        return statuses
    }

    /// The kind's extra presentation, when its data offers one.
    public var presentation: (any CheckPresentation)? { data as? any CheckPresentation }
}
