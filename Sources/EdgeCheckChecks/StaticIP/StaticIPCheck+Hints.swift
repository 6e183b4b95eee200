import EdgeCheckModel
import EdgeCheckNet

extension StaticIPCheck {
    public static let hints: [FailureClass: String] = [
        StaticIPEvaluation.unexpectedAddress: "the name resolves outside the allow-list: a record changed by hand, "
            + "a load balancer without static addresses (an ALB's change; an NLB's Elastic IPs stay), or an "
            + "allow-list that is out of date",
        StaticIPEvaluation.missingAddress: "an expected address is never returned: an Elastic IP detached from the "
            + "NLB, or a subnet (availability zone) removed from it",
        StaticIPEvaluation.resolverDisagreement: "the resolvers disagree: a stale record still cached within its TTL, "
            + "or a split-horizon (private zone) view answering differently inside the network",
        .refused: "an address does not serve: an Elastic IP attached to no listener, or a listener missing on "
            + "that load balancer node",
    ]
}
