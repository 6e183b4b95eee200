/// The one place durations become milliseconds and message text, for every layer.
extension Duration {
    /// Milliseconds as a Double, for timers and C APIs.
    public var milliseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }

    /// A short form for messages: `2s`, `1.5s`, `250ms`.
    public var spoken: String {
        let ms = milliseconds
        if ms >= 1000 {
            let seconds = ms / 1000
            return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\((seconds * 10).rounded() / 10)s"
        }
        return "\(Int(ms.rounded()))ms"
    }
}
