import EdgeCheckModel

extension ReportDiff {
    /// For people: one aligned row per change, worse ones marked, then a closing line.
    public func table() -> String {
        var lines: [String] = ["before: \(Self.oneLine(before.path)) (\(Self.oneLine(before.started)))",
                               "after:  \(Self.oneLine(after.path)) (\(Self.oneLine(after.started)))", ""]
        guard !changes.isEmpty else {
            return (lines + ["no changes"]).joined(separator: "\n") + "\n"
        }
        let rows = changes.map { change in
            [change.worse ? "WORSE" : "change", Self.oneLine(change.check), Self.oneLine(change.subject),
             change.aspect, Self.oneLine(change.before ?? "—"), Self.oneLine(change.after ?? "—")]
        }
        let header = ["", "CHECK", "SUBJECT", "WHAT", "BEFORE", "AFTER"]
        var widths = header.map(\.displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.displayWidth) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.displayWidth)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        lines.append(line(header))
        lines += rows.map(line)
        let worse = changes.count(where: \.worse)
        lines.append("")
        lines.append(worse == 0 ? "\(changes.count) \(changes.count == 1 ? "change" : "changes"), none worse"
                     : "\(worse) of \(changes.count) \(changes.count == 1 ? "change is" : "changes are") worse")
        return lines.joined(separator: "\n") + "\n"
    }

    /// For scripts: `before` and `after` (file, started, version), `worse`, and `changes`
    /// (`check`, `subject`, `what`, `before`, `after`, `worse`).
    public func json() -> String {
        func source(_ report: ReadReport) -> JSONValue {
            .object([("file", .string(report.path)), ("started", .string(report.started)),
                     ("edgecheck", .string(report.version))])
        }
        return JSONValue.object([
            ("before", source(before)),
            ("after", source(after)),
            ("worse", .bool(worse)),
            ("changes", .array(changes.map { change in
                .object([
                    ("check", .string(change.check)),
                    ("subject", .string(change.subject)),
                    ("what", .string(change.aspect)),
                    ("before", .string(change.before)),
                    ("after", .string(change.after)),
                    ("worse", .bool(change.worse)),
                ])
            })),
        ]).pretty()
    }

    private static func oneLine(_ text: String) -> String {
        TerminalText.oneLine(text)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
