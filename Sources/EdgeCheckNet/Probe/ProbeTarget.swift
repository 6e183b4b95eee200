import Foundation

/// Where a probe goes: the URL libcurl is given (rewritten for connect-only depths), the
/// `CONNECT_TO` pin, and the `address:port` messages name.
struct ProbeTarget {
    var url: String
    var connectTo: String?
    var endpoint: String

    init(_ request: ProbeRequest) {
        let scheme = request.url.scheme?.lowercased() ?? "https"
        let host = request.url.host ?? ""
        let bracketedHost = host.contains(":") ? "[\(host)]" : host
        let port = request.url.port ?? (scheme == "http" ? 80 : 443)
        switch request.depth {
        case .tcp:
            // An http:// URL with the port spelt out: libcurl connects and stops, no TLS.
            url = "http://\(bracketedHost):\(port)/"
        case .tls:
            url = "\(scheme)://\(bracketedHost):\(port)/"
        case .http:
            url = request.url.absoluteString
        }
        if request.connectAddress != nil || request.connectPort != nil {
            // Empty source host and port match any, so SNI and Host stay the URL's own.
            let address = request.connectAddress.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""
            connectTo = "::\(address):\(request.connectPort.map(String.init) ?? "")"
        }
        let shownHost = request.connectAddress.map { $0.contains(":") ? "[\($0)]" : $0 } ?? bracketedHost
        endpoint = "\(shownHost):\(request.connectPort ?? port)"
    }
}
