import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The request headers a canary says it received, in the order it listed them.
struct EchoedHeaders: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var name: String
        var value: String
    }

    var fields: [Field]

    init(_ fields: [Field]) {
        self.fields = fields
    }

    init(_ pairs: [(String, String)]) {
        self.fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// Every value of `name` (compared case-insensitively), in order.
    func values(of name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// The header as a single field: repeated headers joined with `, ` in order (RFC 9110 §5.3),
    /// or nil when it was not echoed.
    func value(of name: String) -> String? {
        let values = values(of: name)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }
}
