import EdgeCheckModel
import EdgeCheckNet

/// Every check kind, in the order `edgecheck list` shows them. Adding a kind is one new file in
/// `Kinds/` plus one line here.
public enum CheckRegistry {
    public static let kinds: [any Check.Type] = [
        StaticIPCheck.self,
        CertificateCheck.self,
        RedirectCheck.self,
        XFFEchoCheck.self,
        TLSTimingCheck.self,
        ExecCheck.self,
    ]

    /// The kind for a `kind:` value.
    public static func kind(named name: String) -> (any Check.Type)? {
        kinds.first { $0.description.kind == name }
    }

    public static var kindNames: [String] { kinds.map { $0.description.kind } }
}
