import Foundation

/// The built-in suite of `edgecheck run --target URL`: the addresses the name resolves to, the
/// certificate on each, the HTTP→HTTPS redirect, and TLS timing for that one hop.
public enum DefaultSuite {
    public static func make(target: URL, options: LoadOptions) throws(SuiteError) -> Suite {
        fatalError("DefaultSuite.make: implemented by the redirect/xff/timing work")
    }
}
