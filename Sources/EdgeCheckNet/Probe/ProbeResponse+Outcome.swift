import CCurl
import Foundation

extension ProbeResponse {
    /// Builds the public response from what the engine collected (parsing the chain here, on the
    /// caller's task, keeps certificate work off the libcurl thread).
    init(_ outcome: ProbeTransfer.Outcome, of request: ProbeRequest, endpoint: String) {
        let certificates = outcome.tls.chain.compactMap { try? Certificate(der: $0) }
        var failure = CurlFailure.classify(outcome, depth: request.depth,
                                           usesTLS: request.url.scheme?.lowercased() == "https",
                                           endpoint: endpoint, timeout: request.timeout)
        if failure == nil, let pinned = request.connectAddress, let actual = outcome.primaryIP,
           !CurlFailure.sameAddress(pinned, actual) {
            failure = NetFailure(.local, "asked to connect to \(pinned) but libcurl connected to \(actual)")
        }
        self.init(failure: failure,
                  status: request.depth == .http && outcome.status > 0 ? outcome.status : nil,
                  headers: outcome.headers,
                  body: outcome.body,
                  bodyTruncated: outcome.bodyTruncated,
                  remoteAddress: outcome.primaryIP,
                  remotePort: outcome.primaryPort,
                  timings: outcome.timings,
                  tlsVersion: outcome.tls.version,
                  cipher: outcome.tls.cipher,
                  alpn: outcome.tls.alpn,
                  certificates: certificates)
    }
}
