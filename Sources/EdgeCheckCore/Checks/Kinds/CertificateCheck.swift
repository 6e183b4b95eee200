/// Placeholder: replaced by the work that builds the `certificate` kind.
public struct CertificateCheck: Check {
    public static let description = CheckDescription(kind: "certificate", summary: "(not built yet)", keys: [])

    public init(settings: CheckSettings) throws(SuiteError) {}

    public func run(in context: CheckContext) async -> CheckOutcome {
        .error("the certificate kind is not built yet")
    }
}
