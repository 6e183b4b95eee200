/// What a kind's `data` may offer reporters beyond its JSON: a chart, as values, never as
/// formatted text. A reporter asks for it without knowing the kind.
public protocol CheckPresentation {
    /// The chart drawn under the check, or nil.
    var waterfall: Waterfall? { get }
    /// What each address served, in the order checked, or nil (default: nil).
    var certificateChains: [CertificateChain]? { get }
}
