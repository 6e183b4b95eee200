import EdgeCheckModel
import EdgeCheckNet
import Foundation

/// How a connection to a hop inside the VPC is named and trusted: `server-name` (SNI and Host),
/// `pin-sha256` (the key replaces chain trust) and `insecure` (verification off, reported), as
/// `xff-echo` and `proxy-protocol` read them.
struct HopTrust: Sendable, Equatable {
    var serverName: String?
    var pinSHA256: String?
    var insecure: Bool

    init(serverName: String? = nil, pinSHA256: String? = nil, insecure: Bool = false) {
        self.serverName = serverName
        self.pinSHA256 = pinSHA256
        self.insecure = insecure
    }

    /// Reads the three keys; a pin that is not base64 SHA-256, or a pin with `insecure`, is a suite error.
    init(settings: CheckSettings) throws(SuiteError) {
        serverName = try settings.string("server-name")
        if let pin = try settings.string("pin-sha256") {
            guard let normalized = TimingHop.normalizedPin(pin) else {
                throw settings.error("pin-sha256", "'\(pin)' is not a base64 SHA-256 (44 characters, as in "
                                     + "curl --pinnedpubkey sha256//...)")
            }
            pinSHA256 = normalized
        }
        insecure = try settings.bool("insecure") ?? false
        if insecure && pinSHA256 != nil {
            throw settings.error("insecure", "insecure and pin-sha256 exclude each other: a pin already verifies "
                                 + "a self-signed hop, drop insecure")
        }
    }

    /// `url`, with `server-name` as its host when given.
    func requestURL(for url: URL) -> URL {
        guard let serverName, var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url }
        components.host = serverName
        return components.url ?? url
    }

    /// How the hop's certificate is trusted.
    var trust: ProbeRequest.Trust {
        if let pinSHA256 { return .pinned(pinSHA256) }
        return insecure ? .insecure : .verify
    }
}
