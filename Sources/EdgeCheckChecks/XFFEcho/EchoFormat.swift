import EdgeCheckModel
import EdgeCheckNet

/// How the canary's reply is read (`format` key).
enum EchoFormat: String, Sendable, CaseIterable {
    /// JSON when the reply says it is JSON or starts with `{`, text otherwise.
    case auto
    /// A JSON object: headers under `headers` (httpbin style) or at the top level.
    case json
    /// `Name: value` lines.
    case text
}
