import Foundation
import Yams

extension DefaultSuite {
    /// The `addresses` check of the built-in suite: `static-ip` with the addresses resolved when
    /// it starts as its `expect` list (see `DefaultSuite`). Not a kind of its own: it reports as
    /// `static-ip`, and suites cannot name it.
    struct AddressesCheck: Check {
        static var description: CheckDescription { StaticIPCheck.description }

        let target: URL

        init(target: URL) {
            self.target = target
        }

        init(settings: CheckSettings) throws(SuiteError) {
            guard let target = settings.target else {
                throw settings.error("target", "the built-in address check needs a target")
            }
            self.target = target
        }

        func run(in context: CheckContext) async -> CheckOutcome {
            let host = target.host ?? ""
            let lookup = HostAddressLookup(servers: context.common.dnsServers, timeout: context.timeout,
                                           bind: context.common.bind)
            let answer = await lookup.addresses(of: host)
            if let failure = answer.failure {
                let message = "\(host): \(failure.message)"
                return CheckOutcome(summary: message,
                                    findings: [Finding(status: .fail, subject: host, failureClass: failure.failureClass,
                                                       message: message)],
                                    subjects: [host])
            }
            let check: StaticIPCheck
            do {
                check = try StaticIPCheck(settings: settings(expecting: answer.addresses, in: context))
            } catch {
                return .error("cannot build the address check for \(answer.addresses.joined(separator: ", ")): \(error)")
            }
            var outcome = await check.run(in: context)
            outcome.summary = "resolved at start: \(answer.addresses.joined(separator: ", ")); " + outcome.summary
            return outcome
        }

        /// The settings of a `static-ip` entry whose `expect` is `addresses`.
        private func settings(expecting addresses: [String], in context: CheckContext) throws -> CheckSettings {
            let list = addresses.map { "'\($0)'" }.joined(separator: ", ")
            guard let node = try Yams.compose(yaml: "expect: [\(list)]\n", .basic) else {
                throw SuiteError(file: "", line: nil, key: "expect", message: "empty address list")
            }
            return CheckSettings(mapping: node, file: "--target", directory: context.suiteDirectory, target: target,
                                 keyPath: context.common.id)
        }
    }
}
