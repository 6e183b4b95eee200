import EdgeCheckModel

/// Every report format by its `--format` identifier.
public enum ReporterRegistry {
    /// The identifiers `--format` accepts, in the order help text lists them.
    public static let identifiers: [String] = [
        TableReporter.identifier,
        JSONReporter.identifier,
        JUnitReporter.identifier,
        TAPReporter.identifier,
        GitHubReporter.identifier,
        HTMLReporter.identifier,
        PrometheusReporter.identifier,
    ]

    /// The reporter for `identifier`, or nil when there is none: the caller turns that into a
    /// validation error naming the valid identifiers.
    public static func reporter(for identifier: String, options: ReporterOptions = ReporterOptions()) -> (any Reporter)? {
        switch identifier {
        case TableReporter.identifier:
            TableReporter(colors: options.colors, verbose: options.verbose, width: options.width)
        case JSONReporter.identifier:
            JSONReporter()
        case JUnitReporter.identifier:
            JUnitReporter()
        case TAPReporter.identifier:
            TAPReporter()
        case GitHubReporter.identifier:
            GitHubReporter()
        case HTMLReporter.identifier:
            HTMLReporter()
        case PrometheusReporter.identifier:
            PrometheusReporter()
        default:
            nil
        }
    }
}
