/// Placeholder: replaced by the work that builds the `exec` kind.
public struct ExecCheck: Check {
    public static let description = CheckDescription(kind: "exec", summary: "(not built yet)", keys: [])

    public init(settings: CheckSettings) throws(SuiteError) {}

    public func run(in context: CheckContext) async -> CheckOutcome {
        .error("the exec kind is not built yet")
    }
}
