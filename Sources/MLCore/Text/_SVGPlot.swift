/// A small line/point chart on the unit square, drawn as inline SVG (no scripts, no network).
///
/// Every series is one `<polyline class="series">` (or circles for point series) carrying
/// `data-points="N"` so tests can see that a plot has data.
package struct _SVGPlot {
    /// One line (or marker) series.
    package struct Series {
        package var name: String
        package var points: [(x: Double, y: Double)]
        package var color: String
        package var dashed = false
        package var markers = false

        package init(name: String, points: [(x: Double, y: Double)], color: String, dashed: Bool = false, markers: Bool = false) {
            self.name = name
            self.points = points
            self.color = color
            self.dashed = dashed
            self.markers = markers
        }
    }

    package var title: String
    package var xLabel: String
    package var yLabel: String
    package var series: [Series] = []
    package var width = 380.0
    package var height = 340.0

    package init(title: String, xLabel: String, yLabel: String, series: [Series] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    package static let palette = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// At most `limit` points, evenly spaced by index, keeping the first and the last.
    package static func thinned(_ points: [(x: Double, y: Double)], limit: Int = 1500) -> [(x: Double, y: Double)] {
        guard points.count > limit, limit >= 2 else { return points }
        let step = Double(points.count - 1) / Double(limit - 1)
        return (0..<limit).map { points[min(points.count - 1, Int((Double($0) * step).rounded()))] }
    }

    /// The chart as one `<svg>` element.
    package var svg: String {
        let left = 52.0, right = 12.0, top = 30.0, bottom = 44.0
        let plotW = width - left - right
        let plotH = height - top - bottom
        func px(_ x: Double) -> String { _DecimalText.fixed(left + min(max(x, 0), 1) * plotW, 1) }
        func py(_ y: Double) -> String { _DecimalText.fixed(top + (1 - min(max(y, 0), 1)) * plotH, 1) }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="plot" role="img" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" aria-label="\(_HTML.escape(title, droppingControlCharacters: true))">
            <title>\(_HTML.escape(title, droppingControlCharacters: true))</title>
            <text x="\(_DecimalText.fixed(width / 2, 1))" y="18" text-anchor="middle" class="plot-title">\(_HTML.escape(title, droppingControlCharacters: true))</text>

            """
        // Grid and ticks.
        for i in 0...5 {
            let v = Double(i) / 5
            let label = _DecimalText.fixed(v, 1)
            out += "<line x1=\"\(px(v))\" y1=\"\(py(0))\" x2=\"\(px(v))\" y2=\"\(py(1))\" class=\"grid\"/>"
            out += "<line x1=\"\(px(0))\" y1=\"\(py(v))\" x2=\"\(px(1))\" y2=\"\(py(v))\" class=\"grid\"/>"
            out += "<text x=\"\(px(v))\" y=\"\(_DecimalText.fixed(top + plotH + 16, 1))\" text-anchor=\"middle\" class=\"tick\">\(label)</text>"
            out += "<text x=\"\(_DecimalText.fixed(left - 6, 1))\" y=\"\(_DecimalText.fixed(top + (1 - v) * plotH + 4, 1))\" text-anchor=\"end\" class=\"tick\">\(label)</text>\n"
        }
        out += "<rect x=\"\(px(0))\" y=\"\(py(1))\" width=\"\(_DecimalText.fixed(plotW, 1))\" height=\"\(_DecimalText.fixed(plotH, 1))\" class=\"frame\"/>\n"
        out += "<text x=\"\(_DecimalText.fixed(left + plotW / 2, 1))\" y=\"\(_DecimalText.fixed(height - 8, 1))\" text-anchor=\"middle\" class=\"axis\">\(_HTML.escape(xLabel, droppingControlCharacters: true))</text>\n"
        out += "<text transform=\"translate(14 \(_DecimalText.fixed(top + plotH / 2, 1))) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">\(_HTML.escape(yLabel, droppingControlCharacters: true))</text>\n"
        for s in series {
            let pts = Self.thinned(s.points)
            let name = _HTML.escape(s.name, droppingControlCharacters: true)
            if s.markers {
                out += "<g class=\"series markers\" data-name=\"\(name)\" data-points=\"\(pts.count)\">"
                for p in pts {
                    out += "<circle cx=\"\(px(p.x))\" cy=\"\(py(p.y))\" r=\"3.5\" fill=\"\(s.color)\"/>"
                }
                if pts.count > 1 {
                    let line = pts.map { "\(px($0.x)),\(py($0.y))" }.joined(separator: " ")
                    out += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"1.5\"/>"
                }
                out += "</g>\n"
            } else {
                let line = pts.map { "\(px($0.x)),\(py($0.y))" }.joined(separator: " ")
                let dash = s.dashed ? " stroke-dasharray=\"5 4\"" : ""
                let cls = s.dashed ? "reference" : "series"
                out += "<polyline class=\"\(cls)\" data-name=\"\(name)\" data-points=\"\(pts.count)\" points=\"\(line)\" fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"\(s.dashed ? "1" : "2")\"\(dash)/>\n"
            }
        }
        // Legend, bottom right inside the plot.
        let named = series.filter { !$0.name.isEmpty }
        for (i, s) in named.enumerated() {
            let y = top + plotH - 10 - Double(named.count - 1 - i) * 16
            let x = left + plotW - 150
            out += "<line x1=\"\(_DecimalText.fixed(x, 1))\" y1=\"\(_DecimalText.fixed(y - 4, 1))\" x2=\"\(_DecimalText.fixed(x + 18, 1))\" y2=\"\(_DecimalText.fixed(y - 4, 1))\" stroke=\"\(s.color)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"5 4\"" : "")/>"
            out += "<text x=\"\(_DecimalText.fixed(x + 24, 1))\" y=\"\(_DecimalText.fixed(y, 1))\" class=\"legend\">\(_HTML.escape(s.name, droppingControlCharacters: true))</text>\n"
        }
        out += "</svg>"
        return out
    }
}
