import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The `redirect` kind's keys, read and validated when the suite loads.
public struct RedirectConfiguration: Sendable, Equatable {
    static let defaultStatuses = [301, 302, 303, 307, 308]

    /// The plain-HTTP URL requested on every address.
    var url: URL
    /// Statuses that count as a redirect.
    var statuses: [Int]
    /// The exact expected Location, replacing the derived expectation.
    var location: URL?
    /// The port the derived expectation uses (443: no port in the Location).
    var httpsPort: Int
    /// Request the Location once and judge what it answers.
    var follow: Bool
    /// Every resolved address, or only the first.
    var allIPs: Bool

    init(url: URL, statuses: [Int] = Self.defaultStatuses, location: URL? = nil, httpsPort: Int = 443,
         follow: Bool = true, allIPs: Bool = true) {
        self.url = url
        self.statuses = statuses
        self.location = location
        self.httpsPort = httpsPort
        self.follow = follow
        self.allIPs = allIPs
    }

    init(settings: CheckSettings) throws(SuiteError) {
        if let url = try settings.url("url") {
            guard url.scheme?.lowercased() == "http" else {
                throw settings.error("url", "'\(url.absoluteString)' is not a plain http URL; the check requests "
                                     + "http:// and expects a redirect to https")
            }
            self.url = url
        } else if let target = settings.target, let derived = Self.defaultURL(for: target) {
            self.url = derived
        } else {
            throw settings.error("url", "missing required key (the suite has no target to derive it from)")
        }

        if let texts = try settings.stringList("status") {
            guard !texts.isEmpty else { throw settings.error("status", "expected at least one status") }
            var statuses: [Int] = []
            for text in texts {
                guard let status = Int(text), (300...399).contains(status) else {
                    throw settings.error("status", "'\(text)' is not a redirect status (300 to 399)")
                }
                statuses.append(status)
            }
            self.statuses = statuses
        } else {
            self.statuses = Self.defaultStatuses
        }

        if let location = try settings.url("location") {
            self.location = location
        } else {
            self.location = nil
        }
        self.httpsPort = try settings.int("https-port", in: 1...65_535) ?? 443
        self.follow = try settings.bool("follow") ?? true
        self.allIPs = try settings.bool("all-ips") ?? true
    }

    /// The contract's default: the target with scheme http and port 80, same host, path and query.
    public static func defaultURL(for target: URL) -> URL? {
        guard var components = URLComponents(url: target, resolvingAgainstBaseURL: true),
              components.host?.isEmpty == false else { return nil }
        components.scheme = "http"
        components.port = nil
        components.user = nil
        components.password = nil
        components.fragment = nil
        if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
        return components.url
    }

    /// Where the redirect must go: the `location` key, or https on the same host, path and query.
    var expectedDestination: LocationResolver.Destination? {
        if let location { return LocationResolver.Destination(location) }
        return LocationResolver.expectedDestination(for: url, httpsPort: httpsPort)
    }
}
