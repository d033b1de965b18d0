/// Locale-free decimal text for reports (no Foundation `String(format:)`).
package enum _DecimalText {
    /// `x` with exactly `digits` decimals (`0.8125` → `"0.813"` for 3); NaN/∞ and magnitudes
    /// ≥ 1e15 as Swift prints them.
    package static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return x.isNaN ? "NaN" : "\(x)" }
        let d = max(0, min(digits, 12))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e18 else { return "\(x)" }
        var text = String(UInt64(scaled))
        if d > 0 {
            while text.count <= d { text = "0" + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -d))
        }
        return (x < 0 && scaled != 0 ? "-" : "") + text
    }
}
