import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The verdict on what one address answered to the plain-HTTP request, and on what the
/// Location answered when followed. Pure: it sees responses, never the network.
struct RedirectEvaluation: Sendable {
    /// A Location that is wrong or missing.
    static let locationClass = FailureClass("redirect-location")
    /// The followed Location sends the user back to plain http.
    static let downgradeClass = FailureClass("redirect-downgrade")
    /// The followed Location redirects to itself or to where the user started.
    static let loopClass = FailureClass("redirect-loop")

    var configuration: RedirectConfiguration

    /// What the first answer says: findings, and the URL to follow when the answer is a good redirect.
    struct FirstAnswer: Sendable {
        var findings: [Finding]
        var follow: URL?
    }

    /// Judges the answer of `address` to the plain-HTTP request.
    func judge(address: String, response: ProbeResponse) -> FirstAnswer {
        let requested = configuration.url.absoluteString
        if let failure = response.failure {
            return FirstAnswer(findings: [Finding(status: .fail, subject: address, failureClass: failure.failureClass,
                                                  message: "\(address): requesting \(requested) failed: \(failure.message)")],
                               follow: nil)
        }
        guard let status = response.status else {
            return FirstAnswer(findings: [Finding(status: .fail, subject: address, failureClass: .httpStatus,
                                                  message: "\(address): \(requested) gave no HTTP status")], follow: nil)
        }
        guard configuration.statuses.contains(status) else {
            let wanted = Self.spokenList(configuration.statuses.map(String.init))
            let what = (300...399).contains(status) ? "answered \(status)" : "answered \(status) instead of redirecting"
            return FirstAnswer(findings: [Finding(status: .fail, subject: address, failureClass: .httpStatus,
                                                  message: "\(address): \(requested) \(what) (expected \(wanted))")],
                               follow: nil)
        }
        guard let location = response.header("Location") else {
            return FirstAnswer(findings: [Finding(status: .fail, subject: address, failureClass: Self.locationClass,
                                                  message: "\(address): \(requested) answered \(status) without a Location header")],
                               follow: nil)
        }
        guard let resolved = LocationResolver.resolve(location, against: configuration.url),
              let actual = LocationResolver.Destination(resolved) else {
            return FirstAnswer(findings: [Finding(status: .fail, subject: address, failureClass: Self.locationClass,
                                                  message: "\(address): Location '\(location)' is not an http(s) URL")],
                               follow: nil)
        }
        guard let expected = configuration.expectedDestination else {
            return FirstAnswer(findings: [], follow: configuration.follow ? resolved : nil)
        }
        let differences = LocationResolver.differences(actual, expected: expected)
        if differences.isEmpty {
            return FirstAnswer(findings: [], follow: configuration.follow ? resolved : nil)
        }
        let shown = location == actual.description ? location : "\(location) (\(actual))"
        return FirstAnswer(findings: [Finding(status: .fail, subject: address, failureClass: Self.locationClass,
                                              message: "\(address): \(status) to \(shown) — \(differences.joined(separator: ", ")); "
                                                + "expected \(expected)")],
                           follow: nil)
    }

    /// Judges what the followed Location (`url`, requested from `address`) answered.
    func judgeFollowed(address: String, url: URL, response: ProbeResponse) -> [Finding] {
        if let failure = response.failure {
            return [Finding(status: .fail, subject: address, failureClass: failure.failureClass,
                            message: "\(address): following the redirect to \(url.absoluteString) failed: \(failure.message)")]
        }
        guard let status = response.status else { return [] }
        if (500...599).contains(status) {
            return [Finding(status: .fail, subject: address, failureClass: .httpStatus,
                            message: "\(address): the redirect target \(url.absoluteString) answered \(status)")]
        }
        guard (300...399).contains(status), let location = response.header("Location"),
              let next = LocationResolver.resolve(location, against: url),
              let nextDestination = LocationResolver.Destination(next) else { return [] }
        let loopsTo = [url, configuration.url].compactMap(LocationResolver.Destination.init)
        if loopsTo.contains(where: { $0.sameDestination(as: nextDestination) }) {
            return [Finding(status: .fail, subject: address, failureClass: Self.loopClass,
                            message: "\(address): the redirect target \(url.absoluteString) answered \(status) "
                              + "back to \(nextDestination): a redirect loop")]
        }
        if nextDestination.scheme == "http" {
            return [Finding(status: .fail, subject: address, failureClass: Self.downgradeClass,
                            message: "\(address): the redirect target \(url.absoluteString) answered \(status) "
                              + "back to plain http (\(nextDestination))")]
        }
        return []
    }

    /// `301, 302 or 303`.
    static func spokenList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }
}
