extension FailureClass {
    /// The proxy cannot be reached (refused, unreachable, no answer, its name does not resolve).
    public static let proxyRefused = FailureClass("proxy-refused")
    /// The proxy answered the CONNECT with a non-2xx status, or SOCKS5 refused the request: no
    /// egress rule lets this address through.
    public static let proxyDenied = FailureClass("proxy-denied")
    /// The proxy asks for credentials (407), or refused the ones given.
    public static let proxyAuth = FailureClass("proxy-auth")
}
