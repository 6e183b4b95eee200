/// Parses suite durations: `250ms`, `5s`, `1.5s`, `2m`. A bare number has no unit and is rejected.
public enum DurationParser {
    public static func parse(_ text: String) -> Duration? {
        fatalError("DurationParser.parse: implemented by the suite work")
    }

    /// The shortest exact form, e.g. `1.5s`, `250ms`.
    public static func format(_ duration: Duration) -> String {
        fatalError("DurationParser.format: implemented by the suite work")
    }
}
