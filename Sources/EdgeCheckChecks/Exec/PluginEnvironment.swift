import Foundation
import EdgeCheckModel
import EdgeCheckNet

/// The environment a plugin runs with: a small fixed base, then the check's `env`.
///
/// The base is `PATH` (edgecheck's own, or `/usr/local/bin:/usr/bin:/bin`), `HOME` (when set),
/// `LANG` (edgecheck's own, or `C.UTF-8`), `EDGECHECK_TARGET` (the suite's target, when it has one)
/// and `EDGECHECK_TIMEOUT` (the check's timeout in seconds). Nothing else of edgecheck's
/// environment reaches a plugin, so credentials in the caller's environment stay there unless a
/// suite passes them on explicitly through `env`.
public enum PluginEnvironment {
    public static let defaultPath = "/usr/local/bin:/usr/bin:/bin"

    /// `NAME=value` entries; a name in `extra` replaces the base's.
    public static func make(parent: [String: String], extra: [(key: String, value: String)], target: URL?,
                            timeout: Duration) -> [String] {
        var names: [String] = []
        var values: [String: String] = [:]
        func set(_ name: String, _ value: String) {
            if values[name] == nil { names.append(name) }
            values[name] = value
        }
        set("PATH", parent["PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath)
        if let home = parent["HOME"] { set("HOME", home) }
        set("LANG", parent["LANG"] ?? "C.UTF-8")
        if let target { set("EDGECHECK_TARGET", target.absoluteString) }
        set("EDGECHECK_TIMEOUT", seconds(timeout))
        for (name, value) in extra { set(name, value) }
        return names.map { "\($0)=\(values[$0]!)" }
    }

    /// `5`, `1.5`, `0.25`: seconds as a plugin's `-t` option takes them.
    static func seconds(_ duration: Duration) -> String {
        let value = (duration).milliseconds / 1000
        if value == value.rounded() { return String(Int(value)) }
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        var text = "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
        while text.hasSuffix("0") { text.removeLast() }
        // A duration a hair over whole seconds rounds to them: "2", not "2.".
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
