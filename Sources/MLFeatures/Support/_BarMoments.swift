/// Mean and sample standard deviation (divisor n − 1) of the last `capacity` values, O(1)
/// amortized per value.
///
/// Running sums of `d = x − shift` and `d²`, where `shift` is the first value seen, so values far
/// from zero (prices, volumes) keep their variance instead of losing it to cancellation;
/// var = (Σd² − (Σd)²/n)/(n − 1), clamped at 0; mean = shift + Σd/n. Each time the ring wraps,
/// both sums are recomputed from the window (n additions every n values), so rounding from
/// adding and removing values never accumulates beyond one window. A window of n equal values
/// has deviation exactly 0 and mean exactly that value (as pandas' rolling variance does).
struct _BarMoments: Sendable, Hashable, Codable {
    private var window: _Ring
    private var shift = 0.0
    private var sum = 0.0
    private var squares = 0.0
    private var last = 0.0
    private var equalRun = 0  // consecutive values equal to `last`, saturating at the capacity

    init(capacity: Int) { window = _Ring(capacity: capacity) }

    /// Takes `x`; once `capacity` values were seen, returns their mean and sample standard deviation.
    mutating func update(_ x: Double) -> (mean: Double, deviation: Double)? {
        if window.count == 0 { shift = x }
        equalRun = window.count > 0 && x == last ? Swift.min(equalRun + 1, window.capacity) : 1
        last = x
        let d = x - shift
        if window.isFull {
            let leaving = window.oldest
            sum -= leaving
            squares -= leaving * leaving
        }
        window.push(d)
        if window.next == 0 {
            sum = 0
            squares = 0
            for value in window.storage {
                sum += value
                squares += value * value
            }
        } else {
            sum += d
            squares += d * d
        }
        guard window.isFull else { return nil }
        if equalRun == window.capacity { return (x, 0) }
        let n = Double(window.capacity)
        let variance = Swift.max(0, (squares - sum * sum / n) / (n - 1))
        return (shift + sum / n, variance.squareRoot())
    }
}
