import Foundation
import EdgeCheckChecks
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport

/// What `serve` answers: `/probe?module=ID&target=URL` runs, now, the check with that id (or
/// every check of the suite with that name) and answers the Prometheus exposition of that run;
/// `/metrics` answers serve's own series. A bad request is a 400 that says why.
///
/// Probes run concurrently, at most `jobs` at a time; the others wait their turn. Each probe is
/// bounded by the scrape timeout Prometheus sends (`X-Prometheus-Scrape-Timeout-Seconds`, less
/// half a second so the answer arrives in time), or by `defaultTimeout`: checks still running
/// then are stopped and reported `error`, so the answer says `probe_success 0` instead of never
/// arriving.
public struct ProbeService: Sendable {
    /// The suites as loaded at start, for probes without `target`.
    public var suites: [Suite]
    /// Loads the suites again with another target (`/probe?target=`).
    public var reload: @Sendable (URL) throws(SuiteError) -> [Suite]
    /// How each probe runs its checks (its `jobs` is also how many probes run at once).
    public var options: RunOptions
    /// The bound on a probe when the request names no scrape timeout.
    public var defaultTimeout: Duration

    /// What the scrape timeout is shortened by, so that the answer arrives before Prometheus gives up.
    static let timeoutOffset: Duration = .milliseconds(500)

    private let slots: ProbeSlots
    private let metrics: ServeMetrics

    public init(suites: [Suite], reload: @escaping @Sendable (URL) throws(SuiteError) -> [Suite],
                options: RunOptions = RunOptions(), defaultTimeout: Duration = .seconds(60)) {
        self.suites = suites
        self.reload = reload
        self.options = options
        self.defaultTimeout = defaultTimeout
        slots = ProbeSlots(count: options.jobs)
        metrics = ServeMetrics(version: EdgeCheckVersion.current)
    }

    /// The modules a request may name: every check id, then every suite name, each once.
    public var modules: [String] {
        var names: [String] = []
        for name in suites.flatMap({ $0.checks.map(\.id) }) + suites.map(\.name) where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The answer to one request.
    public func respond(to request: HTTPRequestHead) async -> HTTPReply {
        guard request.method == "GET" || request.method == "HEAD" else {
            metrics.rejected("method")
            return HTTPReply(status: 405, body: "only GET is served, not \(request.method.prefix(20))")
        }
        switch request.path {
        case "/probe": return await probe(request)
        case "/metrics": return HTTPReply(status: 200, contentType: HTTPReply.expositionType, body: metrics.exposition())
        case "/", "":
            return HTTPReply(status: 200, body: "edgecheck serve: GET /probe?module=ID[&target=URL], GET /metrics\n"
                             + "modules: \(modules.joined(separator: ", "))")
        default:
            metrics.rejected("path")
            return HTTPReply(status: 404, body: "no such path; GET /probe?module=ID[&target=URL] or /metrics")
        }
    }

    private func probe(_ request: HTTPRequestHead) async -> HTTPReply {
        let plan: (suites: [Suite], selection: CheckSelection, module: String)
        switch makePlan(request) {
        case .success(let found): plan = found
        case .failure(let rejection):
            metrics.rejected(rejection.reason)
            return .badRequest(rejection.message)
        }
        let bound = timeout(for: request)
        metrics.started()
        let clock = ContinuousClock()
        let start = clock.now
        var report = await run(plan.suites, selection: plan.selection, within: bound)
        report.durationMs = (clock.now - start).milliseconds
        let success = report.suites.flatMap(\.checks).allSatisfy { $0.status == .pass || $0.status == .warn || $0.status == .skip }
        metrics.finished(module: plan.module, success: success, seconds: report.durationMs / 1000)
        return HTTPReply(status: 200, contentType: HTTPReply.expositionType, body: PrometheusReporter().render(report))
    }

    /// A 400's reason, and the word `/metrics` counts it under.
    struct Rejection: Error {
        var reason: String
        var message: String
    }

    /// The suites and checks `module` and `target` ask for.
    func makePlan(_ request: HTTPRequestHead) -> Result<(suites: [Suite], selection: CheckSelection, module: String), Rejection> {
        guard let module = request.parameter("module"), !module.isEmpty else {
            return .failure(Rejection(reason: "module", message: "module is required: /probe?module=ID (modules: \(modules.joined(separator: ", ")))"))
        }
        var suites = self.suites
        if let target = request.parameter("target") {
            if let problem = URLParser.problem(with: target) {
                return .failure(Rejection(reason: "target", message: "target: \(problem)"))
            }
            guard let url = URLParser.parse(target) else {
                return .failure(Rejection(reason: "target", message: "target: '\(target)' is not an http or https URL"))
            }
            do {
                suites = try reload(url)
            } catch {
                return .failure(Rejection(reason: "target", message: "target \(target): \(error.description)"))
            }
        }
        if let suite = suites.first(where: { $0.checks.contains { $0.id == module } }) {
            return .success(([suite], CheckSelection(only: [module]), module))
        }
        if let suite = suites.first(where: { $0.name == module }) {
            return .success(([suite], CheckSelection(), module))
        }
        var message = "unknown module '\(module.prefix(200))'"
        if let nearest = KeySuggestion.nearest(to: module, in: modules) { message += "; did you mean '\(nearest)'?" }
        message += " (modules: \(modules.joined(separator: ", ")))"
        return .failure(Rejection(reason: "module", message: message))
    }

    /// The scrape timeout less the offset, or the default; never under a tenth of a second.
    func timeout(for request: HTTPRequestHead) -> Duration {
        guard let text = request.headers["x-prometheus-scrape-timeout-seconds"], let seconds = Double(text),
              seconds.isFinite, seconds > 0 else { return defaultTimeout }
        return max(.milliseconds(100), min(defaultTimeout, .milliseconds(Int64(seconds * 1000)) - Self.timeoutOffset))
    }

    /// Runs the selection, waiting for a slot first; whatever has not finished within `bound`
    /// (or when the server stops) is stopped and reported `error`.
    private func run(_ suites: [Suite], selection: CheckSelection, within bound: Duration) async -> RunReport {
        var options = self.options
        options.selection = selection
        let runner = Runner(options: options)
        let slots = self.slots
        enum Event: Sendable {
            case report(RunReport)
            case timeUp
        }
        let (report, timedOut) = await withTaskGroup(of: Event.self) { group -> (RunReport, Bool) in
            group.addTask {
                let admitted = await slots.acquire()
                let report = await runner.run(suites)
                if admitted { await slots.release() }
                return .report(report)
            }
            group.addTask {
                await CancellableTimer.wait(bound)
                return .timeUp
            }
            var timedOut = false
            while let event = await group.next() {
                switch event {
                case .timeUp:
                    // A cancelled sleep means the server is stopping: the run stops the same way.
                    timedOut = !Task.isCancelled
                    group.cancelAll()
                case .report(let report):
                    group.cancelAll()
                    return (report, timedOut)
                }
            }
            return (await runner.run([]), timedOut)
        }
        return timedOut ? Self.markTimedOut(report, bound: bound) : report
    }

    /// Says "scrape timeout" where the runner says "interrupted".
    static func markTimedOut(_ report: RunReport, bound: Duration) -> RunReport {
        var report = report
        report.interrupted = false
        for suite in report.suites.indices {
            for check in report.suites[suite].checks.indices where report.suites[suite].checks[check].summary == Runner.interruptedSummary {
                let message = "stopped at the probe's time limit of \(bound.spoken) (the scrape timeout less \(timeoutOffset.spoken))"
                report.suites[suite].checks[check].summary = message
                report.suites[suite].checks[check].findings = [Finding(status: .error, message: message)]
            }
        }
        return report
    }
}
