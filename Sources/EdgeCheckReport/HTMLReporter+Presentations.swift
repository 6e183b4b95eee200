import EdgeCheckModel

/// The drawings a kind offers through `CheckPresentation`: certificate chains as a table, the
/// waterfall as inline SVG with a table of its values beside it.
extension HTMLReporter {
    /// SVG geometry: the name column, the bar track, the text after it, one row's height.
    private static let nameWidth = 130.0
    private static let trackWidth = 380.0
    private static let textWidth = 210.0
    private static let rowHeight = 26.0
    private static let top = 8.0

    static func renderChains(_ chains: [CertificateChain], into page: inout HTMLPage) {
        page.line("<table class=\"certificates\">")
        page.line("<thead><tr><th>address</th><th>served</th><th>issuer</th><th>not after</th><th>days left</th>"
                  + "<th>verdicts</th></tr></thead>")
        page.line("<tbody>")
        for chain in chains {
            var served = chain.subjects.isEmpty ? "<span class=\"unknown\">no certificate</span>" : "<ol class=\"chain\">"
                + chain.subjects.map { "<li><code>\(text($0))</code></li>" }.joined() + "</ol>"
            if let fingerprint = chain.fingerprint {
                served += "<span class=\"meta mono\">sha256 \(text(fingerprint))</span>"
            }
            if let problem = chain.problem { served += "<br><span class=\"bad\">\(text(problem))</span>" }
            let verdicts = chain.verdicts.map { verdict -> String in
                let (mark, style) = switch verdict.ok {
                case true?: ("✓", "ok")
                case false?: ("✗", "bad")
                case nil: ("?", "unknown")
                }
                return "<span class=\"\(style)\">\(mark) \(text(verdict.name))</span>"
            }.joined(separator: " ")
            page.line("<tr class=\"certificate\"><td><code>\(text(chain.address))</code></td><td>\(served)</td>"
                      + "<td><code>\(text(chain.issuer ?? ""))</code></td><td>\(text(chain.notAfter ?? ""))</td>"
                      + "<td class=\"number\">\(chain.daysLeft.map(String.init) ?? "")</td><td>\(verdicts)</td></tr>")
        }
        page.line("</tbody>")
        page.line("</table>")
    }

    static func renderWaterfall(_ waterfall: Waterfall, into page: inout HTMLPage) {
        let width = nameWidth + trackWidth + textWidth
        let height = top * 2 + rowHeight * Double(waterfall.rows.count)
        let legend = waterfall.segments.enumerated().map { index, name in
            "<span class=\"swatch seg\(index % 4)\"></span>\(text(name))"
        }.joined()
        page.line("<figure class=\"waterfall\">")
        page.line("<figcaption>\(text(waterfall.title)):\(legend)</figcaption>")
        page.line("<svg class=\"waterfall\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) "
                  + "\(number(height))\" role=\"img\" aria-label=\"\(text(waterfall.title))\">")
        let scale = waterfall.scale
        for (index, row) in waterfall.rows.enumerated() {
            let y = top + rowHeight * Double(index)
            let middle = y + rowHeight / 2
            page.line("<g class=\"row\">")
            page.line("<text x=\"0\" y=\"\(number(middle + 4))\">\(text(row.name))</text>")
            page.line("<rect class=\"track\" x=\"\(number(nameWidth))\" y=\"\(number(y + 3))\" "
                      + "width=\"\(number(trackWidth))\" height=\"\(number(rowHeight - 6))\"/>")
            guard let values = row.values, let total = row.total else {
                page.line("<text x=\"\(number(nameWidth + trackWidth + 8))\" y=\"\(number(middle + 4))\">"
                          + "no successful sample</text>")
                page.line("</g>")
                continue
            }
            var start = 0.0
            for (segment, value) in values.enumerated() {
                let length = scale > 0 ? max(value, 0) / scale * trackWidth : 0
                let name = segment < waterfall.segments.count ? waterfall.segments[segment] : "segment \(segment + 1)"
                let label = "\(name) \(TableWaterfall.ms(value))"
                page.line("<rect class=\"seg\(segment % 4)\" x=\"\(number(nameWidth + start))\" y=\"\(number(y + 3))\" "
                          + "width=\"\(number(length))\" height=\"\(number(rowHeight - 6))\"><title>\(text(row.name)) "
                          + "\(text(label))</title></rect>")
                if length >= 44 {
                    page.line("<text class=\"in\" x=\"\(number(nameWidth + start + 4))\" y=\"\(number(middle + 4))\">"
                              + "\(text(TableWaterfall.ms(value)))</text>")
                }
                start += length
            }
            var after = TableWaterfall.ms(total)
            if let comparison = row.comparison { after += "  " + comparison }
            if row.insecure { after += "  insecure" }
            page.line("<text x=\"\(number(nameWidth + trackWidth + 8))\" y=\"\(number(middle + 4))\">\(text(after))</text>")
            page.line("</g>")
        }
        page.line("</svg>")
        page.line("</figure>")
        renderWaterfallValues(waterfall, into: &page)
    }

    /// The chart's numbers as a table, for a reader, a screen reader and a printout alike.
    private static func renderWaterfallValues(_ waterfall: Waterfall, into page: inout HTMLPage) {
        page.line("<table class=\"waterfall-values\">")
        let headers = waterfall.segments.map { "<th>\(text($0))</th>" }.joined()
        page.line("<thead><tr><th>\(text(waterfall.title))</th>\(headers)<th>total</th><th></th></tr></thead>")
        page.line("<tbody>")
        for row in waterfall.rows {
            let cells = waterfall.segments.indices.map { index -> String in
                guard let values = row.values, index < values.count else { return "<td></td>" }
                return "<td class=\"number\">\(text(TableWaterfall.ms(values[index])))</td>"
            }.joined()
            var note = row.comparison.map(text) ?? ""
            if row.insecure { note += " <span class=\"insecure\">insecure</span>" }
            page.line("<tr><td><code>\(text(row.name))</code></td>\(cells)<td class=\"number\">"
                      + "\(row.total.map { text(TableWaterfall.ms($0)) } ?? "no successful sample")</td><td>\(note)</td></tr>")
        }
        page.line("</tbody>")
        page.line("</table>")
    }

    /// A coordinate with at most two decimals.
    private static func number(_ value: Double) -> String {
        let rounded = (value.isFinite ? value * 100 : 0).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
    }
}
