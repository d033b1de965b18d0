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
}
