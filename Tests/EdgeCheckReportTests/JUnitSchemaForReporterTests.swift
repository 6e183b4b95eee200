import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Validation of JUnit XML by the real `xmllint` against the Jenkins xunit schema, which CI keeps
/// at `../shared/schemas/junit-10.xsd` beside the clone (`JUNIT_XSD` names another copy).
enum JUnitSchema {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var schemaPath: String? {
        let candidates: [String?] = [ProcessInfo.processInfo.environment["JUNIT_XSD"],
                          repository.deletingLastPathComponent().appendingPathComponent("shared/schemas/junit-10.xsd").path]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Runs `xmllint --noout [--schema XSD] FILE`; returns its exit status and messages.
    static func xmllint(_ xml: String, schema: String?) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("edgecheck-junit-\(UUID().uuidString).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout"] + (schema.map { ["--schema", $0] } ?? []) + [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Checks `xml` with xmllint: against the schema when it is present, and well-formedness
    /// always; says so when the schema is missing (the structure tests then carry the weight).
    static func expectValid(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let schema = schemaPath
        if schema == nil {
            // Said, not failed: CI always has the schema; a bare clone checks the structure itself.
            let note = "junit-10.xsd not found beside the clone (../shared/schemas) nor in JUNIT_XSD: "
                + "checking well-formedness with xmllint and the structure with XMLDocument only"
            Issue.record(Comment(rawValue: note),
                         severity: .warning, sourceLocation: sourceLocation)
        }
        let (status, output) = try xmllint(xml, schema: schema)
        #expect(status == 0, "xmllint rejected the report: \(output.prefix(2000))", sourceLocation: sourceLocation)
    }

    /// The structure junit-10.xsd requires, checked by parsing: root `testsuites`; every
    /// `testsuite` with name, tests, failures, errors; `time` digits with up to three decimals;
    /// every `testcase` with a name; `property` with name and value; only the allowed children.
    static func expectStructure(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let document = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(document.rootElement(), sourceLocation: sourceLocation)
        #expect(root.name == "testsuites", sourceLocation: sourceLocation)
        let timePattern = try Regex("^[0-9]+(\\.[0-9]{1,3})?$")
        for suite in root.elements(forName: "testsuite") {
            for name in ["name", "tests", "failures", "errors"] {
                #expect(suite.attribute(forName: name) != nil, "testsuite lacks \(name)", sourceLocation: sourceLocation)
            }
            if let time = suite.attribute(forName: "time")?.stringValue {
                #expect(time.wholeMatch(of: timePattern) != nil, "time \(time)", sourceLocation: sourceLocation)
            }
            for child in suite.children ?? [] where child.kind == .element {
                #expect(["properties", "testcase", "system-out", "system-err", "testsuite"].contains(child.name ?? ""),
                        sourceLocation: sourceLocation)
            }
            for property in suite.elements(forName: "properties").flatMap({ $0.elements(forName: "property") }) {
                #expect(property.attribute(forName: "name") != nil && property.attribute(forName: "value") != nil,
                        sourceLocation: sourceLocation)
            }
            for testCase in suite.elements(forName: "testcase") {
                #expect(testCase.attribute(forName: "name") != nil, sourceLocation: sourceLocation)
                for child in testCase.children ?? [] where child.kind == .element {
                    #expect(["skipped", "error", "failure", "system-out", "system-err"].contains(child.name ?? ""),
                            sourceLocation: sourceLocation)
                }
            }
        }
    }
}
