/// Mean and sample standard deviation (divisor n − 1) of the last `capacity` values, O(1) per
/// value: running sums of `x − shift` and its square, where `shift` is the first value seen, so
/// values far from zero (prices, volumes) do not lose their variance to cancellation.
///
/// var = (Σd² − (Σd)²/n)/(n − 1), clamped at 0; the mean is shift + Σd/n.
struct _RollingMoments: Sendable, Hashable, Codable {
    private var window: _Ring
    private var shift = 0.0
    private var sum = 0.0
    private var squares = 0.0

    init(capacity: Int) { window = _Ring(capacity: capacity) }

    /// Takes `x`; once `capacity` values were seen, returns their mean and sample standard deviation.
    mutating func update(_ x: Double) -> (mean: Double, deviation: Double)? {
        if window.count == 0 { shift = x }
        let d = x - shift
        if window.isFull {
            let leaving = window.oldest
            sum -= leaving
            squares -= leaving * leaving
        }
        window.push(d)
        sum += d
        squares += d * d
        guard window.isFull else { return nil }
        let n = Double(window.capacity)
        let variance = Swift.max(0, (squares - sum * sum / n) / (n - 1))
        return (shift + sum / n, variance.squareRoot())
    }
}
