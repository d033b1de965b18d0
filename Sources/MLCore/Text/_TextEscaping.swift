/// Scalar-by-scalar escaping, the one loop behind the SDK's escapers: HTML text (``_HTML``),
/// JSON string literals (the native model writer) and Prometheus label values (drift reports).
package enum _TextEscaping {
    /// `text` with every Unicode scalar that `replacement` maps replaced by what it returns
    /// (`""` drops the scalar); scalars it maps to `nil` are kept as they are.
    package static func escape(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) {
                out += replaced
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as a JSON string literal with the escapes RFC 8259 requires (`\"`, `\\`, `\n`,
    /// `\r`, `\t`, other control characters as `\u00XX`): the one JSON quoting of the SDK's writers.
    package static func jsonQuoted(_ text: String) -> String {
        let escaped = escape(text) { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            default: scalar.value < 0x20 ? controlEscape(scalar.value) : nil
            }
        }
        return "\"" + escaped + "\""
    }

    /// `\u00XX` for a control character.
    private static func controlEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
