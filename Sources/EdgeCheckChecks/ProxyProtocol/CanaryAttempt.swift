import EdgeCheckNet

/// What one request to the canary through the ingress came to, before any verdict.
enum CanaryAttempt: Sendable, Equatable {
    /// The canary answered 2xx and its echo was read.
    case served(ForwardedChain)
    /// An HTTP answer other than 2xx (the ingress's own refusal, or a canary error).
    case answered(status: Int)
    /// No HTTP answer: refused, reset, a failed handshake, a timeout.
    case failed(NetFailure)
    /// A 2xx whose body is not an echo of the request headers.
    case unreadable(String)

    /// Whether the ingress handled the request as HTTP at all (any answer below 400).
    var wasServed: Bool {
        switch self {
        case .served, .unreadable: true
        case .answered(let status): status < 400
        case .failed: false
        }
    }

    var chain: ForwardedChain? {
        if case .served(let chain) = self { return chain }
        return nil
    }

    /// `reset: ...`, `HTTP 403`: how a refusal is named.
    var refusal: String {
        switch self {
        case .failed(let failure): "\(failure.failureClass.rawValue): \(failure.message)"
        case .answered(let status): "HTTP \(status)"
        case .served, .unreadable: "served"
        }
    }
}
