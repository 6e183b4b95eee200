/// Placeholder: replaced by the work that builds the `redirect` kind.
public struct RedirectCheck: Check {
    public static let description = CheckDescription(kind: "redirect", summary: "(not built yet)", keys: [])

    public init(settings: CheckSettings) throws(SuiteError) {}

    public func run(in context: CheckContext) async -> CheckOutcome {
        .error("the redirect kind is not built yet")
    }
}
