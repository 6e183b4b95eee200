import EdgeCheckModel
import EdgeCheckNet

/// Every check kind, in the order `edgecheck list` shows them. Adding a kind is one new folder
/// plus one line here.
public enum CheckRegistry {
    public static let kinds: [any Check.Type] = [
        StaticIPCheck.self,
        CertificateCheck.self,
        RedirectCheck.self,
        XFFEchoCheck.self,
        TLSTimingCheck.self,
        ProxyProtocolCheck.self,
        ExecCheck.self,
    ]

    /// The kind for a `kind:` value.
    public static func kind(named name: String) -> (any Check.Type)? {
        kinds.first { $0.description.kind == name }
    }

    public static var kindNames: [String] { kinds.map { $0.description.kind } }

    /// The likely misconfiguration behind a failure of `failureClass` in a check of `kind`: the
    /// kind's own hint, else the network's; nil when none is known.
    public static func hint(for failureClass: FailureClass, kind: String) -> String? {
        self.kind(named: kind)?.hints[failureClass] ?? NetworkHints.hints[failureClass]
    }

    /// The hints of the network's failure classes, for `edgecheck list`.
    public static var networkHints: [FailureClass: String] { NetworkHints.hints }

    /// `finding` with the hint of its class, when it is not a pass and has none of its own.
    public static func hinted(_ finding: Finding, kind: String) -> Finding {
        guard finding.hint == nil, finding.status != .pass, finding.status != .skip,
              let failureClass = finding.failureClass else { return finding }
        var finding = finding
        finding.hint = hint(for: failureClass, kind: kind)
        return finding
    }
}
