/// An allow-list entry: one IP address (v4 or v6) or a CIDR block.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The entry as written, normalised (e.g. `198.51.100.0/28`, `2001:db8::1`).
    public let description: String

    /// Parses `IP` or `IP/PREFIX`; nil when it is neither.
    public init?(_ text: String) {
        fatalError("AddressRange.init: implemented by the suite work")
    }

    /// Whether `address` (an IP in text form) lies in this range.
    public func contains(_ address: String) -> Bool {
        fatalError("AddressRange.contains: implemented by the suite work")
    }

    /// For a single address: that address; for a CIDR: nil (a block cannot be probed as a whole).
    public var singleAddress: String? {
        fatalError("AddressRange.singleAddress: implemented by the suite work")
    }
}
