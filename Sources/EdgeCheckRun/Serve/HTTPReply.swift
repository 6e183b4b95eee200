import Foundation

/// One response of `serve`: a status, a content type and a body, sent with `Connection: close`.
/// (An `Error` too, so that a request that cannot be served can carry its answer out.)
public struct HTTPReply: Error, Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: String

    /// The Prometheus text exposition format, version 0.0.4.
    public static let expositionType = "text/plain; version=0.0.4; charset=utf-8"

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body.hasSuffix("\n") || body.isEmpty ? body : body + "\n"
    }

    /// `400 Bad Request` with the reason as the body. The reason often quotes what the client sent; its control characters
    /// are shown as `\xNN`, so the reply is safe to read in a terminal or a log.
    public static func badRequest(_ reason: String) -> HTTPReply { HTTPReply(status: 400, body: printable(reason)) }

    /// `text` with each control character (C0, DEL, C1) written as `\xNN`.
    static func printable(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                shown += String(format: "\\x%02X", scalar.value)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// The bytes on the wire.
    public var encoded: Data {
        let body = Data(self.body.utf8)
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Data(head.utf8) + body
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
