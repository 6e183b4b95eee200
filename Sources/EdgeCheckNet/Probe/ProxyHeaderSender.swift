#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a PROXY protocol header on a connected socket, before libcurl starts TLS or HTTP on it.
///
/// The socket is libcurl's own (non-blocking, just connected, its send buffer empty), so the
/// header, at most 107 bytes in version 1 and 52 in version 2, goes in one `send` or not at all.
enum ProxyHeaderSender {
    /// What was sent, or why nothing could be.
    typealias Result = Swift.Result<ProxyProtocolHeader, NetFailure>

    /// Sends the header `request` asks for on `socket`, announcing its source (or the socket's own).
    static func write(_ request: ProbeRequest.ProxyProtocol, on socket: Int32, endpoint: String) -> Result {
        guard socket >= 0, let local = address(of: socket, peer: false) else {
            return .failure(NetFailure(.local, "cannot send the PROXY header to \(endpoint): the connection's "
                                       + "addresses are unknown"))
        }
        guard let remote = address(of: socket, peer: true) else {
            // The peer is gone already: a listener that rejects this source at once (HAProxy's
            // `tcp-request connection reject`) closes before the header could be written.
            return .failure(NetFailure(.reset, "\(endpoint) closed the connection before the PROXY header could be sent"))
        }
        let source = request.source ?? local.address
        guard let header = ProxyProtocolHeader(version: request.version, source: source, sourcePort: local.port,
                                               destination: remote.address, destinationPort: remote.port) else {
            return .failure(NetFailure(.local, "proxy-source \(source) is IPv\(source.isIPv6 ? 6 : 4) but the "
                                       + "connection to \(endpoint) is IPv\(remote.address.isIPv6 ? 6 : 4); a PROXY "
                                       + "header carries addresses of one family"))
        }
        let bytes = header.bytes
        let sent = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else {
            let reason = sent < 0 ? String(cString: strerror(errno)) : "only \(sent) of \(bytes.count) bytes went"
            return .failure(NetFailure(.reset, "could not send the \(header.spoken) header to \(endpoint): \(reason)"))
        }
        return .success(header)
    }

    /// The socket's local (or, with `peer`, remote) address and port; an IPv4-mapped IPv6
    /// address is given as IPv4, as the protocol's TCP4 block expects.
    private static func address(of socket: Int32, peer: Bool) -> (address: IPAddress, port: UInt16)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                peer ? getpeername(socket, $0, &length) : getsockname(socket, $0, &length)
            }
        }
        guard status == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafeBytes(of: &storage) { raw in
                let address = raw.load(as: sockaddr_in.self)
                let bytes = withUnsafeBytes(of: address.sin_addr) { Array($0) }
                return IPAddress(bytes: bytes).map { ($0, UInt16(bigEndian: address.sin_port)) }
            }
        case AF_INET6:
            return withUnsafeBytes(of: &storage) { raw in
                let address = raw.load(as: sockaddr_in6.self)
                let bytes = withUnsafeBytes(of: address.sin6_addr) { Array($0) }
                guard let ip = IPAddress(bytes: bytes) else { return nil }
                return (ip.unmappedIPv4 ?? ip, UInt16(bigEndian: address.sin6_port))
            }
        default:
            return nil
        }
    }
}
