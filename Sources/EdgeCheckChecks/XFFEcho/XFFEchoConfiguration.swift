import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The `xff-echo` kind's keys, read and validated when the suite loads.
struct XFFEchoConfiguration: Sendable, Equatable {
    /// The forged address sent with `spoof`: TEST-NET-1 (RFC 5737), never a real client.
    static let forgedAddress = "192.0.2.66"
    static let defaultClientIPURL = URL(string: "https://checkip.amazonaws.com")!

    /// Where the client address comes from.
    enum ClientIP: Sendable, Equatable {
        /// Given in the suite.
        case fixed(String)
        /// Asked of `client-ip-url`.
        case auto
    }

    /// The canary.
    var url: URL
    var clientIP: ClientIP
    var clientIPURL: URL
    var trustedHops: Int
    var header: String
    var format: EchoFormat
    /// Where a JSON echo keeps its headers (a JSON pointer); nil: searched for.
    var headersAt: String?
    var spoof: Bool
    /// Expected X-Forwarded-Proto when the canary echoes it; empty: not compared.
    var expectProto: String

    init(url: URL, clientIP: ClientIP = .auto, clientIPURL: URL = Self.defaultClientIPURL, trustedHops: Int = 1,
         header: String = "X-Forwarded-For", format: EchoFormat = .auto, headersAt: String? = nil,
         spoof: Bool = true, expectProto: String = "https") {
        self.url = url
        self.clientIP = clientIP
        self.clientIPURL = clientIPURL
        self.trustedHops = trustedHops
        self.header = header
        self.format = format
        self.headersAt = headersAt
        self.spoof = spoof
        self.expectProto = expectProto
    }

    init(settings: CheckSettings) throws(SuiteError) {
        url = try settings.required(settings.url("url"), "url")
        switch try settings.string("client-ip") {
        case nil, "auto":
            clientIP = .auto
        case let text?:
            guard let address = IPAddress.canonical(text) else {
                throw settings.error("client-ip", "'\(text)' is neither an IP address nor auto")
            }
            clientIP = .fixed(address)
        }
        clientIPURL = try settings.url("client-ip-url") ?? Self.defaultClientIPURL
        trustedHops = try settings.int("trusted-hops", in: 1...64) ?? 1
        let header = try settings.string("header") ?? "X-Forwarded-For"
        guard !header.isEmpty, header.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw settings.error("header", "'\(header)' is not a header name")
        }
        self.header = header
        let format = try settings.oneOf("format", EchoFormat.allCases.map(\.rawValue)) ?? "auto"
        self.format = EchoFormat(rawValue: format) ?? .auto
        headersAt = try settings.string("headers-at")
        if let headersAt {
            guard JSONPointer(headersAt) != nil else {
                throw settings.error("headers-at", "'\(headersAt)' is not a JSON pointer (write e.g. /request/headers)")
            }
            if self.format == .text {
                throw settings.error("headers-at", "a JSON pointer needs a JSON echo, but format is text")
            }
        }
        spoof = try settings.bool("spoof") ?? true
        expectProto = try settings.string("expect-proto") ?? "https"
    }
}
