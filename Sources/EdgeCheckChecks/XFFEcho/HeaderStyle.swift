/// How the service reads the client header, which decides how `xff-echo` reads the echo.
///
/// `X-Forwarded-For` is a list each proxy appends to, and `Forwarded` (RFC 7239) a list of
/// elements whose `for=` names the sender. Every other client header (`X-Real-IP`,
/// `X-Client-Ip`, `True-Client-IP`, ...) is read by backends as one value: the client's address
/// must be the whole of it, and a value a client sent must not survive in any part.
enum HeaderStyle: Sendable, Equatable {
    case list
    case forwarded
    case single

    init(header: String) {
        switch header.lowercased() {
        case "x-forwarded-for": self = .list
        case "forwarded": self = .forwarded
        default: self = .single
        }
    }

    /// The forged header value that claims `address` as the client.
    func forgedValue(_ address: String) -> String {
        self == .forwarded ? "for=\(address)" : address
    }
}
