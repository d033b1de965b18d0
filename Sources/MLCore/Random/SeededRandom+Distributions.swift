extension SeededRandom {
    /// A uniform `Double` in `[0, 1)`: the top 53 bits of ``next()`` times 2⁻⁵³
    /// (`Double(next() >> 11) * 0x1.0p-53`), so every multiple of 2⁻⁵³ in `[0, 1)` is equally likely.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform `Float` in `[0, 1)`: the top 24 bits of ``next()`` times 2⁻²⁴.
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// A fair coin: the top bit of ``next()``.
    public mutating func nextBool() -> Bool {
        next() >> 63 == 1
    }

    /// A uniform integer in `0 ..< bound`, without modulo bias, by Lemire's method ("Fast
    /// random integer generation in an interval", 2019): `m = next() × bound` as a 128-bit
    /// product; while its low half is below `2⁶⁴ mod bound`, draw again; return its high half.
    /// Uses exactly one ``next()`` unless a draw is rejected (probability `< bound / 2⁶⁴`).
    /// - Precondition: `bound > 0`.
    public mutating func nextUInt64(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "nextUInt64(below:) needs a positive bound")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound  // 2⁶⁴ mod bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform integer in `range` (`lowerBound + nextUInt64(below: count)`).
    /// - Precondition: `range` is not empty.
    public mutating func nextInt(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "nextInt(in:) needs a non-empty range")
        let width = UInt64(bitPattern: Int64(range.upperBound)) &- UInt64(bitPattern: Int64(range.lowerBound))
        return range.lowerBound &+ Int(truncatingIfNeeded: nextUInt64(below: width))
    }

    /// A uniform integer in `range` (`lowerBound + nextUInt64(below: count)`; the full
    /// `Int.min...Int.max` range takes ``next()`` as is).
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound)) &- UInt64(bitPattern: Int64(range.lowerBound))
        if width == UInt64.max { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound &+ Int(truncatingIfNeeded: nextUInt64(below: width + 1))
    }

    /// A standard normal draw times `standardDeviation` plus `mean`, by Marsaglia's polar
    /// method: repeat `u = 2·nextDouble() − 1`, `v = 2·nextDouble() − 1`, `s = u² + v²`
    /// until `0 < s < 1`; return `mean + standardDeviation · u · √(−2 ln s / s)`.
    ///
    /// The second normal of each accepted pair (`v · √(…)`) is discarded so the generator
    /// carries no hidden state: a draw consumes two ``nextDouble()`` per attempt (4/π ≈ 1.27
    /// attempts on average). `ln` is computed by an internal routine built from basic
    /// arithmetic only, so results are bit-identical on every machine (the platform `log`
    /// is not).
    public mutating func nextNormal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        while true {
            let u = 2 * nextDouble() - 1
            let v = 2 * nextDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return mean + standardDeviation * (u * (-2 * _deterministicLog(s) / s).squareRoot())
            }
        }
    }
}
