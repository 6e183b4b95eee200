import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The `addresses` check of the built-in `--target` suite: `static-ip` with the addresses
/// resolved (through every resolver, `HostLookup.Policy.union`) when it starts as its `expect`
/// list. Not a kind of its own: it reports as `static-ip`, and suites cannot name it.
public struct ResolvedAddressesCheck: Check {
    public static var description: CheckDescription { StaticIPCheck.description }

    let target: URL

    /// Rounds of lookups after the first answer, and the pause between them. What repeated
    /// lookups catch here, resolvers that answer each query with a different subset of the
    /// addresses (rotation, multivalue answers, anycast nodes that disagree), does not depend on
    /// the pause, so five rounds take 0.6 s instead of a suite's 4 s (docs/target.md).
    static let lookups = 5
    static let interval = Duration.milliseconds(150)

    public init(target: URL) {
        self.target = target
    }

    public init(settings: CheckSettings) throws(SuiteError) {
        guard let target = settings.target else {
            throw settings.error("target", "the built-in address check needs a target")
        }
        self.target = target
    }

    public func run(in context: CheckContext) async -> CheckOutcome {
        let host = target.host ?? ""
        let answer = await context.addresses(of: host, policy: .union)
        if let failure = answer.failure {
            let message = "\(host): \(failure.message)"
            return CheckOutcome(summary: message,
                                findings: [Finding(status: .fail, subject: host, failureClass: failure.failureClass,
                                                   message: message)],
                                subjects: [host])
        }
        let configuration = StaticIPConfiguration(host: host, port: target.port ?? 443,
                                                  expect: answer.addresses.compactMap(AddressRange.init),
                                                  lookups: Self.lookups, interval: Self.interval)
        let check = StaticIPCheck(configuration: configuration)
        var outcome = await check.run(in: context)
        outcome.summary = "resolved at start: \(answer.addresses.joined(separator: ", ")); " + outcome.summary
        return outcome
    }

}
