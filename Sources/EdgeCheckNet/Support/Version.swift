
/// The edgecheck version, reported by `--version` and in every report.
public enum EdgeCheckVersion {
    public static let current = "0.1.0"
}
