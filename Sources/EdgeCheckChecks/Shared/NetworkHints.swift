import EdgeCheckNet

/// The likely misconfiguration behind each network failure class, whichever kind met it. A
/// kind's own `hints` take precedence (an `http-status` means something else to `redirect`
/// than to `xff-echo`).
enum NetworkHints {
    static let hints: [FailureClass: String] = [
        .nxdomain: "the name does not exist at this resolver: a missing or misspelt record, or a "
            + "split-horizon (private zone) view that hides it from this network",
        .servfail: "the resolver could not get an answer: a broken delegation or a DNSSEC validation "
            + "failure upstream of it",
        .dnsTimeout: "the resolver does not answer: it is down, not listening on that address, or port 53 "
            + "(UDP and TCP) is filtered on the way",
        .refused: "nothing listens on that address and port: a stopped listener, the wrong port, or an "
            + "Elastic IP no longer attached to the load balancer",
        .timeout: "packets are dropped without an answer: a security group, network ACL or egress firewall "
            + "without a rule for this address and port",
        .reset: "the server dropped the connection: a listener expecting something else first, such as a "
            + "PROXY protocol header (HAProxy accept-proxy) or plain HTTP instead of TLS",
        .tlsAlert: "the server refused the handshake: no certificate for this server name (SNI) on the "
            + "listener, or no TLS version or cipher in common",
        .certUntrusted: "the chain does not reach a trusted root: the server sends the leaf without its "
            + "intermediate (serve the full chain), or the CA is private (add it with ca-file, or pin the key)",
        .certHostname: "the certificate does not name this host in its subjectAltName: the listener serves its "
            + "default certificate, or this name is routed to another certificate",
        .certExpired: "the certificate is outside its validity: renewal failed, or the renewed certificate "
            + "was never deployed to this listener",
        .certPin: "the server's key is not the pinned one: the certificate was re-keyed (update pin-sha256 "
            + "if that was intended) or another server answers",
        .noAddress: "the name exists without an address of the types asked: an alias that points nowhere, or "
            + "only the other address family is published",
        .local: "the problem is on this machine, not the deployment: a bind address it does not have, an "
            + "unreadable file, a missing library",
    ]
}
