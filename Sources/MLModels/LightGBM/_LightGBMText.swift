/// The LightGBM `save_model` text split into a header and tree blocks of `key=value` lines,
/// as byte spans (numbers are parsed later straight from the bytes).
struct _LightGBMText {
    struct Span {
        var start: Int
        var end: Int
        /// 1-based line number.
        var line: Int
    }

    let bytes: [UInt8]
    var header: [String: Span] = [:]
    /// Header lines without `=` (e.g. `average_output`).
    var flags: Set<String> = []
    var trees: [[String: Span]] = []
    /// Line of each `Tree=` header.
    var treeLines: [Int] = []

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        var current: [String: Span]?
        var lineNumber = 0
        var i = 0
        let n = bytes.count
        var sawEnd = false
        while i < n {
            lineNumber += 1
            let start = i
            while i < n, bytes[i] != 0x0A { i += 1 }
            var end = i
            if i < n { i += 1 }
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            if end == start { continue }
            // Key up to '='.
            var eq = start
            while eq < end, bytes[eq] != UInt8(ascii: "=") { eq += 1 }
            let key = String(decoding: bytes[start..<eq], as: UTF8.self)
            if eq == end {
                if key == "end of trees" {
                    sawEnd = true
                    break
                }
                if current == nil { flags.insert(key) }
                continue
            }
            let span = Span(start: eq + 1, end: end, line: lineNumber)
            if key == "Tree" {
                if let tree = current { trees.append(tree) }
                current = [:]
                treeLines.append(lineNumber)
                continue
            }
            if current != nil {
                if current?[key] == nil { current?[key] = span }
            } else if header[key] == nil {
                header[key] = span
            }
        }
        if let tree = current { trees.append(tree) }
        guard sawEnd else {
            throw ModelLoadingError(.malformed, "the LightGBM model text has no 'end of trees' line (truncated file?)", line: lineNumber)
        }
    }

    func string(_ span: Span) -> String {
        String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }

    /// Space-separated tokens of a span as byte ranges.
    private func tokens(_ span: Span, _ body: (Int, Int) throws -> Void) rethrows {
        var i = span.start
        while i < span.end {
            while i < span.end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            if i >= span.end { break }
            let s = i
            while i < span.end, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
            try body(s, i)
        }
    }

    func doubles(_ span: Span, key: String) throws -> [Double] {
        try numbers(span, key: key, kind: "a number") { p, s, e in _NumberParsing.double(p, s, e) }
    }

    func integers(_ span: Span, key: String) throws -> [Int64] {
        try numbers(span, key: key, kind: "an integer") { p, s, e in _NumberParsing.integer(p, s, e) }
    }

    /// The space-separated tokens of `span` read by `parse`; a token it refuses is an
    /// `.invalidValue` naming the key, the line and the token.
    private func numbers<Value>(
        _ span: Span, key: String, kind: String, parse: (UnsafeBufferPointer<UInt8>, Int, Int) -> Value?
    ) throws -> [Value] {
        var out: [Value] = []
        try bytes.withUnsafeBufferPointer { p in
            try tokens(span) { s, e in
                guard let v = parse(p, s, e) else {
                    throw ModelLoadingError(
                        .invalidValue, "'\(key)' holds '\(String(decoding: p[s..<e], as: UTF8.self))', not \(kind)", key: key, line: span.line)
                }
                out.append(v)
            }
        }
        return out
    }

    func words(_ span: Span) -> [String] {
        string(span).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}
