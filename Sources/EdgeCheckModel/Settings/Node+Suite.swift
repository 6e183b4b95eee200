import Yams
import EdgeCheckNet

extension Node {
    /// A scalar that YAML reads as null: nothing, `~` or `null` written without quotes.
    public var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How the node reads in an error message: `a list`, `a mapping`, `'text'` or `nothing`.
    public var suiteDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return isNull ? "nothing" : "'\(scalar.string)'"
        case .alias: return "an alias"
        }
    }
}
