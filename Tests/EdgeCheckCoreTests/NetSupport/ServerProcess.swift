import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real server program (dnsmasq, openssl s_server) started for one test on loopback and
/// stopped when the test drops it.
final class ServerProcess: @unchecked Sendable {
    private let process = Process()
    private let errors = Pipe()

    init(_ executable: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Stops the program. SIGKILL, because a child spawned from the test runner inherits a
    /// signal mask that can block SIGTERM.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// Ports for throwaway servers: random in a high range, so parallel tests rarely collide.
enum TestPorts {
    static func next() -> UInt16 { UInt16.random(in: 20_000...39_999) }

    /// Waits until something accepts TCP connections on host:port (at most `limit`).
    static func waitForTCP(_ host: String, _ port: UInt16, limit: Duration = .seconds(5)) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = port.bigEndian
            inet_pton(AF_INET, host, &addr.sin_addr)
            let ok = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if ok { return true }
            usleep(20_000)
        }
        return false
    }
}

/// A socket bound on loopback that never reads: a resolver or server that stays silent.
final class SilentSocket: @unchecked Sendable {
    let fd: Int32
    let host: String
    let port: UInt16

    /// UDP (`stream: false`) swallows datagrams; TCP (`stream: true`) listens but never accepts
    /// beyond the kernel backlog, so a connect succeeds and nothing is ever said.
    init(host: String, stream: Bool) throws {
        self.host = host
        let fd = socket(AF_INET, Int32(stream ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        inet_pton(AF_INET, host, &addr.sin_addr)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        if stream { listen(fd, 16) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
    }

    deinit { close(fd) }
}
