extension HTMLReporter {
    /// The page's only style sheet, inline so the file stands alone. Colours come from variables
    /// set once for light and once for dark; print drops the backgrounds and keeps the borders.
    static let styleSheet = """
        :root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa;
          --line: #d0d7de; --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --error: #8250df; --skip: #6e7781;
          --seg0: #54aeff; --seg1: #2da44e; --seg2: #bf8700; --seg3: #a475f9; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #30363d;
            --pass: #3fb950; --warn: #d29922; --fail: #f85149; --error: #bc8cff; --skip: #9198a1;
            --seg0: #388bfd; --seg1: #2ea043; --seg2: #bb8009; --seg3: #8957e5; }
        }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 15px/1.45 system-ui, sans-serif;
          color: var(--fg); background: var(--bg); }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
        h3 { font-size: 1.05rem; margin: 0; display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
        code, .mono { font-family: ui-monospace, monospace; font-size: .92em; unicode-bidi: isolate; overflow-wrap: anywhere; }
        td, li, p { unicode-bidi: isolate; overflow-wrap: anywhere; }
        .meta { color: var(--muted); margin: 0; }
        .counts { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 1rem 0; list-style: none; }
        .counts li { border: 1px solid var(--line); border-radius: 6px; padding: .2rem .6rem; background: var(--panel); }
        .status { display: inline-block; min-width: 3.2rem; text-align: center; font-weight: 700; text-transform: uppercase;
          font-size: .8rem; border-radius: 4px; padding: .05rem .4rem; color: var(--bg); }
        .status.pass { background: var(--pass); } .status.warn { background: var(--warn); }
        .status.fail { background: var(--fail); } .status.error { background: var(--error); }
        .status.skip { background: var(--skip); }
        .check { border: 1px solid var(--line); border-left: 6px solid var(--skip); border-radius: 6px; padding: .75rem 1rem;
          margin: .75rem 0; background: var(--panel); break-inside: avoid; }
        .check.pass { border-left-color: var(--pass); } .check.warn { border-left-color: var(--warn); }
        .check.fail { border-left-color: var(--fail); } .check.error { border-left-color: var(--error); }
        .kind, .time { color: var(--muted); }
        .time { margin-left: auto; }
        .insecure { font-weight: 700; color: var(--fail); border: 2px solid var(--fail); border-radius: 4px; padding: 0 .35rem; }
        .banner { border: 2px solid var(--fail); border-radius: 6px; padding: .5rem .75rem; margin: 1rem 0; }
        .summary { margin: .4rem 0; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .93rem; }
        th, td { text-align: left; vertical-align: top; border-top: 1px solid var(--line); padding: .25rem .5rem; }
        th { color: var(--muted); font-weight: 600; }
        tr.subject td:nth-child(2), tr.certificate td:first-child { white-space: nowrap; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        ol.chain { margin: .2rem 0; padding-left: 1.4rem; }
        .ok { color: var(--pass); } .bad { color: var(--fail); } .unknown { color: var(--muted); }
        figure { margin: .5rem 0; }
        figcaption { color: var(--muted); font-size: .9rem; }
        svg.waterfall { width: 100%; max-width: 46rem; height: auto; display: block; }
        svg.waterfall text { fill: var(--fg); font: 12px system-ui, sans-serif; }
        svg.waterfall text.in { fill: #ffffff; font-size: 11px; }
        svg.waterfall .track { fill: none; stroke: var(--line); }
        .seg0 { fill: var(--seg0); } .seg1 { fill: var(--seg1); } .seg2 { fill: var(--seg2); } .seg3 { fill: var(--seg3); }
        .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; vertical-align: -.1rem; margin: 0 .25rem 0 .6rem; }
        .swatch.seg0 { background: var(--seg0); } .swatch.seg1 { background: var(--seg1); }
        .swatch.seg2 { background: var(--seg2); } .swatch.seg3 { background: var(--seg3); }
        footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
        @media print {
          :root { --bg: #ffffff; --fg: #000000; --panel: #ffffff; }
          body { max-width: none; padding: 0; font-size: 11pt; }
          .status { color: #000000; background: none !important; border: 1px solid #000000; }
          * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        }
        """
}
