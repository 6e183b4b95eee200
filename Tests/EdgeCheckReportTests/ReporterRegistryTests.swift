import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct ReporterRegistryTests {
    @Test func knowsEveryFormat() {
        #expect(ReporterRegistry.identifiers == ["table", "json", "junit", "tap", "github", "html", "prometheus"])
        #expect(ReporterRegistry.reporter(for: "github") is GitHubReporter)
        #expect(ReporterRegistry.reporter(for: "html") is HTMLReporter)
        #expect(ReporterRegistry.reporter(for: "table") is TableReporter)
        #expect(ReporterRegistry.reporter(for: "json") is JSONReporter)
        #expect(ReporterRegistry.reporter(for: "junit") is JUnitReporter)
        #expect(ReporterRegistry.reporter(for: "tap") is TAPReporter)
        #expect(ReporterRegistry.reporter(for: "prometheus") is PrometheusReporter)
    }

    @Test func unknownFormatsAreNil() {
        #expect(ReporterRegistry.reporter(for: "xml") == nil)
        #expect(ReporterRegistry.reporter(for: "JSON") == nil)
        #expect(ReporterRegistry.reporter(for: "") == nil)
    }

    @Test func passesTheTableOptions() {
        let reporter = ReporterRegistry.reporter(for: "table", options: ReporterOptions(colors: true, verbose: true, width: 100))
        let table = reporter as? TableReporter
        #expect(table?.colors == true && table?.verbose == true && table?.width == 100)
    }
}
