import EdgeCheckModel
import EdgeCheckNet

extension XFFEchoCheck {
    public static let hints: [FailureClass: String] = [
        XFFEchoEvaluation.clientClass: "the client's address is not where the trusted proxies put it: HAProxy "
            + "without `option forwardfor`, an NLB target group of type ip (the client address is lost without "
            + "PROXY protocol v2), or trusted-hops not matching the proxies in the chain",
        XFFEchoEvaluation.spoofableClass: "a header the client sent reaches the service as the client: HAProxy "
            + "`option forwardfor if-none` keeps it; use `option forwardfor` (appends) or `http-request "
            + "set-header X-Forwarded-For %[src]` (replaces) at the first proxy",
        XFFEchoEvaluation.protoClass: "X-Forwarded-Proto is not what users used: a proxy sets it from its own "
            + "listener's scheme, or a hop forwards over plain HTTP",
        XFFEchoEvaluation.junkClass: "a trusted proxy writes something that is not an address into the header",
        .httpStatus: "the canary path does not reach the echo service: check the ALB path rule or the proxy's "
            + "routing for it",
    ]
}
