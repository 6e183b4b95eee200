import ArgumentParser
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks
import Foundation

extension EdgeCheck {
    /// `edgecheck serve`: a Prometheus exporter in the multi-target shape, until SIGTERM or SIGINT.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Answer Prometheus: /probe?module=ID[&target=URL] runs checks now, /metrics tells about serve.",
            discussion: """
                A module is a check id, or a suite name for every check of that suite; target \
                replaces the suites' target. X-Prometheus-Scrape-Timeout-Seconds bounds each probe. \
                An unknown module or a bad target is a 400 with the reason. SIGTERM or SIGINT: stop \
                accepting, stop running probes, exit 0 within 3 seconds. Exit status 2: invalid \
                invocation or suite, or the address cannot be listened on.
                """
        )

        @Argument(help: ArgumentHelp("Suite files (default ./edgecheck.yaml).", valueName: "SUITE"))
        var suites: [String] = []

        @OptionGroup var suiteOptions: SuiteOptions

        @Option(help: ArgumentHelp("Listen on this address only: IP:PORT or [IPv6]:PORT.", valueName: "ADDR:PORT"))
        var listen: String = ListenAddress.default.description

        @Option(help: ArgumentHelp("Probes run at once; more wait their turn.", valueName: "N"))
        var jobs: Int = 8

        @Flag(name: .shortAndLong, help: "Nothing on stderr but errors.")
        var quiet = false

        func validate() throws {
            guard ListenAddress(parsing: listen) != nil else {
                throw ValidationError("--listen: '\(listen)' is not IP:PORT or [IPv6]:PORT")
            }
            guard jobs >= 1 else { throw ValidationError("--jobs: must be at least 1, found \(jobs)") }
        }

        func run() async throws {
            Prober.prepare()
            let invocation = RunInvocation(suites: suites, suiteArguments: suiteOptions.arguments, jobs: jobs, quiet: quiet)
            let loaded = try invocation.load()
            let loadOptions = try suiteOptions.arguments.loadOptions(environment: RunInvocation.environment)
            let paths = suites.isEmpty ? ["edgecheck.yaml"] : suites
            let service = ProbeService(suites: loaded, reload: { url throws(SuiteError) in
                var options = loadOptions
                options.target = url
                var reloaded: [Suite] = []
                for path in paths { reloaded.append(try SuiteLoader.load(path: path, options: options)) }
                return reloaded
            }, options: RunOptions(jobs: jobs))
            let address = ListenAddress(parsing: listen)!
            let listener: HTTPListener
            do {
                listener = try HTTPListener(address: address) { await service.respond(to: $0) }
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(Diagnostics.invalidInvocation)
            }
            if !quiet {
                Diagnostics.line("edgecheck: serving on \(ListenAddress(address: address.address, port: listener.port)) "
                                 + "(modules: \(service.modules.joined(separator: ", ")))")
            }
            let task = Task { try await listener.run() }
            let quiet = self.quiet
            let interrupts = InterruptHandler { signal, _ in
                if !quiet { Diagnostics.line("edgecheck: \(signal), stopping") }
                listener.close()
                task.cancel()
                // Probes stop at once when cancelled; this is the bound the contract gives.
                DispatchQueue.global().asyncAfter(deadline: .now() + 2.5) { EdgeCheck.leave(0) }
            }
            _ = try? await task.value
            interrupts.stop()
        }
    }
}
