import ArgumentParser
import EdgeCheckModel
import EdgeCheckNet
import EdgeCheckReport
import EdgeCheckRun
import EdgeCheckChecks
import Foundation

extension EdgeCheck {
    /// `edgecheck list`: the check kinds, their keys, defaults and meaning.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the check kinds, their keys, defaults and meaning."
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json
        }

        @Option(help: ArgumentHelp("table or json.", valueName: "FORMAT"))
        var format: Format = .table

        func run() throws {
            switch format {
            case .table: Diagnostics.output(KindListing.table())
            case .json: Diagnostics.output(try KindListing.json())
            }
        }
    }
}
