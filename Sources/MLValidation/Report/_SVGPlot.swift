/// A small line/point chart on the unit square, drawn as inline SVG (no scripts, no network).
///
/// Every series is one `<polyline class="series">` (or circles for point series) carrying
/// `data-points="N"` so tests can see that a plot has data.
struct _SVGPlot {
    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
        var color: String
        var dashed = false
        var markers = false
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series] = []
    var width = 380.0
    var height = 340.0

    static let palette = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// At most `limit` points, evenly spaced by index, keeping the first and the last.
    static func thinned(_ points: [(x: Double, y: Double)], limit: Int = 1500) -> [(x: Double, y: Double)] {
        guard points.count > limit, limit >= 2 else { return points }
        let step = Double(points.count - 1) / Double(limit - 1)
        return (0..<limit).map { points[min(points.count - 1, Int((Double($0) * step).rounded()))] }
    }

    var svg: String {
        let left = 52.0, right = 12.0, top = 30.0, bottom = 44.0
        let plotW = width - left - right
        let plotH = height - top - bottom
        func px(_ x: Double) -> String { _Format.fixed(left + min(max(x, 0), 1) * plotW, 1) }
        func py(_ y: Double) -> String { _Format.fixed(top + (1 - min(max(y, 0), 1)) * plotH, 1) }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="plot" role="img" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" aria-label="\(_HTML.escape(title))">
            <title>\(_HTML.escape(title))</title>
            <text x="\(_Format.fixed(width / 2, 1))" y="18" text-anchor="middle" class="plot-title">\(_HTML.escape(title))</text>

            """
        // Grid and ticks.
        for i in 0...5 {
            let v = Double(i) / 5
            let label = _Format.fixed(v, 1)
            out += "<line x1=\"\(px(v))\" y1=\"\(py(0))\" x2=\"\(px(v))\" y2=\"\(py(1))\" class=\"grid\"/>"
            out += "<line x1=\"\(px(0))\" y1=\"\(py(v))\" x2=\"\(px(1))\" y2=\"\(py(v))\" class=\"grid\"/>"
            out += "<text x=\"\(px(v))\" y=\"\(_Format.fixed(top + plotH + 16, 1))\" text-anchor=\"middle\" class=\"tick\">\(label)</text>"
            out += "<text x=\"\(_Format.fixed(left - 6, 1))\" y=\"\(_Format.fixed(top + (1 - v) * plotH + 4, 1))\" text-anchor=\"end\" class=\"tick\">\(label)</text>\n"
        }
        out += "<rect x=\"\(px(0))\" y=\"\(py(1))\" width=\"\(_Format.fixed(plotW, 1))\" height=\"\(_Format.fixed(plotH, 1))\" class=\"frame\"/>\n"
        out += "<text x=\"\(_Format.fixed(left + plotW / 2, 1))\" y=\"\(_Format.fixed(height - 8, 1))\" text-anchor=\"middle\" class=\"axis\">\(_HTML.escape(xLabel))</text>\n"
        out += "<text transform=\"translate(14 \(_Format.fixed(top + plotH / 2, 1))) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">\(_HTML.escape(yLabel))</text>\n"
        for s in series {
            let pts = Self.thinned(s.points)
            let name = _HTML.escape(s.name)
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
            out += "<line x1=\"\(_Format.fixed(x, 1))\" y1=\"\(_Format.fixed(y - 4, 1))\" x2=\"\(_Format.fixed(x + 18, 1))\" y2=\"\(_Format.fixed(y - 4, 1))\" stroke=\"\(s.color)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"5 4\"" : "")/>"
            out += "<text x=\"\(_Format.fixed(x + 24, 1))\" y=\"\(_Format.fixed(y, 1))\" class=\"legend\">\(_HTML.escape(s.name))</text>\n"
        }
        out += "</svg>"
        return out
    }
}

/// HTML text escaping.
enum _HTML {
    /// `text` with `& < > " '` replaced by entities: safe in element content and in quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab/newline are dropped (not valid in HTML text).
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
