/// Wall-clock time of one network operation, in milliseconds: what a probe cost as the user waited
/// for it, including any time spent before libcurl started its own clock.
public enum Stopwatch {
    public static func measure<Result>(_ operation: () async -> Result) async -> (result: Result, ms: Double) {
        let clock = ContinuousClock()
        let started = clock.now
        let result = await operation()
        return (result, (clock.now - started).milliseconds)
    }
}
