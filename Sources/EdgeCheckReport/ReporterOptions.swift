import EdgeCheckModel

/// How a reporter should render, as decided by the command line. Only the table uses these today;
/// the machine formats ignore them so that a CI file never depends on a terminal.
public struct ReporterOptions: Sendable, Equatable {
    /// ANSI colours per status (the CLI decides from `--color`, the TTY and `NO_COLOR`).
    public var colors: Bool
    /// Every finding and measurement under every row, not only the non-pass findings.
    public var verbose: Bool
    /// Terminal width to fit the table into; nil never truncates.
    public var width: Int?

    /// Options; the defaults are what a file or a pipe gets.
    public init(colors: Bool = false, verbose: Bool = false, width: Int? = nil) {
        self.colors = colors
        self.verbose = verbose
        self.width = width
    }
}
