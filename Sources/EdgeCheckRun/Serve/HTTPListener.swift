import Foundation
import FlyingSocks
import Synchronization

/// A small HTTP/1.1 server on FlyingSocks' event loop: one request per connection, answered by
/// `handler` and closed. It listens on exactly one address. A client that sends too much, too
/// slowly or not HTTP at all gets a 4xx and is dropped; past `maxConnections` at once a new
/// connection gets a 503. Neither affects the other clients, and a flood that exhausts the
/// process's file descriptors only delays the next accept: the listener keeps listening.
public final class HTTPListener: Sendable {
    public typealias Handler = @Sendable (HTTPRequestHead) async -> HTTPReply

    /// The most a request head may hold; `serve`'s requests are a line and a few headers.
    static let maxHeadBytes = 16_384
    /// How long a client has to send its request head.
    static let headTimeout: Duration = .seconds(10)
    /// The bounds of the reading after a refusal (see `closeLingering`).
    static let lingerTimeout: Duration = .seconds(2)
    static let maxLingerBytes = 4 << 20

    private let socket: Socket
    private let pool: any AsyncSocketPool
    private let handler: Handler
    private let maxConnections: Int
    private let open = Mutex(0)
    private let closed = Mutex(false)
    /// How long the accept loop waits after an accept failed for want of a file descriptor (or
    /// any other reason but a closed socket): long enough not to spin while a flood holds them.
    static let acceptRetryDelay: Duration = .milliseconds(20)

    /// Binds and listens on `address` (port 0: any free port, see `port`).
    /// - Throws: `ServeError` naming the address when it cannot be bound.
    public init(address: ListenAddress, maxConnections: Int = 512, handler: @escaping Handler) throws(ServeError) {
        do {
            let socket = try Socket(domain: address.address.isIPv6 ? AF_INET6 : AF_INET, type: .stream)
            try socket.setValue(true, for: .localAddressReuse)
            if address.address.isIPv6 {
                try socket.bind(to: sockaddr_in6.inet6(ip6: address.address.description, port: address.port))
            } else {
                try socket.bind(to: sockaddr_in.inet(ip4: address.address.description, port: address.port))
            }
            try socket.listen()
            self.socket = socket
        } catch {
            throw ServeError(message: "cannot listen on \(address): \(error)")
        }
        pool = .ePoll(maxEvents: 64)
        self.handler = handler
        self.maxConnections = max(1, maxConnections)
    }

    /// The port listened on (the one the system chose for port 0).
    public var port: UInt16 {
        switch try? socket.sockname() {
        case .ip4(_, let port), .ip6(_, let port): port
        default: 0
        }
    }

    /// Accepts and answers connections until the task is cancelled or `close` is called.
    public func run() async throws {
        try await pool.prepare()
        let listener = try AsyncSocket(socket: socket, pool: pool)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.pool.run() }
            group.addTask {
                await withDiscardingTaskGroup { connections in
                    while !Task.isCancelled {
                        let connection: AsyncSocket
                        do {
                            connection = try await listener.accept()
                        } catch {
                            // Closed or cancelled: done. Anything else (EMFILE while a flood holds
                            // every descriptor, a client that reset before it was taken) passes:
                            // the waiting connections stay queued and are taken once it has.
                            if Task.isCancelled || self.closed.withLock({ $0 }) { break }
                            try? await Task.sleep(for: Self.acceptRetryDelay)
                            continue
                        }
                        connections.addTask { await self.serve(connection) }
                    }
                    connections.cancelAll()
                }
            }
            // The accept loop ends when the socket closes or the task is cancelled.
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// Stops accepting: the listening socket closes, so no new client gets in.
    public func close() {
        closed.withLock { $0 = true }
        try? socket.close()
    }

    private func serve(_ connection: AsyncSocket) async {
        defer { try? connection.close() }
        let admitted = open.withLock { count in
            guard count < maxConnections else { return false }
            count += 1
            return true
        }
        guard admitted else {
            try? await connection.write(HTTPReply(status: 503, body: "too many connections at once").encoded)
            return
        }
        defer { open.withLock { $0 -= 1 } }
        switch await readHead(connection) {
        case .success(let head):
            try? await connection.write(await handler(head).encoded)
        case .failure(let problem):
            try? await connection.write(problem.encoded)
            await closeLingering(connection)
        }
    }

    /// After a refusal the client may still be sending (a head of megabytes): closing with its
    /// bytes unread would reset the connection and could destroy the reply before it is read. So
    /// the sending side closes first and what still arrives is read and dropped, for a bounded
    /// time and amount, as web servers do.
    private func closeLingering(_ connection: AsyncSocket) async {
        _ = Glibc.shutdown(connection.socket.file.rawValue, Int32(SHUT_WR))
        _ = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var drained = 0
                while drained < Self.maxLingerBytes, let chunk = try? await connection.read(atMost: 65_536), !chunk.isEmpty {
                    drained += chunk.count
                }
            }
            group.addTask { await CancellableTimer.wait(Self.lingerTimeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// The request head, or the reply that says why there is none.
    private func readHead(_ connection: AsyncSocket) async -> Result<HTTPRequestHead, HTTPReply> {
        let outcome: Result<[UInt8], HTTPReply>? = await withTaskGroup(of: Result<[UInt8], HTTPReply>?.self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                while true {
                    guard let chunk = try? await connection.read(atMost: 4096), !chunk.isEmpty else { return nil }
                    bytes += chunk
                    if let end = Self.endOfHead(in: bytes) { return .success(Array(bytes[..<end])) }
                    if bytes.count > Self.maxHeadBytes {
                        return .failure(HTTPReply(status: 431, body: "the request head is over \(Self.maxHeadBytes) bytes"))
                    }
                }
            }
            group.addTask {
                await CancellableTimer.wait(Self.headTimeout)
                return .failure(HTTPReply(status: 408, body: "no request within \(Self.headTimeout)"))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch outcome {
        case .success(let bytes):
            do {
                return .success(try HTTPRequestHead(parsing: bytes))
            } catch {
                return .failure(.badRequest(error.description))
            }
        case .failure(let reply): return .failure(reply)
        case nil: return .failure(.badRequest("the connection closed before a whole request head"))
        }
    }

    /// The index of the `\r\n\r\n` that ends a head, if it has arrived.
    static func endOfHead(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// `serve` could not start: the address cannot be bound, say.
public struct ServeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
