import Foundation
import Testing
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet
import EdgeCheckTestSupport

@Suite struct RedirectEvaluationTests {
    let configuration = RedirectConfiguration(url: URL(string: "http://www.example.test:8080/shop?id=7")!, httpsPort: 8443)
    var evaluation: RedirectEvaluation { RedirectEvaluation(configuration: configuration) }

    private func answer(_ status: Int?, location: String? = nil, failure: NetFailure? = nil) -> ProbeResponse {
        ProbeResponse(failure: failure, status: status, headers: location.map { [(name: "location", value: $0)] } ?? [])
    }

    @Test func aGoodRedirectPassesAndIsFollowed() {
        let result = evaluation.judge(address: "127.0.0.1", response: answer(301, location: "https://www.example.test:8443/shop?id=7"))
        #expect(result.findings.isEmpty)
        #expect(result.follow?.absoluteString == "https://www.example.test:8443/shop?id=7")
    }

    @Test func aRelativeLocationIsResolvedFirst() {
        // A relative Location stays on http: it is judged after resolution, so it fails as plain http.
        let result = evaluation.judge(address: "127.0.0.1", response: answer(302, location: "/shop?id=7"))
        #expect(result.findings.first?.failureClass == RedirectEvaluation.locationClass)
        #expect(result.findings.first?.message.contains("it points to plain http") == true)
    }

    @Test func noRedirectFailsWithHTTPStatus() {
        let result = evaluation.judge(address: "127.0.0.1", response: answer(200))
        #expect(result.findings.count == 1)
        #expect(result.findings.first?.failureClass == .httpStatus)
        #expect(result.findings.first?.message
                == "127.0.0.1: http://www.example.test:8080/shop?id=7 answered 200 instead of redirecting (expected 301, 302, 303, 307 or 308)")
        #expect(result.follow == nil)
    }

    @Test func aDroppedPathIsNamed() {
        let result = evaluation.judge(address: "127.0.0.1", response: answer(301, location: "https://www.example.test:8443/"))
        #expect(result.findings.first?.failureClass == RedirectEvaluation.locationClass)
        #expect(result.findings.first?.message
                == "127.0.0.1: 301 to https://www.example.test:8443/ — the path /shop was dropped, the query ?id=7 was dropped; "
                   + "expected https://www.example.test:8443/shop?id=7")
    }

    @Test func aMissingLocationFails() {
        let result = evaluation.judge(address: "127.0.0.1", response: answer(301))
        #expect(result.findings.first?.failureClass == RedirectEvaluation.locationClass)
        #expect(result.findings.first?.message.contains("without a Location header") == true)
    }

    @Test func aNetworkFailureKeepsItsClass() {
        let result = evaluation.judge(address: "127.0.0.2",
                                      response: answer(nil, failure: NetFailure(.refused, "connection refused by 127.0.0.2:8080")))
        #expect(result.findings.first?.failureClass == .refused)
        #expect(result.findings.first?.subject == "127.0.0.2")
    }

    @Test func theExactLocationKeyReplacesTheDerivedExpectation() {
        var configuration = configuration
        configuration.location = URL(string: "https://login.example.test/")!
        let evaluation = RedirectEvaluation(configuration: configuration)
        #expect(evaluation.judge(address: "a", response: answer(302, location: "https://login.example.test/")).findings.isEmpty)
        #expect(evaluation.judge(address: "a", response: answer(302, location: "https://www.example.test:8443/shop?id=7"))
                .findings.first?.failureClass == RedirectEvaluation.locationClass)
    }

    @Test func followedTargetFailsOnServerErrorDowngradeAndLoop() {
        let next = URL(string: "https://www.example.test:8443/shop?id=7")!
        #expect(evaluation.judgeFollowed(address: "a", url: next, response: answer(200)).isEmpty)
        #expect(evaluation.judgeFollowed(address: "a", url: next, response: answer(404)).isEmpty)
        #expect(evaluation.judgeFollowed(address: "a", url: next, response: answer(502)).first?.failureClass == .httpStatus)
        #expect(evaluation.judgeFollowed(address: "a", url: next, response: answer(301, location: "http://elsewhere.test/"))
                .first?.failureClass == RedirectEvaluation.downgradeClass)
        #expect(evaluation.judgeFollowed(address: "a", url: next, response: answer(301, location: "http://www.example.test:8080/shop?id=7"))
                .first?.failureClass == RedirectEvaluation.loopClass)
        #expect(evaluation.judgeFollowed(address: "a", url: next, response: answer(308, location: "/shop?id=7"))
                .first?.failureClass == RedirectEvaluation.loopClass)
        #expect(evaluation.judgeFollowed(address: "a", url: next, response: answer(302, location: "https://www.example.test:8443/login"))
                .isEmpty)
    }

    @Test func defaultURLIsTheTargetOnPlainHTTPPort80() {
        #expect(RedirectConfiguration.defaultURL(for: URL(string: "https://www.example.test:8443/a?b=1")!)?.absoluteString
                == "http://www.example.test/a?b=1")
        #expect(RedirectConfiguration.defaultURL(for: URL(string: "https://www.example.test")!)?.absoluteString
                == "http://www.example.test/")
    }
}
