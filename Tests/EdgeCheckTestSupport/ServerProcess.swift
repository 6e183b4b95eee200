import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real server program (dnsmasq, openssl s_server, python3) started for one test on loopback
/// and killed when the test drops it. Spawned directly rather than with Foundation's `Process`,
/// whose child reaper can block on a long-running child while other processes come and go.
public final class ServerProcess: @unchecked Sendable {
    private let pid: pid_t
    private var stopped = false
    private let lock = NSLock()

    public init(_ executable: String, _ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner blocks signals on its threads; the server must not inherit that.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        pid = child
    }

    /// Kills the program and reaps it.
    public func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    deinit { stop() }
}

/// Ports for throwaway servers: random in a high range, so parallel tests rarely collide.
public enum TestPorts {
    public static func next() -> UInt16 { UInt16.random(in: 20_000...39_999) }

    /// Waits until something accepts TCP connections on host:port (at most `limit`: a hang
    /// detector, generous because a loaded two-core machine can take seconds to start a server).
    public static func waitForTCP(_ host: String, _ port: UInt16, limit: Duration = .seconds(20)) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            var hints = addrinfo()
            hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var found: UnsafeMutablePointer<addrinfo>?
            var ok = false
            if getaddrinfo(host, String(port), &hints, &found) == 0, let info = found?.pointee {
                let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
                ok = connect(fd, info.ai_addr, info.ai_addrlen) == 0
                close(fd)
            }
            freeaddrinfo(found)
            if ok { return true }
            usleep(20_000)
        }
        return false
    }
}

/// A socket bound on loopback that never reads: a resolver or server that stays silent.
public final class SilentSocket: @unchecked Sendable {
    public let fd: Int32
    public let host: String
    public let port: UInt16

    /// UDP (`stream: false`) swallows datagrams; TCP (`stream: true`) listens but never accepts
    /// beyond the kernel backlog, so a connect succeeds and nothing is ever said.
    public init(host: String, stream: Bool) throws {
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
