/// Placeholder: replaced by the work that builds the `tls-timing` kind.
public struct TLSTimingCheck: Check {
    public static let description = CheckDescription(kind: "tls-timing", summary: "(not built yet)", keys: [])

    public init(settings: CheckSettings) throws(SuiteError) {}

    public func run(in context: CheckContext) async -> CheckOutcome {
        .error("the tls-timing kind is not built yet")
    }
}
