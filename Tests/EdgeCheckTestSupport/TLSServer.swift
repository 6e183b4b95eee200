import Foundation
import EdgeCheckNet

/// `openssl s_server` serving one of the test certificates on loopback, answering HTTP with its
/// status page (`-www`) and offering ALPN `http/1.1`.
public final class TLSServer: @unchecked Sendable {
    public let host: String
    public let port: UInt16
    private let process: ServerProcess

    /// `issuer` is the intermediate served after the leaf; `weakAllowed` lets s_server itself use
    /// a key or signature its own security level would refuse to load; `extra` goes to s_server as is.
    public init(_ leaf: String, chain: Bool = true, host: String = "127.0.0.1", issuer: String = "intermediate",
                weakAllowed: Bool = false, extra: [String] = []) throws {
        let pki = TestPKI.shared
        self.host = host
        port = TestPorts.next()
        var arguments = ["s_server", "-accept", host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)", "-cert", pki.path("\(leaf).pem"),
                         "-key", pki.path("\(leaf).key"), "-www", "-quiet", "-alpn", "http/1.1"]
        if chain { arguments += ["-cert_chain", pki.path("\(issuer).pem")] }
        if weakAllowed { arguments += ["-cipher", "DEFAULT@SECLEVEL=0"] }
        arguments += extra
        process = try ServerProcess("/usr/bin/openssl", arguments)
        guard TestPorts.waitForTCP(host, port) else { throw POSIXError(.ECONNREFUSED) }
    }

    /// The front name, connected to this server's address.
    public func request(_ path: String = "/", name: String = "www.edgecheck.test", depth: ProbeRequest.Depth = .http,
                 trust: ProbeRequest.Trust = .verify, caFile: String? = nil) -> ProbeRequest {
        ProbeRequest(url: URL(string: "https://\(name):\(port)\(path)")!, connectAddress: host, depth: depth,
                     trust: trust, timeout: .seconds(3), caFile: caFile, captureCertificates: true)
    }
}
