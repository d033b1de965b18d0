import MLServe

/// Writes the scoring responses as JSON bytes by hand (no intermediate values): the hot path
/// next to the request parser.
enum _ResponseEncoder {
    static func single(_ r: ScoreResult, requestID: String?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(192)
        out.append(contentsOf: #"{"score":"#.utf8)
        number(r.score, into: &out)
        out.append(contentsOf: #","label":"#.utf8)
        string(r.label, into: &out)
        if let probabilities = r.probabilities {
            out.append(contentsOf: #","probabilities":["#.utf8)
            for (k, p) in probabilities.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                number(p, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        common(model: r.model, version: r.version, route: r.route, requestID: requestID, into: &out)
        if r.source != .model {
            out.append(contentsOf: #","source":"#.utf8)
            string(r.source.rawValue, into: &out)
        }
        if let reason = r.fallbackReason {
            out.append(contentsOf: #","fallback":"#.utf8)
            string(reason.rawValue, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func batch(_ b: BatchScoreResult, requestID: String?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + b.results.count * 24)
        out.append(contentsOf: #"{"scores":["#.utf8)
        for (k, r) in b.results.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            number(r.score, into: &out)
        }
        out.append(contentsOf: #"],"labels":["#.utf8)
        for (k, r) in b.results.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            string(r.label, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        if b.results.contains(where: { $0.fallbackReason != nil }) {
            out.append(contentsOf: #","fallbacks":["#.utf8)
            for (k, r) in b.results.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                string(r.fallbackReason?.rawValue, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        common(model: b.model, version: b.version, route: b.route, requestID: requestID, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func error(code: String, message: String) -> [UInt8] {
        var out: [UInt8] = []
        out.append(contentsOf: #"{"error":{"code":"#.utf8)
        string(code, into: &out)
        out.append(contentsOf: #","message":"#.utf8)
        string(message, into: &out)
        out.append(contentsOf: "}}".utf8)
        return out
    }

    private static func common(model: String, version: String, route: String, requestID: String?, into out: inout [UInt8]) {
        out.append(contentsOf: #","model":"#.utf8)
        string(model, into: &out)
        out.append(contentsOf: #","version":"#.utf8)
        string(version, into: &out)
        out.append(contentsOf: #","route":"#.utf8)
        string(route, into: &out)
        if let requestID {
            out.append(contentsOf: #","request_id":"#.utf8)
            string(requestID, into: &out)
        }
    }

    /// The shortest text that reads back as the same Double (Swift's `description`), `null`
    /// for nil and non-finite values.
    static func number(_ value: Double?, into out: inout [UInt8]) {
        guard let value, value.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(contentsOf: value.description.utf8)
    }

    /// A JSON string with the escapes RFC 8259 requires, `null` for nil.
    static func string(_ value: String?, into out: inout [UInt8]) {
        guard let value else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for c in value.utf8 {
            switch c {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 0xF)])
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
