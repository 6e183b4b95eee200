import EdgeCheckModel
import EdgeCheckNet

extension TLSTimingCheck {
    public static let hints: [FailureClass: String] = [
        TLSTimingEvaluation.budgetClass: "a hop is slower than its budget: a new handshake per request to the "
            + "next hop (no keep-alive), a large RSA key where ECDSA would do, or a slow upstream behind it",
    ]
}
