/// The trapezoid rule over a curve's points, as NumPy's `trapz` and scikit-learn's `auc`.
enum _Trapezoid {
    /// Σₖ (x[k] − x[k−1]) · (y[k] + y[k−1]) / 2 over the common length of `x` and `y`:
    /// positive when `x` increases, negative when it decreases.
    static func signedArea(x: [Double], y: [Double]) -> Double {
        var sum = 0.0
        for k in 1..<Swift.max(1, Swift.min(x.count, y.count)) {
            sum += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2
        }
        return sum
    }
}
