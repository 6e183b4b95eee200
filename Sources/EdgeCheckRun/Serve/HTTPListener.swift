import Foundation
import FlyingSocks
import Synchronization

/// A small HTTP/1.1 server on FlyingSocks' event loop: one request per connection, answered by
/// `handler` and closed. It listens on exactly one address. A client that sends too much, too
/// slowly or not HTTP at all gets a 4xx and is dropped; past `maxConnections` at once a new
/// connection gets a 503. Neither affects the other clients.
public final class HTTPListener: Sendable {
    public typealias Handler = @Sendable (HTTPRequestHead) async -> HTTPReply

    /// The most a request head may hold; `serve`'s requests are a line and a few headers.
    static let maxHeadBytes = 16_384
    /// How long a client has to send its request head.
    static let headTimeout: Duration = .seconds(10)

    private let socket: Socket
    private let pool: any AsyncSocketPool
    private let handler: Handler
    private let maxConnections: Int
    private let open = Mutex(0)

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
                        guard let connection = try? await listener.accept() else { break }
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
        let reply: HTTPReply
        switch await readHead(connection) {
        case .success(let head): reply = await handler(head)
        case .failure(let problem): reply = problem
        }
        try? await connection.write(reply.encoded)
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
                try? await Task.sleep(for: Self.headTimeout)
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
