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

    /// How the configured header is read: a list, `Forwarded`, or one value.
    var style: HeaderStyle { HeaderStyle(header: configuration.header) }
    /// A single-valued header has one place for the client, whatever `trusted-hops` says.
    var position: ChainPosition { ChainPosition(trustedHops: style == .single ? 1 : configuration.trustedHops) }
    /// The HAProxy fix for a client-sent header that survives.
    static let replaceHint = "HAProxy's http-request set-header replaces a header the client sent; add-header appends to it"
    private var header: String { configuration.header }
    private var trusted: String { "position \(configuration.trustedHops) from the right (trusted-hops \(configuration.trustedHops))" }

    /// Findings about the client's place in the chain of the plain request.
    func judgeClient(_ chain: ForwardedChain, clientIP: String) -> [Finding] {
        if style == .single { return judgeSingleClient(chain, clientIP: clientIP) }
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

    /// A single-valued header: the client's address must be the whole value.
    private func judgeSingleClient(_ chain: ForwardedChain, clientIP: String) -> [Finding] {
        guard let value = chain.entries.first else {
            return [Finding(status: .fail, failureClass: Self.clientClass,
                            message: "the canary saw no \(header) header; expected the client \(clientIP) as its whole value")]
        }
        let wanted = IPAddress.canonical(clientIP) ?? clientIP
        if value.address == wanted { return [] }
        var message = "\(header) is '\(value.text)', expected exactly the client \(clientIP): a backend reads it as one value"
        var hint: String?
        if Self.parts(of: value.text).contains(wanted) {
            message += "; a proxy appends to it instead of replacing it"
            hint = Self.replaceHint
        }
        return [Finding(status: .fail, failureClass: Self.clientClass, message: message, hint: hint)]
    }

    /// The comma-separated parts of a value, canonical where they are addresses.
    private static func parts(of value: String) -> [String] {
        value.split(separator: ",").map { part in
            let text = part.trimmingCharacters(in: .whitespaces)
            return ForwardedChain.Entry(text).address ?? text
        }
    }

    /// Findings about the chain of the request that carried a forged header.
    func judgeSpoof(_ chain: ForwardedChain) -> [Finding] {
        let forged = XFFEchoConfiguration.forgedAddress
        if style == .single {
            // A backend reads the value whole: the forged address must not arrive in any part of it.
            guard let value = chain.entries.first, Self.parts(of: value.text).contains(forged) else { return [] }
            let how = value.address == forged ? "the proxy passes the client's header through"
                : "the proxy appends to the client's header, and a backend reads the value whole"
            return [Finding(status: .fail, failureClass: Self.spoofableClass,
                            message: "a forged \(header): \(forged) came back as '\(value.text)': \(how), so a client can "
                              + "forge its source address as seen by the service",
                            hint: Self.replaceHint)]
        }
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
