import Foundation
import EdgeCheckModel
import Prometheus

/// `serve`'s own series for `/metrics`: probes by module and result, their durations, requests
/// turned away and why, probes in flight, and the process (memory, CPU, file descriptors). Module
/// labels come only from modules the suites define, so no client can grow the label set.
final class ServeMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge
    private let residentMemory: Gauge
    private let virtualMemory: Gauge
    private let openDescriptors: Gauge
    private let cpuSeconds: Gauge
    private static let durationBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    init(version: String) {
        registry.makeGauge(descriptor: Self.named("edgecheck_build_info", help: "edgecheck's version; always 1"),
                           labels: [("version", version)]).set(to: 1.0)
        registry.makeGauge(descriptor: Self.named("process_start_time_seconds", help: "When the process started, in Unix seconds"))
            .set(Date().timeIntervalSince1970.rounded())
        inFlight = registry.makeGauge(descriptor: Self.named("edgecheck_probes_in_flight",
                                                             help: "Probes running or waiting for a slot"))
        residentMemory = registry.makeGauge(descriptor: Self.named("process_resident_memory_bytes",
                                                                   help: "Resident memory size in bytes"))
        virtualMemory = registry.makeGauge(descriptor: Self.named("process_virtual_memory_bytes",
                                                                  help: "Virtual memory size in bytes"))
        openDescriptors = registry.makeGauge(descriptor: Self.named("process_open_fds", help: "Open file descriptors"))
        // A gauge rather than a counter: the kernel's figure is set, never added to.
        cpuSeconds = registry.makeGauge(descriptor: Self.named("process_cpu_seconds",
                                                               help: "User and system CPU time spent, in seconds"))
    }

    /// A whole series name with its help text (no namespace or unit parts: the names are written out).
    private static func named(_ name: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    /// A probe began (it may still wait for a slot).
    func started() { inFlight.increment(by: 1) }

    /// A probe of `module` ended after `seconds`.
    func finished(module: String, success: Bool, seconds: Double) {
        inFlight.decrement(by: 1)
        registry.makeCounter(descriptor: Self.named("edgecheck_probes_total",
                                                    help: "Probes answered, by module and whether probe_success was 1"),
                             labels: [("module", module), ("result", success ? "success" : "failure")]).increment()
        registry.makeValueHistogram(descriptor: Self.named("edgecheck_probe_duration_seconds",
                                                           help: "How long probes took, in seconds"),
                                    labels: [("module", module)], buckets: Self.durationBuckets)
            .record(seconds)
    }

    /// A request was turned away; `reason` is one of a fixed few words.
    func rejected(_ reason: String) {
        registry.makeCounter(descriptor: Self.named("edgecheck_requests_rejected_total",
                                                    help: "Requests answered with an error status, by reason"),
                             labels: [("reason", reason)]).increment()
    }

    /// The exposition, with the process figures read now.
    func exposition() -> String {
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let pages = statm.split(separator: " ").compactMap { Double($0) }
            let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
            if pages.count >= 2 {
                virtualMemory.set(pages[0] * pageSize)
                residentMemory.set(pages[1] * pageSize)
            }
        }
        if let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            openDescriptors.set(Double(descriptors.count))
        }
        var usage = rusage()
        if getrusage(RUSAGE_SELF.rawValue, &usage) == 0 {
            let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
            cpuSeconds.set(seconds(usage.ru_utime) + seconds(usage.ru_stime))
        }
        return registry.emitToString()
    }
}
