import CCares
import Foundation

/// One lookup on its own c-ares channel, run to completion on the calling (blocking) thread.
final class DNSQuery: @unchecked Sendable {
    let name: String
    let type: DNSRecordType
    let server: DNSServer
    let timeout: Duration
    let bind: String?

    // Set from any thread by `cancel()`; read by the loop.
    private let lock = NSLock()
    private var cancelled = false

    // Written by the c-ares callback, which runs on the loop's own thread.
    fileprivate var finished = false
    fileprivate var status: Int32 = ARES_ETIMEOUT
    fileprivate var reply: [UInt8] = []

    init(name: String, type: DNSRecordType, server: DNSServer, timeout: Duration, bind: String?) {
        self.name = name
        self.type = type
        self.server = server
        self.timeout = timeout
        self.bind = bind
    }

    func cancel() {
        lock.withLock { cancelled = true }
    }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    /// Blocks until an answer, a failure, the timeout or cancellation.
    func run() -> DNSLookup {
        DNSQuery.initialiseLibraryOnce
        let started = ContinuousClock.now
        let deadline = started + timeout
        var result = DNSLookup(name: name, type: type, resolver: server)
        func finish(_ failure: NetFailure?) -> DNSLookup {
            result.failure = failure
            result.durationMs = (ContinuousClock.now - started).milliseconds
            return result
        }

        var options = ares_options()
        let totalMs = max(1, Int32(timeout.milliseconds.rounded()))
        // c-ares doubles the wait on each retry: t + 2t fits the budget with one retransmission.
        options.timeout = max(1, totalMs / 3)
        options.tries = 2
        // Ask exactly the name given: no search domains, no HOSTALIASES. NOCHECKRESP hands us the
        // resolver's own rcode: without it c-ares 1.18 treats SERVFAIL and REFUSED as a dead
        // server, moves on, and ends with the ECONNREFUSED it started from, so a SERVFAIL read
        // as "refused". (A reply whose id or question differs from ours is still dropped.)
        options.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES | ARES_FLAG_NOCHECKRESP
        var channel: ares_channel?
        let initStatus = ares_init_options(&channel, &options,
                                           ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_FLAGS)
        guard initStatus == ARES_SUCCESS, let channel else {
            return finish(NetFailure(.local, "cannot set up DNS resolution: \(String(cString: ares_strerror(initStatus)))"))
        }
        defer { ares_destroy(channel) }

        if case .address(let host, let port) = server {
            let csv = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            let status = ares_set_servers_ports_csv(channel, csv)
            guard status == ARES_SUCCESS else {
                return finish(NetFailure(.local, "\(csv) is not a resolver address c-ares accepts"))
            }
        }
        if let bind {
            guard DNSQuery.bind(channel, to: bind) else {
                return finish(NetFailure(.local, "\(bind) is not an IP address to send DNS queries from"))
            }
        }
        let who = DNSQuery.describe(server, channel: channel)

        let recordType: Int32 = type == .a ? 1 : 28
        let box = Unmanaged.passRetained(self)
        ares_query(channel, name, 1 /* C_IN */, recordType, { arg, status, _, abuf, alen in
            let query = Unmanaged<DNSQuery>.fromOpaque(arg!).takeRetainedValue()
            query.finished = true
            query.status = status
            if let abuf, alen > 0 { query.reply = Array(UnsafeBufferPointer(start: abuf, count: Int(alen))) }
        }, box.toOpaque())

        var timedOut = false
        while !finished {
            let now = ContinuousClock.now
            if now >= deadline || isCancelled {
                timedOut = now >= deadline
                ares_cancel(channel)
                break
            }
            let left = (deadline - now).milliseconds
            if ec_ares_turn(channel, Int32(min(20, max(1, left.rounded(.up))))) == 0 && !finished {
                // No socket and nothing pending, yet no callback: let destroy deliver it.
                break
            }
        }
        if !finished {
            ares_cancel(channel)
        }

        switch status {
        case ARES_SUCCESS:
            guard parse(into: &result) else {
                return finish(NetFailure(.dnsMalformed, "\(who) sent a reply for \(name) \(type.rawValue) that cannot be parsed"))
            }
            return finish(nil)
        case ARES_ENODATA:
            return finish(nil)
        case ARES_ENOTFOUND:
            return finish(NetFailure(.nxdomain, "\(who) says \(name) does not exist (NXDOMAIN)"))
        case ARES_ESERVFAIL:
            return finish(NetFailure(.servfail, "\(who) failed to answer for \(name) \(type.rawValue) (SERVFAIL)"))
        case ARES_EREFUSED:
            return finish(NetFailure(.refused, "\(who) refused the query for \(name) \(type.rawValue) (REFUSED)"))
        case ARES_ECONNREFUSED:
            // Port unreachable: no resolver listens there.
            return finish(NetFailure(.refused, "\(who) refused the query for \(name) \(type.rawValue) "
                                        + "(nothing listens there)"))
        case ARES_EFORMERR, ARES_ENOTIMP:
            let rcode = status == ARES_EFORMERR ? "FORMERR" : "NOTIMP"
            return finish(NetFailure(.servfail, "\(who) could not answer for \(name) \(type.rawValue) (\(rcode))"))
        case ARES_EBADRESP:
            return finish(NetFailure(.dnsMalformed, "\(who) sent a reply for \(name) \(type.rawValue) that cannot be parsed"))
        case ARES_ETIMEOUT:
            return finish(NetFailure(.dnsTimeout, "\(who) did not answer for \(name) \(type.rawValue) within \(timeout.spoken)"))
        case ARES_ECANCELLED, ARES_EDESTRUCTION:
            if timedOut || !isCancelled {
                return finish(NetFailure(.dnsTimeout,
                                         "\(who) did not answer for \(name) \(type.rawValue) within \(timeout.spoken)"))
            }
            return finish(NetFailure(.dnsTimeout, "lookup of \(name) \(type.rawValue) at \(who) was cancelled"))
        case ARES_EBADNAME:
            return finish(NetFailure(.local, "\(name) is not a name that can be looked up"))
        default:
            let reason = String(cString: ares_strerror(status))
            return finish(NetFailure(.servfail, "\(who) gave no usable answer for \(name) \(type.rawValue): \(reason)"))
        }
    }

    /// Reads addresses, TTLs and the CNAME chain from the raw reply; false when it cannot be parsed.
    private func parse(into result: inout DNSLookup) -> Bool {
        var host: UnsafeMutablePointer<hostent>?
        var count: Int32 = 512
        var answers: [DNSLookup.Answer] = []
        let parsed = reply.withUnsafeBufferPointer { buffer -> Bool in
            switch type {
            case .a:
                var ttls = [ares_addrttl](repeating: ares_addrttl(), count: Int(count))
                let status = ares_parse_a_reply(buffer.baseAddress, Int32(buffer.count), &host, &ttls, &count)
                // ENODATA: the answers are for other names or types only, which is no answer.
                guard status == ARES_SUCCESS else { return status == ARES_ENODATA }
                for entry in ttls.prefix(Int(count)) {
                    var addr = entry.ipaddr
                    answers.append(.init(address: DNSQuery.text(of: &addr, family: AF_INET, length: INET_ADDRSTRLEN),
                                         type: .a, ttl: UInt32(max(0, entry.ttl))))
                }
            case .aaaa:
                var ttls = [ares_addr6ttl](repeating: ares_addr6ttl(), count: Int(count))
                let status = ares_parse_aaaa_reply(buffer.baseAddress, Int32(buffer.count), &host, &ttls, &count)
                guard status == ARES_SUCCESS else { return status == ARES_ENODATA }
                for entry in ttls.prefix(Int(count)) {
                    var addr = entry.ip6addr
                    answers.append(.init(address: DNSQuery.text(of: &addr, family: AF_INET6, length: INET6_ADDRSTRLEN),
                                         type: .aaaa, ttl: UInt32(max(0, entry.ttl))))
                }
            }
            return true
        }
        result.answers = answers
        if let host {
            // c-ares lists the owner of each CNAME followed, the queried name first.
            var owners: [String] = []
            if var alias = host.pointee.h_aliases {
                while let name = alias.pointee {
                    owners.append(String(cString: name))
                    alias += 1
                }
            }
            result.cnames = owners
            ares_free_hostent(host)
        }
        return parsed
    }

    private static func text<T>(of address: inout T, family: Int32, length: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(length))
        return withUnsafePointer(to: &address) { source in
            buffer.withUnsafeMutableBufferPointer { out in
                inet_ntop(family, source, out.baseAddress, socklen_t(length)).map { String(cString: $0) } ?? ""
            }
        }
    }

    private static func bind(_ channel: ares_channel, to address: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            ares_set_local_ip4(channel, UInt32(bigEndian: v4.s_addr))
            return true
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            withUnsafeBytes(of: &v6) { bytes in
                ares_set_local_ip6(channel, bytes.bindMemory(to: UInt8.self).baseAddress)
            }
            return true
        }
        return false
    }

    /// The resolver as a message names it; for `system`, the servers resolv.conf gave.
    private static func describe(_ server: DNSServer, channel: ares_channel) -> String {
        guard case .system = server else { return server.description }
        var list: UnsafeMutablePointer<ares_addr_port_node>?
        guard ares_get_servers_ports(channel, &list) == ARES_SUCCESS, let first = list else { return "the system resolver" }
        defer { ares_free_data(first) }
        var names: [String] = []
        var node: UnsafeMutablePointer<ares_addr_port_node>? = first
        while let current = node {
            var addr = current.pointee.addr
            let port = UInt16(current.pointee.udp_port == 0 ? 53 : current.pointee.udp_port)
            let host: String
            if current.pointee.family == AF_INET {
                host = text(of: &addr.addr4, family: AF_INET, length: INET_ADDRSTRLEN)
            } else {
                host = text(of: &addr.addr6, family: AF_INET6, length: INET6_ADDRSTRLEN)
            }
            names.append(DNSServer.address(host: host, port: port).description)
            node = current.pointee.next
        }
        return "the system resolver (\(names.joined(separator: ", ")))"
    }

    /// c-ares wants one process-wide initialisation before the first channel.
    private static let initialiseLibraryOnce: Void = {
        _ = ares_library_init(ARES_LIB_INIT_ALL)
    }()
}
