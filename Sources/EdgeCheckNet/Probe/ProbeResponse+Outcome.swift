import CCurl
import Foundation

extension ProbeResponse {
    /// Builds the public response from what the engine collected (parsing the chain here, on the
    /// caller's task, keeps certificate work off the libcurl thread).
    init(_ outcome: ProbeTransfer.Outcome, of request: ProbeRequest, endpoint: String) {
        let certificates = outcome.tls.chain.compactMap { try? Certificate(der: $0) }
        var failure: NetFailure?
        var remoteAddress = outcome.primaryIP
        var remotePort = outcome.primaryPort
        if let proxy = request.proxy {
            failure = CurlFailure.classifyThroughProxy(outcome, proxy: proxy, depth: request.depth,
                                                       usesTLS: request.url.scheme?.lowercased() == "https",
                                                       endpoint: endpoint, timeout: request.timeout)
            // libcurl's primary address is the proxy's; the tunnel's far end is the pinned one.
            let opened = failure == nil || outcome.tunnel.connectCode / 100 == 2 || outcome.tls.captured
            remoteAddress = opened ? request.connectAddress ?? request.url.host : nil
            remotePort = opened ? request.connectPort ?? request.url.port ?? (request.url.scheme == "http" ? 80 : 443) : nil
        } else {
            failure = CurlFailure.classify(outcome, depth: request.depth,
                                           usesTLS: request.url.scheme?.lowercased() == "https",
                                           endpoint: endpoint, timeout: request.timeout)
        }
        if case .failure(let headerFailure) = outcome.proxyHeader {
            // libcurl only saw its callback fail; the sender knows why.
            failure = headerFailure
        }
        if failure == nil, request.proxy == nil, let pinned = request.connectAddress, let actual = outcome.primaryIP,
           !CurlFailure.sameAddress(pinned, actual) {
            failure = NetFailure(.local, "asked to connect to \(pinned) but libcurl connected to \(actual)")
        }
        self.init(failure: failure,
                  status: request.depth == .http && outcome.status > 0 ? outcome.status : nil,
                  headers: outcome.headers,
                  body: outcome.body,
                  bodyTruncated: outcome.bodyTruncated,
                  remoteAddress: remoteAddress,
                  remotePort: remotePort,
                  timings: outcome.timings,
                  tlsVersion: outcome.tls.version,
                  cipher: outcome.tls.cipher,
                  alpn: outcome.tls.alpn,
                  certificates: certificates,
                  proxyHeader: try? outcome.proxyHeader?.get(),
                  stapledOCSP: outcome.tls.stapledOCSP)
    }
}
