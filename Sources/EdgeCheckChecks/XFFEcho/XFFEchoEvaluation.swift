import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The verdicts of `xff-echo` on parsed echoes. Pure: it sees headers, never the network.
struct XFFEchoEvaluation: Sendable {
    /// The client is not where the trusted proxies should have put it.
    static let clientClass = FailureClass("xff-client")
    /// A client-sent header is taken for the client.
    static let spoofableClass = FailureClass("xff-spoofable")
    /// X-Forwarded-Proto is not the expected scheme.
    static let protoClass = FailureClass("xff-proto")
    /// A trusted proxy wrote an entry that is not an address.
    static let junkClass = FailureClass("xff-junk")

    var configuration: XFFEchoConfiguration

    private var position: ChainPosition { ChainPosition(trustedHops: configuration.trustedHops) }
    private var header: String { configuration.header }
    private var trusted: String { "position \(configuration.trustedHops) from the right (trusted-hops \(configuration.trustedHops))" }

    /// Findings about the client's place in the chain of the plain request.
    func judgeClient(_ chain: ForwardedChain, clientIP: String) -> [Finding] {
        var findings: [Finding] = []
        switch position.judgeClient(chain, clientIP: clientIP) {
        case .found:
            break
        case .headerMissing:
            findings.append(Finding(status: .fail, failureClass: Self.clientClass,
                                    message: "the canary saw no \(header) header; expected the client \(clientIP) at \(trusted)",
                                    hint: "no proxy in the chain adds the header (HAProxy `option forwardfor`, or the "
                                        + "ALB's X-Forwarded-For processing), or the echo hides it: httpbin's /headers "
                                        + "shows it only as /headers?show_env=1"))
        case .tooShort:
            let count = chain.entries.count == 1 ? "1 entry" : "\(chain.entries.count) entries"
            findings.append(Finding(status: .fail, failureClass: Self.clientClass,
                                    message: "\(header) is '\(chain.spoken)' (\(count)): the client \(clientIP) is not at "
                                      + "\(trusted); a proxy in front of the service does not append the address it received"))
        case .mismatch(let observed, let clientPositions):
            var message = "\(header) is '\(chain.spoken)': \(trusted) holds '\(observed.text)'"
            if observed.isJunk { message += " (not an IP address)" }
            message += ", expected the client \(clientIP)"
            if let actual = clientPositions.first {
                message += "; the client is at position \(actual) from the right (should trusted-hops be \(actual)?)"
            }
            findings.append(Finding(status: .fail, failureClass: Self.clientClass, message: message))
        }
        let junk = position.trustedJunk(in: chain)
        if !junk.isEmpty {
            let names = junk.map { "'\($0.text)'" }.joined(separator: ", ")
            findings.append(Finding(status: .warn, failureClass: Self.junkClass,
                                    message: "\(header) is '\(chain.spoken)': \(names) right of the client, written by a "
                                      + "trusted proxy, is not an IP address"))
        }
        return findings
    }

    /// Findings about the chain of the request that carried a forged header.
    func judgeSpoof(_ chain: ForwardedChain) -> [Finding] {
        let forged = XFFEchoConfiguration.forgedAddress
        switch position.judgeSpoof(chain, forged: forged) {
        case .dropped, .contained:
            return []
        case .forged(let at):
            let place = at == configuration.trustedHops ? "at \(trusted), where the service reads the client"
                : "at position \(at) from the right, inside the part the service trusts (trusted-hops \(configuration.trustedHops))"
            return [Finding(status: .fail, failureClass: Self.spoofableClass,
                            message: "a forged \(header): \(forged) came back as '\(chain.spoken)' with the forged address "
                              + "\(place): a client can forge its source address as seen by the service")]
        }
    }

    /// Findings about X-Forwarded-Proto, when the canary echoed it and a value is expected.
    func judgeProto(_ value: String?) -> [Finding] {
        guard let value, !configuration.expectProto.isEmpty else { return [] }
        let entries = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard entries.allSatisfy({ $0.caseInsensitiveCompare(configuration.expectProto) == .orderedSame }) else {
            return [Finding(status: .fail, failureClass: Self.protoClass,
                            message: "the canary saw X-Forwarded-Proto: \(value), expected \(configuration.expectProto)")]
        }
        return []
    }
}
