import EdgeCheckNet

/// The kind-specific `data` object of a check result: each kind defines one `Encodable` struct
/// whose coding keys are the contract's JSON keys.
public protocol CheckData: Encodable, Sendable {}

/// A check that has no data of its own.
public struct NoCheckData: CheckData {
    public init() {}
}
