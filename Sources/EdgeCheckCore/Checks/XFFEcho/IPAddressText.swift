/// IP addresses as text: validation and one canonical spelling, so that `2001:DB8::1` and
/// `2001:db8:0::1` compare equal and a reply like `hello` is recognised as not an address.
enum IPAddressText {
    /// The canonical form of an IPv4 or IPv6 address (`inet_ntop` spelling), or nil when `text`
    /// is not an address. Brackets around an IPv6 address are accepted; a port or a zone is not.
    static func canonical(_ text: String) -> String? {
        var candidate = Substring(text)
        if candidate.hasPrefix("["), candidate.hasSuffix("]") {
            candidate = candidate.dropFirst().dropLast()
        }
        return AddressRange.normalizedAddress(String(candidate))
    }

    /// The address with brackets when it is IPv6, as it is written in a URL or `IP:PORT`.
    static func bracketed(_ address: String) -> String {
        address.contains(":") ? "[\(address)]" : address
    }
}
