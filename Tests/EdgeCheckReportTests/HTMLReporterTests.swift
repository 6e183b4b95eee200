import Testing
@testable import EdgeCheckReport
@testable import EdgeCheckChecks
@testable import EdgeCheckModel
@testable import EdgeCheckNet

@Suite struct HTMLReporterTests {
    @Test func matchesTheGoldenPage() throws {
        try GoldenFile.expect(HTMLReporter().render(SampleRunWithPresentations.report()), matches: "report.html")
    }

    @Test func everyCheckHasItsStatusAndId() {
        let page = HTMLReporter().render(SampleRun.report())
        for check in SampleRun.report().suites.flatMap(\.checks) {
            #expect(page.contains("<article class=\"check \(check.status.rawValue)\" id=\"check-\(check.id)\">"))
            #expect(page.contains("<code class=\"check-id\">\(check.id)</code>"))
        }
    }

    @Test func insecureIsInPlainSight() {
        let page = HTMLReporter().render(SampleRunWithPresentations.report())
        #expect(page.contains("TLS verification was off for: <code>hops</code>"))
        #expect(page.contains("<code class=\"check-id\">hops</code> <span class=\"kind\">tls-timing</span> "
                              + "<span class=\"insecure\">insecure</span>"))
        #expect(page.contains("+3.6 ms over alb  insecure</text>"), "the hop's row in the waterfall says so")
    }

    @Test func drawsTheWaterfallAndTheChains() {
        let page = HTMLReporter().render(SampleRunWithPresentations.report())
        #expect(page.contains("<svg class=\"waterfall\""))
        #expect(page.contains("<rect class=\"seg2\""), "the tls segment")
        #expect(page.contains("no successful sample</text>"))
        #expect(page.contains("<tr class=\"certificate\"><td><code>127.0.10.1</code></td><td><ol class=\"chain\">"
                              + "<li><code>CN=www.edgecheck.test</code></li><li><code>CN=Edge Lab Issuing CA</code></li></ol>"))
        #expect(page.contains("no certificate</span><br><span class=\"bad\">connection refused</span>"))
    }

    @Test func pageLoadsNothingAndRunsNothing() {
        let page = HTMLReporter().render(SampleRunWithPresentations.report())
        #expect(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href="))
    }

    @Test func hostileTextIsNeverMarkup() {
        let page = HTMLReporter().render(SampleRun.hostileReport())
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"))
        #expect(!page.contains("\u{1B}") && !page.contains("\u{0}") && !page.contains("\u{FFFE}"))
        #expect(page.contains("id=\"check-evil___id\""), "an id becomes a safe token in attributes")
        // Every tag in the page is one the reporter writes.
        let known: Set<String> = ["!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "span",
                                  "ul", "li", "main", "section", "h2", "article", "h3", "code", "table", "thead", "tr",
                                  "th", "tbody", "td", "br", "details", "summary", "footer", "strong", "ol"]
        var index = page.startIndex
        while let open = page[index...].firstIndex(of: "<") {
            let name = page[page.index(after: open)...].prefix { $0 != " " && $0 != ">" && $0 != "/" && $0 != "\n" }
            let tag = name.hasPrefix("/") ? String(name.dropFirst()) : String(name)
            #expect(tag.isEmpty || known.contains(tag), "unexpected tag <\(tag)>")
            index = page.index(after: open)
        }
    }

    @Test func tokensKeepOnlySafeCharacters() {
        #expect(HTMLText.token("egress-ips_2") == "egress-ips_2")
        #expect(HTMLText.token("a\"><b c") == "a___b_c")
    }
}
