import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A UDP resolver on loopback that answers every query with whatever `reply` makes of it: a
/// SERVFAIL, garbage, an answer to another question. Each datagram `reply` returns is sent back,
/// in order, so a test can send a forged answer before the real one.
public final class FakeDNSServer: @unchecked Sendable {
    public let host: String
    public let port: UInt16
    private let socket: SilentSocket
    private let thread: Thread

    public init(host: String = "127.0.54.20", reply: @escaping @Sendable (_ query: [UInt8]) -> [[UInt8]]) throws {
        socket = try SilentSocket(host: host, stream: false)
        self.host = host
        port = socket.port
        let fd = socket.fd
        // A receive timeout lets the loop notice the server was dropped.
        var wait = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let stopped = Stop()
        self.stop = stopped
        thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !stopped.value {
                var peer = sockaddr_storage()
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let count = withUnsafeMutablePointer(to: &peer) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
                }
                guard count > 0 else { continue }
                for datagram in reply(Array(buffer.prefix(count))) {
                    _ = withUnsafePointer(to: &peer) { pointer in
                        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, datagram, datagram.count, 0, $0, length) }
                    }
                }
            }
        }
        thread.start()
    }

    private let stop: Stop
    private final class Stop: @unchecked Sendable {
        private let lock = NSLock()
        private var flag = false
        var value: Bool {
            get { lock.withLock { flag } }
            set { lock.withLock { flag = newValue } }
        }
    }

    deinit { stop.value = true }

    // MARK: Replies

    /// The query's header and question with the response bit and `rcode` set, no records.
    public static func answer(to query: [UInt8], rcode: UInt8) -> [UInt8] {
        var reply = Array(query.prefix(questionEnd(query)))
        guard reply.count >= 12 else { return reply }
        reply[2] = 0x80 | (query[2] & 0x01)   // QR, RD copied
        reply[3] = 0x80 | (rcode & 0x0F)      // RA, rcode
        for index in 6..<12 { reply[index] = 0 }  // no answer, authority or additional records
        return reply
    }

    /// A NOERROR answer to `query` holding one A record per address (TTL 60).
    public static func answer(to query: [UInt8], addresses: [String]) -> [UInt8] {
        var reply = answer(to: query, rcode: 0)
        guard reply.count >= 12 else { return reply }
        reply[7] = UInt8(addresses.count)
        for address in addresses {
            var v4 = in_addr()
            inet_pton(AF_INET, address, &v4)
            let bytes = withUnsafeBytes(of: v4.s_addr) { Array($0) }
            // Name: a pointer to the question's name at offset 12; type A, class IN, TTL 60, 4 bytes.
            reply += [0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C, 0x00, 0x04] + bytes
        }
        return reply
    }

    /// `query` with its question name replaced by `name` (same id): an answer to another question.
    public static func query(_ query: [UInt8], renamedTo name: String) -> [UInt8] {
        var result = Array(query.prefix(12))
        for label in name.split(separator: ".") {
            result.append(UInt8(label.utf8.count))
            result += Array(label.utf8)
        }
        result.append(0)
        let end = questionEnd(query)
        if end >= 4 { result += query[(end - 4)..<end] }  // type and class
        return result
    }

    /// Where the first question ends (header, name, type, class).
    private static func questionEnd(_ query: [UInt8]) -> Int {
        var index = 12
        while index < query.count, query[index] != 0 { index += Int(query[index]) + 1 }
        return min(query.count, index + 5)
    }
}
