/// A `Probing` that sends each probe through the proxy its `ProxySetting` gives the probe's URL
/// and address. Wrapped round a check's prober, so every kind tunnels without knowing it.
public struct ProxiedProber: Probing {
    public let base: any Probing
    public let setting: ProxySetting

    public init(_ base: any Probing, setting: ProxySetting) {
        self.base = base
        self.setting = setting
    }

    /// Probes through the proxy, unless the request already names one.
    public func probe(_ request: ProbeRequest) async -> ProbeResponse {
        var request = request
        if request.proxy == nil { request.proxy = setting.proxy(for: request.url, connectAddress: request.connectAddress) }
        return await base.probe(request)
    }
}
