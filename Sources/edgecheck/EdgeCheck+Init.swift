import ArgumentParser
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import Foundation

extension EdgeCheck {
    /// `edgecheck init URL`: probe as `run --target` does and write a suite that holds what was seen.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Probe URL as run --target does, then write a commented suite that holds what it saw.",
            discussion: """
                The suite (default ./edgecheck.yaml, never over an existing file without --force) holds \
                the addresses as static-ip's allow-list, the leaf's issuer, the redirect, tls-timing \
                budgets with headroom, and with --canary an xff-echo check at the position the client was \
                found. A check that did not pass is written commented out. Exit status: 0 written; 1 the \
                URL could not be observed (nothing written); 2 invalid invocation or the file exists.
                """
        )

        @Argument(help: ArgumentHelp("The front door, an https URL.", valueName: "URL"))
        var url: String

        @Option(help: ArgumentHelp("Where to write the suite.", valueName: "FILE"))
        var output = RunInvocation.defaultSuite

        @Flag(help: "Replace the file when it exists.")
        var force = false

        @Option(help: ArgumentHelp("A canary behind the chain that echoes the request headers: adds xff-echo.",
                                   valueName: "URL"))
        var canary: String?

        @Option(name: .customLong("client-ip-url"),
                help: ArgumentHelp("With --canary: a page that answers the caller's address as text.", valueName: "URL"))
        var clientIPURL: String?

        @OptionGroup var suiteOptions: SuiteOptions

        func validate() throws {
            guard let target = URLParser.parse(url), target.scheme == "https" else {
                throw ValidationError("'\(url)' is not an https URL with a host")
            }
            for (option, value) in [("--canary", canary), ("--client-ip-url", clientIPURL)] {
                if let value, URLParser.parse(value) == nil {
                    throw ValidationError("\(option): '\(value)' is not an http or https URL with a host")
                }
            }
            if clientIPURL != nil && canary == nil { throw ValidationError("--client-ip-url goes with --canary") }
            if FileManager.default.fileExists(atPath: output) && !force {
                throw ValidationError("\(output) exists: not replaced (give --force to replace it)")
            }
        }

        func run() async throws {
            let options = try suiteOptions.arguments.loadOptions()
            guard let target = URLParser.parse(url) else { throw ExitCode(Diagnostics.invalidInvocation) }
            let canaryURL = canary.flatMap(URLParser.parse)
            let observed = canaryURL.map {
                DefaultSuite.Canary(url: $0, clientIPURL: clientIPURL.flatMap(URLParser.parse))
            }
            let folder = URL(fileURLWithPath: output).deletingLastPathComponent().standardizedFileURL
            let settings = SuiteDraft.Settings(dnsServers: suiteOptions.dnsServers, bind: options.bind,
                                               caFile: options.caFile.map { Self.relative($0, to: folder) },
                                               timeout: options.timeout, proxy: suiteOptions.proxy)
            Prober.prepare()
            let draft: SuiteDraft
            do {
                draft = try await SuiteDraft.observe(target: target, options: options, canary: observed,
                                                     settings: settings,
                                                     command: "edgecheck init \(target.absoluteString)")
            } catch let error as SuiteDraft.Unobservable {
                Diagnostics.error("cannot write a suite: \(error); nothing was written")
                throw ExitCode(1)
            } catch let error as SuiteError {
                Diagnostics.error(error)
                throw ExitCode(Diagnostics.invalidInvocation)
            }
            // What is written must load as a suite: a draft that would not is our bug, not the user's.
            do {
                _ = try SuiteLoader.parse(yaml: draft.yaml, file: output, directory: folder, options: options)
            } catch {
                Diagnostics.error("internal error: the drafted suite does not load (\(error)); nothing was written")
                throw ExitCode(1)
            }
            do {
                try ReportWriter.write(draft.yaml, to: output)
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(1)
            }
            var text = "wrote \(output): \(draft.activeChecks) checks from what \(target.absoluteString) served. Review:\n"
            text += draft.review.map { "  - " + $0 + "\n" }.joined()
            text += "then: edgecheck validate \(output) && edgecheck run \(output == RunInvocation.defaultSuite ? "" : output)"
            Diagnostics.output(text.trimmingCharacters(in: .whitespaces) + "\n")
        }

        /// `path` relative to `folder` when it lies below it, else absolute: a suite refers to its
        /// files relative to its own folder.
        static func relative(_ path: String, to folder: URL) -> String {
            let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
            return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
        }

    }
}
