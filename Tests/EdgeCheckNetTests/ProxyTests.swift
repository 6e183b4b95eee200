import CCurl
import Foundation
import Testing
@testable import EdgeCheckNet

@Suite struct ProxyTests {
    @Test func readsHTTPAndSOCKS5ProxiesAndKeepsCredentialsOutOfTheDescription() throws {
        let proxy = try Proxy.parse("http://user:s%40cret@127.0.60.1:3128").get()
        #expect(proxy.scheme == .http && proxy.host == "127.0.60.1" && proxy.port == 3128)
        #expect(proxy.username == "user" && proxy.password == "s@cret")
        #expect(proxy.description == "http://127.0.60.1:3128")
        #expect(try Proxy.parse("socks5://[::1]:1080").get().description == "socks5://[::1]:1080")
    }

    @Test func refusesWhatIsNotAProxyWithAReason() {
        #expect(Proxy.parse("https://p:3128").failureMessage?.contains("not supported") == true)
        #expect(Proxy.parse("http://p").failureMessage == "the proxy needs a port (HOST:PORT)")
        #expect(Proxy.parse("http://p:99999").failureMessage == "'99999' is not a port (1-65535)")
        #expect(Proxy.parse("http://p:3128/path").failureMessage == "a proxy is HOST:PORT, without a path")
        #expect(Proxy.parse("p:3128").failureMessage == "expected none, env, http://HOST:PORT or socks5://HOST:PORT")
    }

    @Test func environmentFollowsCurlsVariablesAndNoProxy() throws {
        let environment = try ProxyEnvironment(reading: ["https_proxy": "proxy.corp:3128", "http_proxy": "http://plain:80",
                                                         "no_proxy": ".internal, 10.0.0.0/8"])
        let secure = URL(string: "https://www.example.com/")!
        #expect(environment.proxy(for: secure)?.description == "http://proxy.corp:3128")
        #expect(environment.proxy(for: URL(string: "http://www.example.com/")!)?.description == "http://plain:80")
        #expect(environment.proxy(for: URL(string: "https://a.internal/")!) == nil)
        #expect(environment.proxy(for: secure, connectAddress: "10.1.2.3") == nil)
        #expect(ProxyEnvironment.variablesSet(in: ["HTTPS_PROXY": "x", "no_proxy": ""]) == ["HTTPS_PROXY"])
        #expect(throws: ProxyProblem.self) { try ProxyEnvironment(reading: ["all_proxy": "ftp://x:1"]) }
    }

    /// An outcome as the engine would collect it through `proxy`.
    private func outcome(code: CURLcode, connectCode: Int = 0, statusLine: String? = nil, errno: Int = 0) -> ProbeTransfer.Outcome {
        var outcome = ProbeTransfer.Outcome()
        outcome.code = code
        outcome.osErrno = errno
        outcome.tunnel.connectCode = connectCode
        outcome.tunnel.statusLine = statusLine
        return outcome
    }

    private let proxy = Proxy(scheme: .http, host: "127.0.60.1", port: 3128, username: "u", password: "p")

    private func classify(_ outcome: ProbeTransfer.Outcome) -> NetFailure? {
        CurlFailure.classifyThroughProxy(outcome, proxy: proxy, depth: .tls, usesTLS: true, endpoint: "127.0.10.2:8443", timeout: .seconds(2))
    }

    @Test func aRefusedConnectIsDeniedNamingTheAddressTheProxyAndItsAnswer() {
        let failure = classify(outcome(code: CURLE_COULDNT_CONNECT, connectCode: 403, statusLine: "HTTP/1.1 403 Forbidden"))
        #expect(failure == NetFailure(.proxyDenied,
                                      "proxy http://127.0.60.1:3128 refused the tunnel to 127.0.10.2:8443: HTTP/1.1 403 Forbidden"))
    }

    @Test func a407IsProxyAuth() {
        let failure = classify(outcome(code: CURLE_COULDNT_CONNECT, connectCode: 407))
        #expect(failure?.failureClass == .proxyAuth)
        #expect(failure?.message == "proxy http://127.0.60.1:3128 refused the credentials given for the tunnel to 127.0.10.2:8443: HTTP 407")
    }

    @Test func anUnreachableProxyIsProxyRefusedAndNeverBlamesTheTarget() {
        let failure = classify(outcome(code: CURLE_COULDNT_CONNECT, errno: Int(ECONNREFUSED)))
        #expect(failure == NetFailure(.proxyRefused, "cannot reach the proxy http://127.0.60.1:3128: connection refused"))
        let timedOut = classify(outcome(code: CURLE_OPERATION_TIMEDOUT))
        #expect(timedOut == NetFailure(.proxyRefused, "no answer from the proxy http://127.0.60.1:3128 within 2s"))
    }

    @Test func aFailureBeyondTheTunnelKeepsItsClassAndNamesTheProxy() {
        let failure = classify(outcome(code: CURLE_SSL_CONNECT_ERROR, connectCode: 200, errno: Int(ECONNRESET)))
        #expect(failure?.failureClass == .reset)
        #expect(failure?.message.hasSuffix("(through proxy http://127.0.60.1:3128)") == true)
        #expect(failure?.message.contains("p@") == false)
    }

    @Test func theProxiedProberFillsInTheProxyForEachRequest() async {
        let recorder = RecordingProber()
        let prober = ProxiedProber(recorder, setting: .through(proxy))
        _ = await prober.probe(ProbeRequest(url: URL(string: "https://www.example.com/")!, connectAddress: "192.0.2.1"))
        #expect(recorder.requests.first?.proxy == proxy)
    }
}

private extension Result where Failure == ProxyProblem {
    var failureMessage: String? { if case .failure(let problem) = self { problem.message } else { nil } }
}

/// Remembers the requests it is asked to make.
private final class RecordingProber: Probing, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ProbeRequest] = []
    var requests: [ProbeRequest] { lock.withLock { recorded } }
    func probe(_ request: ProbeRequest) async -> ProbeResponse {
        lock.withLock { recorded.append(request) }
        return ProbeResponse()
    }
}
