/// Placeholder: replaced by the work that builds the `xff-echo` kind.
public struct XFFEchoCheck: Check {
    public static let description = CheckDescription(kind: "xff-echo", summary: "(not built yet)", keys: [])

    public init(settings: CheckSettings) throws(SuiteError) {}

    public func run(in context: CheckContext) async -> CheckOutcome {
        .error("the xff-echo kind is not built yet")
    }
}
