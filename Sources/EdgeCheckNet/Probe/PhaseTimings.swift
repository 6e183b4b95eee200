/// Where one connection's time went, in milliseconds from the start of the transfer
/// (libcurl's `*_TIME_T` infos), and as per-phase durations.
public struct PhaseTimings: Sendable, Equatable, Codable {
    /// Name resolution (near zero for a pinned address; the proxy's name, through one).
    public var dns: Double
    /// TCP connect, after DNS (to the proxy, through one).
    public var connect: Double
    /// Through a proxy: from TCP connected to the proxy to the tunnel open (the CONNECT exchange
    /// or the SOCKS5 handshake); 0 for a direct connection.
    public var tunnel: Double
    /// TLS handshake: appconnect − connect, or − the tunnel's end through a proxy (0 for plain HTTP).
    public var tls: Double
    /// Time to first byte after the request was sent: starttransfer − max(appconnect, connect).
    public var ttfb: Double
    /// The whole transfer.
    public var total: Double

    public init(dns: Double = 0, connect: Double = 0, tls: Double = 0, ttfb: Double = 0, total: Double = 0,
                tunnel: Double = 0) {
        self.tunnel = tunnel
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.ttfb = ttfb
        self.total = total
    }
}
