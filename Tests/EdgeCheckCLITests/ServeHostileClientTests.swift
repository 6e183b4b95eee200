import Foundation
import Testing

/// `edgecheck serve` against clients that are not Prometheus: request lines that are not HTTP,
/// heads of a megabyte, a client that sends a byte at a time, thousands of connections at once,
/// a flood past the process's file descriptors. Each is answered or refused, and the server
/// goes on serving `/metrics` to everyone else.
@Suite(.serialized) struct ServeHostileClientTests {
    /// One raw TCP connection to the server, with every wait bounded: a hang here is a failure,
    /// not a stuck test. (Unchecked: each test hands a connection to one task at a time.)
    final class RawConnection: @unchecked Sendable {
        let fd: Int32

        init(_ address: String, timeoutSeconds: Int = 20) throws {
            let parts = address.split(separator: ":")
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw POSIXError(.EMFILE) }
            var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var peer = sockaddr_in()
            peer.sin_family = sa_family_t(AF_INET)
            peer.sin_port = UInt16(parts[1])!.bigEndian
            inet_pton(AF_INET, String(parts[0]), &peer.sin_addr)
            let connected = withUnsafePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                let code = errno
                close(fd)
                throw POSIXError(POSIXErrorCode(rawValue: code) ?? .ECONNREFUSED)
            }
        }

        deinit { close(fd) }

        /// Sends all of `bytes`; false when the server stopped taking them.
        @discardableResult
        func send(_ bytes: [UInt8]) -> Bool {
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard count > 0 else { return false }
                sent += count
            }
            return true
        }

        func send(_ text: String) { send(Array(text.utf8)) }

        /// Everything the server sends until it closes (or the timeout passes).
        func reply() -> String {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { break }
                bytes += buffer[..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The request as sent and the reply read back.
    static func exchange(_ address: String, _ request: [UInt8]) throws -> String {
        let connection = try RawConnection(address)
        connection.send(request)
        return connection.reply()
    }

    /// The server still answers a scrape of `/metrics`.
    static func stillServes(_ address: String, _ running: EdgeCheckBinary.Running) throws {
        #expect(running.process.isRunning)
        #expect(try ServeCommandTests.curl("http://\(address)/metrics", maxTime: 10).status == 200)
    }

    @Test func requestsThatAreNotHTTPAre400sThatSayWhy() async throws {
        let (edgecheck, running, address) = try await ServeCommandTests.start()
        defer { _ = ServeCommandTests.stop(running); _ = edgecheck }
        let cases: [(request: [UInt8], reason: String)] = [
            (Array("GARBAGE\r\n\r\n".utf8), "not an HTTP/1.x request line"),
            (Array("GET /metrics HTTP/2.0\r\n\r\n".utf8), "not an HTTP/1.x request line"),
            (Array("GET  /metrics HTTP/1.1\r\n\r\n".utf8), "not an HTTP/1.x request line"),
            (Array("GET http://elsewhere.test/ HTTP/1.1\r\n\r\n".utf8),
             "the request target 'http://elsewhere.test/' is not a path with an optional query"),
            (Array("GET /metrics HTTP/1.1\r\nno colon here\r\n\r\n".utf8), "a header line has no ':'"),
            ([0xFF, 0xFE, 0x16, 0x03, 0x01, 0x0D, 0x0A, 0x0D, 0x0A], "the request is not UTF-8"),
            // Terminal escapes in what is quoted back come back as text.
            (Array("GET /\u{1B}[2J\u{07} HTTP/1.1\r\n\r\n".utf8),
             #"the request target '/\x1B[2J\x07' holds a character that is not visible ASCII; percent-encode it"#),
            (Array("GET /probe?module=%1B%5D0%3Bowned%07 HTTP/1.1\r\n\r\n".utf8), #"unknown module '\x1B]0;owned\x07'"#),
        ]
        for (request, reason) in cases {
            let reply = try Self.exchange(address, request)
            #expect(reply.hasPrefix("HTTP/1.1 400 "), "\(request): \(reply)")
            #expect(reply.contains(reason), "\(reply)")
            #expect(!reply.unicodeScalars.contains { $0.value < 0x20 && $0 != "\r" && $0 != "\n" }, "\(reply.debugDescription)")
        }
        try Self.stillServes(address, running)
        let metrics = try ServeCommandTests.curl("http://\(address)/metrics").body
        #expect(metrics.contains(#"edgecheck_requests_rejected_total{reason="module"} 1"#), "\(metrics)")
    }

    @Test func aHeadOfAMegabyteIs431AndALongQueryIsReadWhole() async throws {
        let (edgecheck, running, address) = try await ServeCommandTests.start()
        defer { _ = ServeCommandTests.stop(running); _ = edgecheck }
        // The reply must arrive although the client is still sending: the server reads on
        // after it, rather than resetting the connection under it.
        let huge = "GET /probe?module=" + String(repeating: "a", count: 1 << 20) + " HTTP/1.1\r\n\r\n"
        let reply = try Self.exchange(address, Array(huge.utf8))
        #expect(reply.hasPrefix("HTTP/1.1 431 "), "\(reply.prefix(300))")
        #expect(reply.contains("the request head is over 16384 bytes"))
        let header = "GET /metrics HTTP/1.1\r\nX-Filler: " + String(repeating: "b", count: 1 << 20) + "\r\n\r\n"
        #expect(try Self.exchange(address, Array(header.utf8)).hasPrefix("HTTP/1.1 431 "))
        // Under the limit, a long query is parsed and judged like any other.
        let long = try ServeCommandTests.curl("http://\(address)/probe?module=up&" + String(repeating: "x=1&", count: 3000))
        #expect(long.status == 200)
        #expect(long.body.contains("\nprobe_success 1.0\n"))
        let longModule = try ServeCommandTests.curl("http://\(address)/probe?module=" + String(repeating: "z", count: 12_000))
        #expect(longModule.status == 400)
        #expect(longModule.body.count < 1_000, "the reason quotes the module at length: \(longModule.body.count) bytes")
        try Self.stillServes(address, running)
    }

    @Test func aClientThatTricklesItsHeadIsCutOffWithoutDelayingOthers() async throws {
        let (edgecheck, running, address) = try await ServeCommandTests.start()
        defer { _ = ServeCommandTests.stop(running); _ = edgecheck }
        let slow = try RawConnection(address, timeoutSeconds: 30)
        let start = ContinuousClock.now
        let trickle = Task.detached {
            // A byte every quarter second: each read makes progress, but the head never ends.
            for byte in Array("GET /metrics HTTP/1.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "s"), count: 200) {
                guard slow.send([byte]) else { return }
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        // Meanwhile everyone else is served.
        for _ in 0..<5 {
            try Self.stillServes(address, running)
            try await Task.sleep(for: .milliseconds(200))
        }
        let reply = slow.reply()
        let took = ContinuousClock.now - start
        trickle.cancel()
        #expect(reply.hasPrefix("HTTP/1.1 408 "), "\(reply)")
        #expect(reply.contains("no request within 10"), "\(reply)")
        // The bound is on the whole head, not on each read (a hang detector, not a timing claim).
        #expect(took < .seconds(25), "\(took)")
        try Self.stillServes(address, running)
    }

    @Test func thousandsOfConnectionsAtOnceAreEachAnsweredOrRefused() async throws {
        let (edgecheck, running, address) = try await ServeCommandTests.start()
        defer { _ = ServeCommandTests.stop(running); _ = edgecheck }
        // 2,000 connections open at once, past the 512 the server takes at a time; then each
        // asks for /metrics. The first are answered, the rest refused with a 503 that says why.
        var connections: [RawConnection] = []
        for _ in 0..<2000 { connections.append(try RawConnection(address)) }
        let replies = await withTaskGroup(of: String.self) { group in
            for connection in connections {
                group.addTask {
                    connection.send("GET /metrics HTTP/1.1\r\n\r\n")
                    return connection.reply()
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        connections.removeAll()
        let answered = replies.filter { $0.hasPrefix("HTTP/1.1 200 ") }.count
        let refused = replies.filter { $0.hasPrefix("HTTP/1.1 503 ") && $0.contains("too many connections at once") }.count
        #expect(answered + refused == 2000, "\(replies.filter { !$0.hasPrefix("HTTP/1.1 200 ") && !$0.hasPrefix("HTTP/1.1 503 ") }.prefix(3))")
        #expect(answered >= 500, "answered \(answered), refused \(refused)")
        #expect(refused > 0, "answered \(answered), refused \(refused)")
        try Self.stillServes(address, running)
    }

    @Test func aFloodPastTheFileDescriptorLimitOnlyDelaysTheNextAccept() async throws {
        let (edgecheck, running, address) = try await ServeCommandTests.start()
        defer { _ = ServeCommandTests.stop(running); _ = edgecheck }
        // The server may hold 40 descriptors; 150 clients connect (the kernel queues what it
        // cannot take) and go away without a word.
        let limit = Process()
        limit.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        limit.arguments = ["prlimit", "--pid", "\(running.process.processIdentifier)", "--nofile=40:40"]
        try limit.run()
        limit.waitUntilExit()
        #expect(limit.terminationStatus == 0)
        var flood: [RawConnection] = []
        for _ in 0..<150 { flood.append(try RawConnection(address)) }
        try await Task.sleep(for: .milliseconds(500))
        #expect(running.process.isRunning, "serve ended when it ran out of descriptors: \(ServeCommandTests.stop(running).stderr)")
        flood.removeAll()
        // Once they have gone the server takes connections again, and answers.
        let deadline = ContinuousClock.now + .seconds(20)
        var status = 0
        while ContinuousClock.now < deadline, running.process.isRunning {
            status = (try? ServeCommandTests.curl("http://\(address)/metrics", maxTime: 5).status) ?? 0
            if status == 200 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(status == 200)
        try Self.stillServes(address, running)
    }
}
