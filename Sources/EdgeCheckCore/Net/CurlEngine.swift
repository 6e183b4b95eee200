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
    private let lock = NSLock()
    private let readiness = NSCondition()
    private var isReady = false
    private var incoming: [ProbeTransfer] = []
    private var cancelling: [ProbeTransfer] = []
    /// Transfers on the multi handle, by easy handle (engine thread only).
    private var live: [UnsafeMutableRawPointer: ProbeTransfer] = [:]

    /// Starts the thread and returns at once: libcurl's global set-up and OpenSSL's first context
    /// take some 3 ms, which then overlap whatever the caller does before its first probe.
    private init() {
        let thread = Thread { [unowned self] in
            curl_global_init(Int(CURL_GLOBAL_DEFAULT))
            self.multi = curl_multi_init()
            CurlEngine.raiseOpenFileLimit()
            self.readiness.withLock {
                self.isReady = true
                self.readiness.broadcast()
            }
            CurlEngine.warmUpTLS()
            self.run()
        }
        thread.name = "edgecheck-curl"
        thread.start()
    }

    /// Starts the engine now, for a caller that knows probes will follow.
    static func prepare() {
        _ = shared
    }

    /// Blocks until libcurl's global initialisation is done, which must precede any easy handle.
    /// Waits at most that initialisation (about a millisecond), once per process.
    func waitUntilReady() {
        readiness.withLock {
            while !isReady { readiness.wait() }
        }
    }

    /// OpenSSL fetches its ciphers, groups and signature algorithms from the providers on the
    /// first SSL_CTX of the process (about 2 ms). Done here, it is off the path of the first
    /// probe, whose `tls` phase then measures the handshake rather than this set-up.
    private static func warmUpTLS() {
        if let context = SSL_CTX_new(TLS_client_method()) { SSL_CTX_free(context) }
    }

    /// Queues `transfer`; its continuation must already be set.
    func submit(_ transfer: ProbeTransfer) {
        lock.withLock { incoming.append(transfer) }
        curl_multi_wakeup(multi!)
    }

    /// Asks the engine to drop `transfer` and finish it as cancelled.
    func cancel(_ transfer: ProbeTransfer) {
        lock.withLock {
            transfer.cancelRequested = true
            cancelling.append(transfer)
        }
        curl_multi_wakeup(multi!)
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
                let code = curl_multi_add_handle(multi, transfer.easy)
                if code == CURLM_OK {
                    transfer.isActive = true
                    live[transfer.easy] = transfer
                } else {
                    transfer.outcome.code = CURLE_FAILED_INIT
                    finish(transfer)
                }
            }
            for transfer in dropped where transfer.isActive {
                curl_multi_remove_handle(multi, transfer.easy)
                transfer.isActive = false
                live[transfer.easy] = nil
                transfer.collect(CURLE_ABORTED_BY_CALLBACK)
                finish(transfer)
            }

            curl_multi_perform(multi, &stillRunning)
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = live[easy] else { continue }
                // Read everything while the easy handle (and a connect-only connection) lives.
                transfer.collect(message.pointee.data.result)
                curl_multi_remove_handle(multi, easy)
                transfer.isActive = false
                live[easy] = nil
                finish(transfer)
            }
            curl_multi_poll(multi, nil, 0, live.isEmpty ? 10_000 : 1_000, nil)
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
