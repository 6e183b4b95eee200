/// Placeholder: replaced by the work that builds the `static-ip` kind.
public struct StaticIPCheck: Check {
    public static let description = CheckDescription(kind: "static-ip", summary: "(not built yet)", keys: [])

    public init(settings: CheckSettings) throws(SuiteError) {}

    public func run(in context: CheckContext) async -> CheckOutcome {
        .error("the static-ip kind is not built yet")
    }
}
