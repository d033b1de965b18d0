/// The count, sum, mean and variance of a window's values under add and remove, in pandas'
/// arithmetic (pandas/_libs/window/aggregations.pyx, `roll_sum`, `roll_mean`, `roll_var`):
///
/// - the sum is a Kahan-compensated running sum with one compensation for additions and another
///   for removals; a run of equal values makes the sum `value × count` and the mean `value`
///   exactly, and a mean of the wrong sign (all values ≥ 0 but a mean < 0 from rounding) is 0;
/// - the variance is Welford's update with Kahan compensation, one compensation for additions and
///   one for removals, the sum of squared deviations dropped to 0 when the window empties.
///
/// Reproducing the update order (not just the definitions) keeps the results within a few ulps
/// of pandas; a removal that cancels most of the squared deviations (they fall below
/// 1000 ε of their previous value) marks the variance ``unstable`` so the owner recomputes it
/// from the window's values, as pandas 3 does.
struct _RollingMoments: Sendable, Hashable {
    /// Non-missing values in the window (pandas' `nobs`).
    var count = 0
    var sum = 0.0
    var sumAddCompensation = 0.0
    var sumRemoveCompensation = 0.0
    /// Values with the sign bit set (pandas' `neg_ct`).
    var negatives = 0
    /// The length of the run of equal values ending with the last value added, and that value.
    var sameRun = 0
    var previous = 0.0  // any value: `sameRun` 0 makes the next addition start a run
    var mean = 0.0
    var squaredDeviations = 0.0
    var varianceAddCompensation = 0.0
    var varianceRemoveCompensation = 0.0
    /// Set by a removal that cancelled most of ``squaredDeviations``.
    var unstable = false

    /// Empties the window (pandas' setup for a window that shares nothing with the previous one).
    mutating func reset() { self = _RollingMoments() }

    /// Adds `x` (NaN is skipped). `variance`: whether to update the variance too.
    @inline(__always)
    mutating func add(_ x: Double, variance: Bool) {
        guard !x.isNaN else { return }
        count += 1
        let y = x - sumAddCompensation
        let t = sum + y
        sumAddCompensation = t - sum - y
        sum = t
        if x.sign == .minus { negatives += 1 }
        if x == previous { sameRun += 1 } else { sameRun = 1 }
        previous = x
        if variance {
            let previousMean = mean - varianceAddCompensation
            let yv = x - varianceAddCompensation
            let tv = yv - mean
            varianceAddCompensation = tv + mean - yv
            mean += tv / Double(count)
            squaredDeviations += (x - previousMean) * (x - mean)
        }
    }

    /// Removes `x`, a value added before (NaN is skipped).
    @inline(__always)
    mutating func remove(_ x: Double, variance: Bool) {
        guard !x.isNaN else { return }
        count -= 1
        let y = -x - sumRemoveCompensation
        let t = sum + y
        sumRemoveCompensation = t - sum - y
        sum = t
        if x.sign == .minus { negatives -= 1 }
        if variance {
            if count > 0 {
                let before = squaredDeviations
                let previousMean = mean - varianceRemoveCompensation
                let yv = x - varianceRemoveCompensation
                let tv = yv - mean
                varianceRemoveCompensation = tv + mean - yv
                mean -= tv / Double(count)
                squaredDeviations -= (x - previousMean) * (x - mean)
                if before * (1000 * Double.ulpOfOne) > squaredDeviations { unstable = true }
            } else {
                mean = 0
                squaredDeviations = 0
            }
        }
    }

    /// Restarts the variance over `values` (the window's values, oldest first).
    mutating func recomputeVariance(_ values: some Sequence<Double>) {
        mean = 0
        squaredDeviations = 0
        varianceAddCompensation = 0
        varianceRemoveCompensation = 0
        unstable = false
        var n = 0
        for x in values where !x.isNaN {
            n += 1
            let previousMean = mean - varianceAddCompensation
            let yv = x - varianceAddCompensation
            let tv = yv - mean
            varianceAddCompensation = tv + mean - yv
            mean += tv / Double(n)
            squaredDeviations += (x - previousMean) * (x - mean)
        }
    }

    /// The sum: 0 for an empty window.
    var sumValue: Double {
        if count == 0 { return 0 }
        return sameRun >= count ? previous * Double(count) : sum
    }

    /// The mean, NaN for an empty window.
    var meanValue: Double {
        guard count > 0 else { return .nan }
        if sameRun >= count { return previous }
        let result = sum / Double(count)
        if negatives == 0 && result < 0 { return 0 }
        if negatives == count && result > 0 { return 0 }
        return result
    }

    /// The sample standard deviation (ddof 1), NaN below two values.
    var standardDeviation: Double {
        guard count > 1 else { return .nan }
        if sameRun >= count { return 0 }
        let variance = squaredDeviations / Double(count - 1)
        return variance > 0 ? variance.squareRoot() : 0
    }
}

extension _RollingMoments: Codable {
    /// Encoded as integers (the doubles by bit pattern), so checkpoints restore the exact bits and
    /// JSON needs no special floating-point strategy for infinities or NaN.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(count)
        try c.encode(negatives)
        try c.encode(sameRun)
        try c.encode(unstable)
        for x in [
            sum, sumAddCompensation, sumRemoveCompensation, previous, mean, squaredDeviations,
            varianceAddCompensation, varianceRemoveCompensation,
        ] {
            try c.encode(x.bitPattern)
        }
    }

    init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        count = try c.decode(Int.self)
        negatives = try c.decode(Int.self)
        sameRun = try c.decode(Int.self)
        unstable = try c.decode(Bool.self)
        func next() throws -> Double { Double(bitPattern: try c.decode(UInt64.self)) }
        sum = try next()
        sumAddCompensation = try next()
        sumRemoveCompensation = try next()
        previous = try next()
        mean = try next()
        squaredDeviations = try next()
        varianceAddCompensation = try next()
        varianceRemoveCompensation = try next()
    }
}
