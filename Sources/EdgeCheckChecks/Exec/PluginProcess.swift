import Foundation
import Glibc
import EdgeCheckModel
import EdgeCheckNet

/// Runs one plugin program: argv only (never a shell), in a process group of its own, stdin from
/// /dev/null, stdout and stderr captured up to a cap, bounded by a timeout.
///
/// Whatever happens, no process of the plugin's group outlives `run`: when the plugin exits, times
/// out or the task is cancelled, the whole group is sent SIGTERM (timeout, cancel) and SIGKILL after
/// `grace`, and `run` returns only once the group is gone (or `reapBound` has passed).
public struct PluginProcess: Sendable {
    /// Absolute path of the program; also `argv[0]`.
    public var executable: String
    public var arguments: [String]
    /// The complete environment, as `NAME=value` entries.
    public var environment: [String]
    /// The working directory of the plugin.
    public var directory: String
    public var timeout: Duration
    /// Bytes kept of stdout and of stderr each; the rest is read and thrown away.
    public var outputCap: Int
    /// Time between SIGTERM and SIGKILL.
    public var grace: Duration
    /// How long to wait, after SIGKILL, for the group's last process to be gone.
    public var reapBound: Duration

    public init(executable: String, arguments: [String], environment: [String], directory: String,
                timeout: Duration, outputCap: Int = 64 * 1024, grace: Duration = .seconds(1),
                reapBound: Duration = .seconds(5)) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.timeout = timeout
        self.outputCap = outputCap
        self.grace = grace
        self.reapBound = reapBound
    }

    /// How the plugin ended.
    public enum Termination: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal it did not catch ended it (without our asking).
        case signaled(Int32)
        /// It ran past the timeout and was killed.
        case timedOut
        /// The task was cancelled (an interrupt) and the plugin was killed.
        case cancelled
        /// It could not be started; the text says why.
        case notStarted(String)
    }

    /// What a finished plugin left.
    public struct Result: Sendable {
        public var termination: Termination
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        public var stdoutTruncated: Bool
        public var stderrTruncated: Bool
        /// The plugin's process group id (its pid), or 0 when it never started.
        public var processGroup: Int32
        /// True when some process of the group was still present after `reapBound`.
        public var groupOutlived: Bool
    }

    /// Starts the plugin and waits for it on a thread of its own (the wait blocks in `poll`),
    /// so the cooperative pool is never held up.
    public func run() async -> Result {
        let signal = CancelSignal()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
                let thread = Thread { [self] in
                    continuation.resume(returning: self.runBlocking(cancel: signal))
                }
                thread.name = "edgecheck plugin"
                thread.start()
            }
        } onCancel: {
            signal.fire()
        }
    }

    // MARK: The blocking part

    private func runBlocking(cancel: CancelSignal) -> Result {
        defer { cancel.close() }
        var result = Result(termination: .cancelled, stdout: [], stderr: [], stdoutTruncated: false,
                            stderrTruncated: false, processGroup: 0, groupOutlived: false)
        if cancel.fired { return result }

        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        // One plugin start at a time: another start must not inherit these pipes' write ends in
        // the moment before they are marked close-on-exec, or this plugin's output would not end
        // until that other plugin does.
        let spawned: Swift.Result<pid_t, SpawnError> = Self.spawnLock.withLock {
            guard Self.makePipe(&outPipe), Self.makePipe(&errPipe) else {
                return .failure(SpawnError(text: "cannot create pipes: \(String(cString: strerror(errno)))"))
            }
            return spawn(stdoutWrite: outPipe[1], stderrWrite: errPipe[1])
        }
        for fd in [outPipe[1], errPipe[1]] where fd >= 0 { Glibc.close(fd) }
        guard case .success(let pid) = spawned else {
            for fd in [outPipe[0], errPipe[0]] where fd >= 0 { Glibc.close(fd) }
            if case .failure(let error) = spawned { result.termination = .notStarted(error.text) }
            return result
        }
        result.processGroup = pid

        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var killAt: ContinuousClock.Instant?
        var stoppedBy: Termination?
        var leaderStatus: Int32?
        var leaderExitedAt: ContinuousClock.Instant?
        var out = Capture(fd: outPipe[0], cap: outputCap)
        var err = Capture(fd: errPipe[0], cap: outputCap)

        while true {
            if leaderStatus == nil {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid {
                    leaderStatus = status
                    leaderExitedAt = clock.now
                    // The plugin is done: nothing it left behind in its group may keep running.
                    kill(-pid, SIGKILL)
                }
            }
            let now = clock.now
            if let exitedAt = leaderExitedAt {
                // Something outside the group may still hold the pipes open; don't wait for it long.
                if (!out.open && !err.open) || now - exitedAt > .milliseconds(500) { break }
            } else if stoppedBy == nil {
                if cancel.fired {
                    stoppedBy = .cancelled
                } else if now >= deadline {
                    stoppedBy = .timedOut
                }
                if stoppedBy != nil {
                    kill(-pid, SIGTERM)
                    killAt = now + grace
                }
            } else if let killAt, now >= killAt {
                kill(-pid, SIGKILL)
            }

            var wake = Duration.milliseconds(50)
            if stoppedBy == nil && leaderExitedAt == nil { wake = min(wake, max(.zero, deadline - now)) }
            var fds: [pollfd] = []
            if out.open { fds.append(pollfd(fd: out.fd, events: Int16(POLLIN), revents: 0)) }
            if err.open { fds.append(pollfd(fd: err.fd, events: Int16(POLLIN), revents: 0)) }
            if stoppedBy == nil, let fd = cancel.readFD { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            let waitMs = Int32(max(1, wake.milliseconds.rounded(.up)))
            _ = poll(&fds, nfds_t(fds.count), waitMs)
            for entry in fds where entry.revents != 0 {
                if entry.fd == out.fd { out.read() } else if entry.fd == err.fd { err.read() }
            }
        }
        out.close()
        err.close()

        if leaderStatus == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            leaderStatus = status
        }
        result.groupOutlived = !waitForGroupToVanish(pid)
        result.stdout = out.bytes
        result.stderr = err.bytes
        result.stdoutTruncated = out.truncated
        result.stderrTruncated = err.truncated
        if let stoppedBy {
            result.termination = stoppedBy
        } else if let status = leaderStatus {
            let signal = status & 0x7f
            result.termination = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
        }
        return result
    }

    /// Sends SIGKILL to the group until no process of it is left. Orphaned members are reaped by
    /// init, which can take a moment; children of ours are reaped here.
    private func waitForGroupToVanish(_ group: pid_t) -> Bool {
        let clock = ContinuousClock()
        let until = clock.now + reapBound
        while true {
            var status: Int32 = 0
            while waitpid(-group, &status, WNOHANG) > 0 {}
            if kill(-group, SIGKILL) == -1 && errno == ESRCH { return true }
            if clock.now >= until { return false }
            usleep(10_000)
        }
    }

    private static let spawnLock = NSLock()

    /// A pipe whose two ends are close-on-exec.
    static func makePipe(_ fds: inout [Int32]) -> Bool {
        let created = fds.withUnsafeMutableBufferPointer { buffer in
            if let pipe2 = GlibcExtensions.pipe2 { return pipe2(buffer.baseAddress!, O_CLOEXEC) }
            return pipe(buffer.baseAddress!)
        }
        guard created == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private struct SpawnError: Error {
        var text: String
    }

    /// posix_spawn with its own process group, default signal dispositions (the command line
    /// ignores SIGINT/SIGTERM itself, and ignored signals would be inherited), an empty signal
    /// mask, stdin from /dev/null and every other descriptor closed.
    private func spawn(stdoutWrite: Int32, stderrWrite: Int32) -> Swift.Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutWrite, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrWrite, 2)
        if let addCloseFrom = GlibcExtensions.addCloseFrom { _ = addCloseFrom(&actions, 3) }
        if let addChdir = GlibcExtensions.addChdir { _ = addChdir(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup($0) }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        var status: Int32 = 0
        // ETXTBSY: the plugin file is still open for writing somewhere, typically in a process
        // forked while it was being written (installed, or updated, a moment ago), which lets go
        // of it when it execs. Wait for that, briefly, rather than fail the check.
        for attempt in 0..<20 {
            if attempt > 0 { usleep(50_000) }
            status = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
                (envp + [nil]).withUnsafeBufferPointer { envBuffer in
                    posix_spawn(&pid, executable, &actions, &attributes, argvBuffer.baseAddress!, envBuffer.baseAddress!)
                }
            }
            if status != ETXTBSY { break }
        }
        guard status == 0 else {
            return .failure(SpawnError(text: "cannot start \(executable): \(String(cString: strerror(status)))"))
        }
        return .success(pid)
    }
}

extension PluginProcess {
    /// One captured output stream: keeps the first `cap` bytes, reads and drops the rest so the
    /// plugin never blocks on a full pipe.
    private struct Capture {
        let fd: Int32
        let cap: Int
        var bytes: [UInt8] = []
        var truncated = false
        var open = true

        init(fd: Int32, cap: Int) {
            self.fd = fd
            self.cap = cap
        }

        mutating func read() {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                let room = cap - bytes.count
                if room > 0 { bytes.append(contentsOf: buffer[0..<min(room, count)]) }
                if count > room { truncated = true }
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                close()
            }
        }

        mutating func close() {
            if open { Glibc.close(fd) }
            open = false
        }
    }

    /// Wakes the waiting thread when the task is cancelled: a flag plus a pipe it polls.
    private final class CancelSignal: @unchecked Sendable {
        private let lock = NSLock()
        private var pipeFDs: [Int32] = [-1, -1]
        private var isFired = false

        init() {
            if !PluginProcess.makePipe(&pipeFDs) { pipeFDs = [-1, -1] }
        }

        var fired: Bool { lock.withLock { isFired } }

        var readFD: Int32? { lock.withLock { pipeFDs[0] >= 0 ? pipeFDs[0] : nil } }

        func fire() {
            lock.withLock {
                isFired = true
                if pipeFDs[1] >= 0 {
                    var byte: UInt8 = 1
                    _ = write(pipeFDs[1], &byte, 1)
                }
            }
        }

        func close() {
            lock.withLock {
                for fd in pipeFDs where fd >= 0 { Glibc.close(fd) }
                pipeFDs = [-1, -1]
            }
        }
    }
}
