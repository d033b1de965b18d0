import MLCore

/// Builds the text of a native model file: deterministic key order (the order of the calls),
/// two-space indentation for sections, one line per tree node, and numbers that read back
/// bit for bit.
///
/// Numbers: finite `Float`/`Double` values are written with Swift's `description`, the
/// shortest text that parses back to the same value (read a `Float` as `Float`, a `Double` as
/// `Double`); NaN and ±∞, which JSON lacks, are the strings `"NaN"`, `"Infinity"`,
/// `"-Infinity"`. −0 is written `-0.0`.
struct _NativeJSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func raw(_ text: [UInt8]) { bytes.append(contentsOf: text) }

    /// A JSON string literal with the escapes RFC 8259 requires.
    static func quoted(_ s: String) -> String { _TextEscaping.jsonQuoted(s) }

    static func number(_ v: Float) -> String {
        if v.isNaN { return "\"NaN\"" }
        if v.isInfinite { return v < 0 ? "\"-Infinity\"" : "\"Infinity\"" }
        return v.description
    }

    static func number(_ v: Double) -> String {
        if v.isNaN { return "\"NaN\"" }
        if v.isInfinite { return v < 0 ? "\"-Infinity\"" : "\"Infinity\"" }
        return v.description
    }

    static func list<S: Sequence>(_ values: S, _ item: (S.Element) -> String) -> String {
        "[" + values.map(item).joined(separator: ",") + "]"
    }

    static func stringList(_ values: [String]) -> String { list(values, quoted) }

    /// Writes a parsed value back as indented JSON, numbers copied verbatim from `doc`.
    mutating func value(_ v: _JSONValue, doc: _JSONDocument, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch v {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .numberText(let s, let e):
            bytes.append(contentsOf: doc.bytes[Int(s)..<Int(e)])
        case .integer(let i): raw(String(i))
        case .float32(let f): raw(Self.number(f))
        case .float64(let d): raw(Self.number(d))
        case .string(let s): raw(Self.quoted(s))
        case .floats(let a): raw(Self.list(a, Self.number))
        case .integers(let a): raw(Self.list(a) { String($0) })
        case .array(let items):
            // Arrays of scalars stay on one line.
            if items.allSatisfy({ if case .array = $0 { return false }; if case .object = $0 { return false }; return true }) {
                raw("[")
                for (k, item) in items.enumerated() {
                    if k > 0 { raw(",") }
                    value(item, doc: doc, indent: indent + 1)
                }
                raw("]")
                return
            }
            raw("[\n")
            for (k, item) in items.enumerated() {
                raw(pad)
                value(item, doc: doc, indent: indent + 1)
                raw(k + 1 < items.count ? ",\n" : "\n")
            }
            raw(close + "]")
        case .object(let members):
            if members.isEmpty {
                raw("{}")
                return
            }
            raw("{\n")
            for (k, member) in members.enumerated() {
                raw(pad + Self.quoted(member.key) + ": ")
                value(member.value, doc: doc, indent: indent + 1)
                raw(k + 1 < members.count ? ",\n" : "\n")
            }
            raw(close + "}")
        }
    }
}
