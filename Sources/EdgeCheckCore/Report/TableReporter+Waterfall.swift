/// Extra lines the table shows under a check, drawn from its kind-specific data (the
/// `tls-timing` waterfall). Owned by the tls-timing work; the table reporter only calls it.
extension TableReporterExtras {
    /// Lines to print under `result`'s row (already indented by the caller), or none.
    static func lines(for result: CheckResult, colors: Bool) -> [String] {
        guard let data = result.data as? TLSTimingData else { return [] }
        return TimingWaterfall(data: data).lines(colors: colors)
    }
}

/// Namespace for per-kind table extras, so the table reporter does not know the kinds.
enum TableReporterExtras {}
