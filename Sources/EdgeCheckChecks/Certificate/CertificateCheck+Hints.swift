import EdgeCheckModel
import EdgeCheckNet

extension CertificateCheck {
    public static let hints: [FailureClass: String] = [
        CertificateEvaluation.certIssuer: "the leaf comes from another CA than expected: another certificate is "
            + "attached to this listener or address than to the others",
        CertificateEvaluation.certMismatch: "the addresses serve different leaves: a certificate rotated on some "
            + "listeners or load balancer nodes only",
        CertificateEvaluation.certExpiring: "renew soon: automatic renewal may have stopped (for a DNS-validated "
            + "certificate, the validation record must stay in place)",
    ]
}
