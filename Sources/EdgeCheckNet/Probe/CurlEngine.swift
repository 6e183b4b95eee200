import CCurl
import COpenSSL
import Foundation

/// The one libcurl multi handle of the process, driven by a thread of its own. Probes from any
/// task are queued under a lock and picked up after `curl_multi_wakeup`; each completes by
/// resuming its continuation. Created on the first probe (or by `prepare`), so a run without
/// probes pays nothing.
final class CurlEngine: @unchecked Sendable {
    static let shared = CurlEngine()

    /// Set once on the engine thread, before `isReady`; read by others only after `waitUntilReady`.
    private var multi: UnsafeMutableRawPointer?
    /// Why probes cannot run (libcurl could not be loaded); set like `multi`.
    private(set) var unavailable: String?
    private let lock = NSLock()
    private let readiness = NSCondition()
    private var isReady = false
    private var incoming: [ProbeTransfer] = []
    private var cancelling: [ProbeTransfer] = []
    /// Transfers on the multi handle, by easy handle (engine thread only).
    private var live: [UnsafeMutableRawPointer: ProbeTransfer] = [:]

    /// Starts two threads and returns at once. The engine thread loads libcurl (and its thirty-odd
    /// libraries) and runs its global set-up; meanwhile another thread sets OpenSSL up and makes
    /// its first context. Together some 6 ms of work, done while the caller reads its suites.
    private init() {
        let thread = Thread { [unowned self] in
            let failure = ec_curl_load().map { String(cString: $0) }
            if failure == nil {
                ec_curl_global_init(Int(CURL_GLOBAL_DEFAULT))
                self.multi = ec_curl_multi_init()
                CurlEngine.raiseOpenFileLimit()
            }
            self.readiness.withLock {
                self.unavailable = failure ?? (self.multi == nil ? "libcurl could not create its multi handle" : nil)
                self.isReady = true
                self.readiness.broadcast()
            }
            if self.unavailable == nil { self.run() }
        }
        thread.name = "edgecheck-curl"
        thread.start()
        // Started second: loading libcurl is the longer task, and a thread created while dlopen
        // holds the dynamic loader's lock waits for it anyway (started first, it only slowed the
        // loading down). A libcurl.so.4 that never finishes loading holds that lock for good and
        // so leaves the caller here; that is why help and usage errors never start the engine.
        Thread.detachNewThread { CurlEngine.warmUpTLS() }
    }

    /// Starts the engine now, for a caller that knows probes will follow.
    static func prepare() {
        _ = shared
    }

    /// Blocks until libcurl is loaded and set up (or known unusable), which must precede any easy
    /// handle. Waits only on the first probes of a process, and at most those few milliseconds.
    func waitUntilReady() {
        readiness.withLock {
            while !isReady { readiness.wait() }
        }
    }

    /// OpenSSL loads its configuration and, on the first SSL_CTX of the process, fetches its
    /// ciphers, groups and signature algorithms from the providers (about 3 ms together). Done
    /// here, it is off the path of the first probe, whose `tls` phase then measures the handshake
    /// rather than this set-up. libcurl's own initialisation later finds OpenSSL initialised
    /// (OpenSSL runs it once, whichever thread comes first), with the same configuration flag.
    private static func warmUpTLS() {
        OPENSSL_init_ssl(UInt64(OPENSSL_INIT_LOAD_CONFIG), nil)
        if let context = SSL_CTX_new(TLS_client_method()) { SSL_CTX_free(context) }
    }

    /// Queues `transfer`; its continuation must already be set.
    func submit(_ transfer: ProbeTransfer) {
        lock.withLock { incoming.append(transfer) }
        ec_curl_multi_wakeup(multi!)
    }

    /// Asks the engine to drop `transfer` and finish it as cancelled.
    func cancel(_ transfer: ProbeTransfer) {
        lock.withLock {
            transfer.cancelRequested = true
            cancelling.append(transfer)
        }
        ec_curl_multi_wakeup(multi!)
    }

    private func run() {
        guard let multi else { return }
        var stillRunning: Int32 = 0
        while true {
            let (added, dropped) = lock.withLock {
                defer { incoming = []; cancelling = [] }
                return (incoming, cancelling)
            }
            for transfer in added {
                if lock.withLock({ transfer.cancelRequested }) {
                    finish(transfer)
                    continue
                }
                transfer.startedAt = DispatchTime.now().uptimeNanoseconds
                let code = ec_curl_multi_add_handle(multi, transfer.easy)
                if code == CURLM_OK {
                    transfer.isActive = true
                    live[transfer.easy] = transfer
                } else {
                    transfer.outcome.code = CURLE_FAILED_INIT
                    finish(transfer)
                }
            }
            for transfer in dropped where transfer.isActive {
                ec_curl_multi_remove_handle(multi, transfer.easy)
                transfer.isActive = false
                live[transfer.easy] = nil
                transfer.collect(CURLE_ABORTED_BY_CALLBACK)
                finish(transfer)
            }

            ec_curl_multi_perform(multi, &stillRunning)
            var left: Int32 = 0
            while let message = ec_curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = live[easy] else { continue }
                // Read everything while the easy handle (and a connect-only connection) lives.
                transfer.collect(message.pointee.data.result)
                ec_curl_multi_remove_handle(multi, easy)
                transfer.isActive = false
                live[easy] = nil
                finish(transfer)
            }
            ec_curl_multi_poll(multi, live.isEmpty ? 10_000 : 1_000)
        }
    }

    private func finish(_ transfer: ProbeTransfer) {
        guard !transfer.isFinished else { return }
        transfer.isFinished = true
        transfer.cleanUp()
        transfer.outcome.cancelled = lock.withLock { transfer.cancelRequested }
        transfer.continuation?.resume(returning: transfer.outcome)
        transfer.continuation = nil
    }

    /// A thousand probes at once need a thousand descriptors: lift the soft limit to the hard one.
    private static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
