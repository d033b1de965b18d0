import MLCore

extension DriftReport {
    /// The most bins drawn per categorical column (the categories with the largest combined
    /// share; the others are summed into one "other" bar).
    static let maximumHistogramBars = 30

    /// A self-contained HTML page (no script, no network: inline CSS and SVG): the verdict, the
    /// rule, a summary table of every column (test, p-value against its corrected threshold,
    /// PSI, JS distance, normed Wasserstein, verdict), and per column baseline vs. current
    /// histograms on the PSI bins as inline SVG. Every name and label is HTML-escaped.
    public func html(title: String = "Drift report") -> String {
        var h = ""
        h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        h += "<title>\(_HTML.escape(title))</title>\n<style>\n\(Self.css)</style>\n</head>\n<body>\n"
        h += "<h1>\(_HTML.escape(title))</h1>\n"
        let badge = verdict.driftDetected ? "<span class=\"badge drift\">DRIFT</span>" : "<span class=\"badge ok\">NO DRIFT</span>"
        h += "<p class=\"verdict\">\(badge) \(verdict.driftedColumns.count) of \(verdict.columnCount) columns drifted "
        h += "(share \(_Format.short(verdict.share, digits: 3)); the dataset drifts at ≥ \(_Format.short(verdict.driftShare, digits: 3)))</p>\n"
        h += "<p class=\"rule\">Rule: \(_HTML.escape(verdict.rule)).</p>\n"
        h += "<p class=\"meta\">Baseline: \(baselineRowCount) rows (\(baselineSource == .profile ? "profile; KS and Wasserstein on its sample" : "full data"))"
        if let baselineSHA256 { h += ", SHA-256 <code>\(_HTML.escape(String(baselineSHA256.prefix(16))))…</code>" }
        h += ". Current: \(currentRowCount) rows"
        if let currentSHA256 { h += ", SHA-256 <code>\(_HTML.escape(String(currentSHA256.prefix(16))))…</code>" }
        h += ".</p>\n"
        h += "<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th>column</th><th>type</th><th>test</th><th>p-value</th>"
        h += "<th>threshold</th><th>PSI</th><th>JS distance</th><th>W1 / σ</th><th>missing (base → cur)</th><th>verdict</th></tr></thead>\n<tbody>\n"
        for (i, c) in columns.enumerated() {
            let cls = c.verdict.drifted ? "drift" : (c.verdict.psiLevel == .stable ? "" : "warn")
            h += "<tr class=\"\(cls)\"><td><a href=\"#col\(i)\">\(_HTML.escape(c.name))</a></td><td>\(c.kind.rawValue)</td>"
            h += "<td>\(c.verdict.test == "ks" ? "KS" : "χ²")</td><td>\(_Format.short(c.verdict.pValue, digits: 3))</td>"
            h += "<td>\(c.verdict.significant ? "&lt;" : "≥") \(_Format.short(c.verdict.significanceThreshold, digits: 3))</td>"
            h += "<td>\(mark(c.psi, c.verdict.exceededEffects.contains("psi")))</td>"
            h += "<td>\(mark(c.jsDistance, c.verdict.exceededEffects.contains("js_distance")))</td>"
            h += "<td>\(c.wassersteinNormed.map { mark($0, c.verdict.exceededEffects.contains("wasserstein_normed")) } ?? "—")</td>"
            h += "<td>\(percent(c.baselineMissingRate)) → \(percent(c.currentMissingRate))</td>"
            h += "<td>\(c.verdict.drifted ? "<b>drifted</b>" : (c.verdict.psiLevel == .warning ? "PSI warning" : "stable"))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n<h2>Columns</h2>\n"
        for (i, c) in columns.enumerated() {
            h += "<section id=\"col\(i)\" class=\"column\">\n<h3>\(_HTML.escape(c.name)) "
            h += c.verdict.drifted ? "<span class=\"badge drift\">drifted</span>" : "<span class=\"badge ok\">stable</span>"
            h += "</h3>\n<p class=\"stats\">"
            var parts: [String] = ["n = \(c.baselineCount) → \(c.currentCount)", "PSI \(_Format.short(c.psi))", "JS \(_Format.short(c.jsDistance))"]
            if let ks = c.ks { parts.append("KS D \(_Format.short(ks.statistic)), p \(_Format.short(ks.pValue, digits: 3)) (\(ks.method.rawValue))") }
            if let w = c.wasserstein { parts.append("W1 \(_Format.short(w))") }
            if let m0 = c.baselineMean, let m1 = c.currentMean { parts.append("mean \(_Format.short(m0)) → \(_Format.short(m1))") }
            if let chi = c.chiSquare {
                parts.append("χ² \(_Format.short(chi.statistic)) (dof \(chi.degreesOfFreedom)), p \(_Format.short(chi.pValue, digits: 3))")
                if !chi.unseenCategories.isEmpty {
                    parts.append("unseen: " + chi.unseenCategories.prefix(10).map { _HTML.escape($0) }.joined(separator: ", "))
                }
            }
            h += parts.map { $0.hasPrefix("unseen") ? $0 : _HTML.escape($0) }.joined(separator: " · ")
            h += "</p>\n" + histogramSVG(c) + "</section>\n"
        }
        h += "<footer>swift-mlops MLDrift · PSI and JS distance on the baseline's decile bins (numeric) or categories; "
        h += "KS and χ² p-values as SciPy; Wasserstein-1 normed by the baseline σ.</footer>\n</body>\n</html>\n"
        return h
    }

    func mark(_ x: Double, _ over: Bool) -> String {
        over ? "<b>\(_Format.short(x, digits: 3))</b>" : _Format.short(x, digits: 3)
    }

    func percent(_ x: Double) -> String { _Format.short(x * 100, digits: 3) + "%" }

    /// Grouped bars (baseline, current) per bin, with a y axis in percent and bin labels.
    func histogramSVG(_ c: ColumnDrift) -> String {
        var labels = c.histogram.labels
        var base = c.histogram.baseline
        var cur = c.histogram.current
        if labels.count > Self.maximumHistogramBars {
            let order = labels.indices.sorted { (base[$0] + cur[$0]) > (base[$1] + cur[$1]) }
            let keep = Array(order.prefix(Self.maximumHistogramBars - 1)).sorted()
            let rest = Set(labels.indices).subtracting(keep)
            let otherB = rest.reduce(0.0) { $0 + base[$1] }, otherC = rest.reduce(0.0) { $0 + cur[$1] }
            labels = keep.map { labels[$0] } + ["other (\(rest.count))"]
            base = keep.map { base[$0] } + [otherB]
            cur = keep.map { cur[$0] } + [otherC]
        }
        let n = max(labels.count, 1)
        let width = 1080.0, height = 300.0
        let left = 56.0, right = 16.0, top = 24.0, bottom = 86.0
        let plotW = width - left - right, plotH = height - top - bottom
        let top1 = max(base.max() ?? 0, cur.max() ?? 0, 0.01)
        // A "nice" tick step (1, 2, 2.5 or 5 × 10^k) so that four steps cover the tallest bar.
        let rawStep = top1 * 1.05 / 4
        let magnitude = _Math.pow(10.0, (_Math.log10(rawStep)).rounded(.down))
        let step = ([1.0, 2.0, 2.5, 5.0, 10.0].first { $0 * magnitude >= rawStep } ?? 10) * magnitude
        let ticks = max(1, Int((top1 * 1.05 / step).rounded(.up)))
        let yMax = step * Double(ticks)
        let slot = plotW / Double(n)
        let bar = slot * 0.38
        func y(_ v: Double) -> Double { top + plotH * (1 - v / yMax) }
        func f(_ v: Double) -> String { _Format.short(v, digits: 6) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"hist\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(_HTML.escape(c.name)) histogram\">\n"
        // Grid and y axis.
        for k in 0...ticks {
            let v = step * Double(k)
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(v)))\" class=\"grid\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" class=\"ylab\">\(_Format.short(v * 100, digits: 3))%</text>\n"
        }
        for i in 0..<labels.count {
            let x0 = left + slot * Double(i) + slot * 0.1
            let bv = i < base.count ? base[i] : 0, cv = i < cur.count ? cur[i] : 0
            s += "<rect class=\"base\" x=\"\(f(x0))\" y=\"\(f(y(bv)))\" width=\"\(f(bar))\" height=\"\(f(max(plotH * bv / yMax, 0)))\"><title>baseline \(_HTML.escape(labels[i])): \(_Format.short(bv * 100, digits: 4))%</title></rect>"
            s += "<rect class=\"cur\" x=\"\(f(x0 + bar))\" y=\"\(f(y(cv)))\" width=\"\(f(bar))\" height=\"\(f(max(plotH * cv / yMax, 0)))\"><title>current \(_HTML.escape(labels[i])): \(_Format.short(cv * 100, digits: 4))%</title></rect>\n"
            let lx = left + slot * (Double(i) + 0.5)
            let ly = top + plotH + 12
            s += "<text class=\"xlab\" x=\"\(f(lx))\" y=\"\(f(ly))\" transform=\"rotate(30 \(f(lx)) \(f(ly)))\">\(_HTML.escape(Self.truncated(labels[i], 28)))</text>\n"
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotH))\" class=\"axis\"/>"
        s += "<rect class=\"base\" x=\"\(f(width - 230))\" y=\"6\" width=\"12\" height=\"12\"/><text x=\"\(f(width - 214))\" y=\"16\" class=\"legend\">baseline</text>"
        s += "<rect class=\"cur\" x=\"\(f(width - 140))\" y=\"6\" width=\"12\" height=\"12\"/><text x=\"\(f(width - 124))\" y=\"16\" class=\"legend\">current</text>\n"
        s += "</svg>\n"
        return s
    }

    static func truncated(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }

    static let css = """
        body { font-family: -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 24px; color: #1d2330; max-width: 1120px; }
        h1 { margin-bottom: 4px; } h2 { margin-top: 28px; border-bottom: 1px solid #d8dde6; padding-bottom: 4px; }
        .badge { display: inline-block; padding: 2px 8px; border-radius: 4px; font-size: 0.8em; font-weight: 600; color: #fff; }
        .badge.drift { background: #c0392b; } .badge.ok { background: #2e8b57; }
        .verdict { font-size: 1.1em; } .rule, .meta, footer { color: #5a6273; font-size: 0.9em; }
        table.summary { border-collapse: collapse; width: 100%; font-size: 0.9em; }
        table.summary th, table.summary td { border-bottom: 1px solid #e3e7ee; padding: 5px 8px; text-align: right; }
        table.summary th:first-child, table.summary td:first-child { text-align: left; }
        tr.drift { background: #fdecea; } tr.warn { background: #fff8e1; }
        section.column { margin: 18px 0 26px; } .stats { font-size: 0.9em; color: #394150; }
        svg.hist { max-width: 100%; height: auto; background: #fbfcfe; border: 1px solid #e3e7ee; }
        svg .base { fill: #4a78c2; } svg .cur { fill: #e8833a; }
        svg .grid { stroke: #e6e9ef; stroke-width: 1; } svg .axis { stroke: #8a93a3; stroke-width: 1; }
        svg text { font-size: 11px; fill: #394150; font-family: inherit; }
        svg .ylab { text-anchor: end; } svg .xlab { text-anchor: start; } svg .legend { font-size: 12px; }
        code { font-size: 0.9em; }

        """
}
