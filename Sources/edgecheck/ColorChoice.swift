import ArgumentParser
import Foundation

/// `--color auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Whether to colour output going to `descriptor`: `auto` colours a terminal unless the
    /// `NO_COLOR` convention (set and not empty) says otherwise.
    func enabled(for descriptor: Int32, environment: [String: String]) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(descriptor) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}
