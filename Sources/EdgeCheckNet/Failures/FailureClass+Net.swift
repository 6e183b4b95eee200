extension FailureClass {
    /// The served key does not match `pin-sha256`.
    public static let certPin = FailureClass("cert-pin")
    /// The failure is on our side, not the endpoint's: a source address this machine does not
    /// have, an unreadable CA file, a malformed URL. Checks usually report it as `error`.
    public static let local = FailureClass("local")
}

extension FailureClass {
    /// A resolver answered, but with no address of the types asked for.
    public static let noAddress = FailureClass("no-address")
}

extension FailureClass {
    /// A resolver answered with bytes that are not a DNS reply to the question asked.
    public static let dnsMalformed = FailureClass("dns-malformed")
}
