import EdgeCheckModel
import EdgeCheckNet

extension RedirectCheck {
    public static let hints: [FailureClass: String] = [
        .httpStatus: "the plain-HTTP listener does not redirect: give it a redirect rule (HAProxy "
            + "`http-request redirect scheme https`, an ALB listener action of type redirect, nginx "
            + "`return 301 https://$host$request_uri`)",
        RedirectEvaluation.locationClass: "the redirect does not lead to the same URL on HTTPS: an ALB redirect "
            + "action whose protocol, path or query is not HTTPS, #{path} and #{query}, or HAProxy `redirect "
            + "location` where `redirect scheme https` keeps path and query",
        RedirectEvaluation.downgradeClass: "the HTTPS side sends users back to plain HTTP: the application builds "
            + "absolute URLs from the scheme it sees; pass X-Forwarded-Proto and have it honour that",
        RedirectEvaluation.loopClass: "the HTTPS side redirects again: the application does not see that the "
            + "request arrived over HTTPS (X-Forwarded-Proto), so it redirects forever",
    ]
}
