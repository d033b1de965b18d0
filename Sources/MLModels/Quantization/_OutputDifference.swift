/// How far a quantized model's outputs are from the float model's, element by element.
struct _OutputDifference {
    /// The largest absolute difference (∞ when one side is NaN and the other is not).
    var maxAbs = 0.0
    /// The sum of the absolute differences (same convention).
    var sum = 0.0

    /// The differences of `a` and `b`; bit-identical elements (NaN included) count as 0.
    init(_ a: [Double], _ b: [Double]) {
        for (u, v) in zip(a, b) where u.bitPattern != v.bitPattern {
            let d = abs(u - v)
            let e = d.isNaN ? Double.infinity : d
            maxAbs = max(maxAbs, e)
            sum += e
        }
    }
}
