/// Where one connection's time went, in milliseconds from the start of the transfer
/// (libcurl's `*_TIME_T` infos), and as per-phase durations.
public struct PhaseTimings: Sendable, Equatable, Codable {
    /// Name resolution (near zero for a pinned address).
    public var dns: Double
    /// TCP connect, after DNS.
    public var connect: Double
    /// TLS handshake: appconnect − connect (0 for plain HTTP).
    public var tls: Double
    /// Time to first byte after the request was sent: starttransfer − max(appconnect, connect).
    public var ttfb: Double
    /// The whole transfer.
    public var total: Double

    public init(dns: Double = 0, connect: Double = 0, tls: Double = 0, ttfb: Double = 0, total: Double = 0) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.ttfb = ttfb
        self.total = total
    }
}
