/// The batch form of ``FeatureSet/technicalV1``: one tight loop per feature over whole columns
/// (as TA-Lib computes), writing column-major output. Every loop repeats, operation for
/// operation, the arithmetic of the streaming state (``_TechnicalV1State``: SMA's running sum,
/// the Bollinger running sums, ``_BarMoments`` with its wrap-time recomputation, the returns'
/// division) or runs that state's own indicator type over the column, so batch and streaming are
/// bit-identical — `FeatureSetTests` checks it on every feature.
///
/// Written by hand, without rings, because the batch is the W6 workload: direct indexing lets each
/// loop run without the ring's per-value bookkeeping.
enum _TechnicalV1Batch {
    typealias Columns = [[Double]]

    /// The features, in ``FeatureSet/technicalV1``'s order.
    static func compute(high: [Double], low: [Double], close: [Double], volume: [Double]) -> Columns {
        var columns = Columns(repeating: [], count: _TechnicalV1State.featureCount)
        for part in 0..<2 {
            for (j, values) in compute(part: part, high: high, low: low, close: close, volume: volume) {
                columns[j] = values
            }
        }
        return columns
    }

    /// The features of one of two parts of about equal cost (part 0: the moving-average, band,
    /// volume, RSI, ROC and MACD features; part 1: the rest), as (feature index, column). The
    /// parts share nothing, so they can run on two threads.
    static func compute(part: Int, high: [Double], low: [Double], close: [Double], volume: [Double]) -> [(Int, [Double])] {
        var columns = Columns(repeating: [], count: _TechnicalV1State.featureCount)
        if part == 0 {
            for (j, n) in [9, 20, 50, 200].enumerated() {
                columns[j] = column(close.count, lookback: n - 1) { out in
                    close.withUnsafeBufferPointer { c in
                        sma(c, n) { i, mean in out[i] = c[i] / mean - 1 }
                    }
                }
            }
            (columns[4], columns[5]) = bands(close)
            for (j, n) in [(6, 20), (7, 50)] {
                columns[j] = column(volume.count, lookback: n - 1) { out in
                    volume.withUnsafeBufferPointer { v in
                        moments(v, from: 0, n) { i, mean, deviation in
                            out[i] = deviation == 0 ? 0 : (v[i] - mean) / deviation
                        }
                    }
                }
            }
            columns[8] = state(close, RSI(unchecked: 14)) { $0.update($1) }
            columns[9] = state(close, RSI(unchecked: 21)) { $0.update($1) }
            for (j, n) in [(10, 10), (11, 20)] {
                columns[j] = column(close.count, lookback: n) { out in
                    close.withUnsafeBufferPointer { c in
                        for i in Swift.min(n, c.count)..<c.count {
                            let base = c[i - n]
                            out[i] = base != 0 ? ((c[i] / base) - 1.0) * 100.0 : 0
                        }
                    }
                }
            }
            var macd = MACD(unchecked: 12, 26, 9)
            (columns[12], columns[13], columns[14]) = threeColumns(close.count) { m, s, h in
                close.withUnsafeBufferPointer { c in
                    for i in 0..<c.count {
                        guard let out = macd.update(c[i]) else {
                            (m[i], s[i], h[i]) = (.nan, .nan, .nan)
                            continue
                        }
                        m[i] = out.macd
                        s[i] = out.signal
                        h[i] = out.histogram
                    }
                }
            }
        } else {
            var adx = ADX(unchecked: 14)
            (columns[15], columns[16], columns[17]) = threeColumns(close.count) { a, p, m in
                threeSeries(high, low, close) { hi, lo, c in
                    for i in 0..<c.count {
                        guard let out = adx.update(high: hi[i], low: lo[i], close: c[i]) else {
                            (a[i], p[i], m[i]) = (.nan, .nan, .nan)
                            continue
                        }
                        a[i] = out.adx ?? .nan
                        p[i] = out.plusDI ?? .nan
                        m[i] = out.minusDI ?? .nan
                    }
                }
            }
            var atr = ATR(unchecked: 14)
            columns[18] = column(close.count, lookback: 0) { out in
                threeSeries(high, low, close) { hi, lo, c in
                    for i in 0..<c.count { out[i] = atr.update(high: hi[i], low: lo[i], close: c[i]) ?? .nan }
                }
            }
            let oneBar = column(close.count, lookback: 1) { out in
                close.withUnsafeBufferPointer { c in
                    for i in Swift.min(1, c.count)..<c.count { out[i] = c[i] / c[i - 1] - 1 }
                }
            }
            for (j, n) in [(19, 20), (20, 50)] {
                columns[j] = column(close.count, lookback: n) { out in
                    oneBar.withUnsafeBufferPointer { r in
                        moments(r, from: 1, n) { i, _, deviation in out[i] = deviation }
                    }
                }
            }
            (columns[21], columns[22]) = stochastic(high, low, close)
            var obv = OBV()
            columns[23] = column(close.count, lookback: 0) { out in
                close.withUnsafeBufferPointer { c in
                    volume.withUnsafeBufferPointer { v in
                        for i in 0..<c.count { out[i] = obv.update(close: c[i], volume: v[i]) }
                    }
                }
            }
            columns[24] = state(columns[23], EMA(unchecked: 20)) { $0.update($1) }
            columns[25] = oneBar
            for (j, k) in [(26, 5), (27, 10), (28, 20)] {
                columns[j] = column(close.count, lookback: k) { out in
                    close.withUnsafeBufferPointer { c in
                        for i in Swift.min(k, c.count)..<c.count { out[i] = c[i] / c[i - k] - 1 }
                    }
                }
            }
        }
        return columns.enumerated().filter { !$0.element.isEmpty || close.isEmpty }.map { ($0.offset, $0.element) }
    }

    /// A column of `count` values: NaN for the first `lookback`, then what `fill` writes — `fill`
    /// must write every index from `lookback` on (the rest of the buffer starts uninitialized, so
    /// each value is stored once).
    private static func column(
        _ count: Int, lookback: Int, _ fill: (UnsafeMutableBufferPointer<Double>) -> Void
    ) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<Swift.min(lookback, count) { out[i] = .nan }
            fill(out)
            initialized = count
        }
    }

    /// Two columns of `count` values, every index written by `fill`.
    private static func twoColumns(
        _ count: Int, _ fill: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) -> ([Double], [Double]) {
        var second: [Double] = []
        let first = column(count, lookback: 0) { a in second = column(count, lookback: 0) { fill(a, $0) } }
        return (first, second)
    }

    /// Three columns of `count` values, every index written by `fill`.
    private static func threeColumns(
        _ count: Int,
        _ fill: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) -> ([Double], [Double], [Double]) {
        var second: [Double] = [], third: [Double] = []
        let first = column(count, lookback: 0) { a in
            second = column(count, lookback: 0) { b in third = column(count, lookback: 0) { fill(a, b, $0) } }
        }
        return (first, second, third)
    }

    /// `state` run over `input` (NaN where it returns nil).
    private static func state<S>(_ input: [Double], _ state: S, _ update: (inout S, Double) -> Double?) -> [Double] {
        var state = state
        return _Batch.run(&state, input, update)
    }

    private static func threeSeries(
        _ high: [Double], _ low: [Double], _ close: [Double],
        _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Void
    ) {
        high.withUnsafeBufferPointer { h in low.withUnsafeBufferPointer { l in close.withUnsafeBufferPointer { body(h, l, $0) } } }
    }

    /// ``Stochastic``(5, 3, 3): with no NaN among the highs and lows, the window extremes by a
    /// direct scan of the last five bars (the same exact maximum and minimum the state's deque
    /// keeps) and the two SMAs as running sums in SMA's order; otherwise the state itself, so NaN
    /// propagates exactly as in streaming.
    private static func stochastic(_ high: [Double], _ low: [Double], _ close: [Double]) -> ([Double], [Double]) {
        let (fastK, slowK, slowD) = (5, 3, 3)
        let lookback = (fastK - 1) + (slowK - 1) + (slowD - 1)
        guard !high.contains(where: \.isNaN), !low.contains(where: \.isNaN) else {
            var state = Stochastic(unchecked: fastK, slowK, slowD)
            return twoColumns(close.count) { k, d in
                threeSeries(high, low, close) { hi, lo, c in
                    for i in 0..<c.count {
                        guard let out = state.update(high: hi[i], low: lo[i], close: c[i]) else {
                            (k[i], d[i]) = (.nan, .nan)
                            continue
                        }
                        k[i] = out.slowK
                        d[i] = out.slowD
                    }
                }
            }
        }
        // fast %K from bar fastK − 1; slow %K = SMA(slowK) of it from fastK + slowK − 2; slow %D =
        // SMA(slowD) of slow %K from `lookback`. Scratch columns hold the two intermediate series.
        var fast = [Double](repeating: 0, count: close.count)
        var slow = fast
        var slowKColumn: [Double] = []
        let slowDColumn = column(close.count, lookback: lookback) { d in
            slowKColumn = column(close.count, lookback: lookback) { k in
                threeSeries(high, low, close) { hi, lo, c in
                    fast.withUnsafeMutableBufferPointer { f in
                        slow.withUnsafeMutableBufferPointer { s in
                            var kTotal = 0.0, dTotal = 0.0
                            let slowStart = fastK - 1 + slowK - 1
                            for i in Swift.min(fastK - 1, c.count)..<c.count {
                                var hh = hi[i - fastK + 1], ll = lo[i - fastK + 1]
                                for j in (i - fastK + 2)...i {
                                    if hi[j] > hh { hh = hi[j] }
                                    if lo[j] < ll { ll = lo[j] }
                                }
                                let diff = (hh - ll) / 100.0
                                f[i] = diff != 0.0 ? (c[i] - ll) / diff : 0.0
                                kTotal += f[i]
                                guard i >= slowStart else { continue }
                                s[i] = kTotal / Double(slowK)
                                kTotal -= f[i - slowK + 1]
                                dTotal += s[i]
                                guard i >= lookback else { continue }
                                k[i] = s[i]
                                d[i] = dTotal / Double(slowD)
                                dTotal -= s[i - slowD + 1]
                            }
                        }
                    }
                }
            }
        }
        return (slowKColumn, slowDColumn)
    }

    /// ``SMA``'s running sum: add the value, divide once the window is full, subtract the leaving value.
    @inline(__always)
    private static func sma(_ x: UnsafeBufferPointer<Double>, _ n: Int, _ emit: (Int, Double) -> Void) {
        var total = 0.0
        let divisor = Double(n)
        for i in 0..<x.count {
            total += x[i]
            guard i >= n - 1 else { continue }
            emit(i, total / divisor)
            total -= x[i - n + 1]
        }
    }

    /// ``BollingerBands``(20, 2, 2)'s running sums, then bb_pct and bb_width as the state computes them.
    private static func bands(_ close: [Double]) -> (position: [Double], width: [Double]) {
        let n = 20
        let divisor = Double(n)
        var widths: [Double] = []
        let position = column(close.count, lookback: n - 1) { p in
            widths = column(close.count, lookback: n - 1) { w in
                close.withUnsafeBufferPointer { x in
                    var total = 0.0, squares = 0.0
                    for i in 0..<x.count {
                        total += x[i]
                        squares += x[i] * x[i]
                        guard i >= n - 1 else { continue }
                        let oldest = x[i - n + 1]
                        let middle = total / divisor
                        total -= oldest
                        var variance = squares / divisor
                        squares -= oldest * oldest
                        variance -= middle * middle
                        let deviation = _isZeroOrNegative(variance) ? 0 : variance.squareRoot()
                        let upper = middle + deviation * 2, lower = middle - deviation * 2
                        let range = upper - lower
                        p[i] = range == 0 ? 0.5 : (x[i] - lower) / range
                        w[i] = range / middle
                    }
                }
            }
        }
        return (position, widths)
    }

    /// ``_BarMoments`` over `x[start...]`: the same shift, sums, wrap-time recomputation and
    /// equal-run rule, emitting (index, mean, deviation) once `n` values were taken.
    @inline(__always)
    private static func moments(
        _ x: UnsafeBufferPointer<Double>, from start: Int, _ n: Int, _ emit: (Int, Double, Double) -> Void
    ) {
        guard start < x.count else { return }
        let shift = x[start]
        var sum = 0.0, squares = 0.0
        var equalRun = 0
        var untilWrap = n  // values until the ring would wrap: (taken + 1) % n == 0 without a division
        let divisor = Double(n)
        for i in start..<x.count {
            let taken = i - start  // values taken before this one
            equalRun = taken > 0 && x[i] == x[i - 1] ? Swift.min(equalRun + 1, n) : 1
            let d = x[i] - shift
            if taken >= n {
                let leaving = x[i - n] - shift
                sum -= leaving
                squares -= leaving * leaving
            }
            untilWrap -= 1
            if untilWrap == 0 {
                untilWrap = n
                sum = 0
                squares = 0
                for k in (i - n + 1)...i {
                    let value = x[k] - shift
                    sum += value
                    squares += value * value
                }
            } else {
                sum += d
                squares += d * d
            }
            guard taken >= n - 1 else { continue }
            if equalRun == n {
                emit(i, x[i], 0)
            } else {
                let variance = Swift.max(0, (squares - sum * sum / divisor) / (divisor - 1))
                emit(i, shift + sum / divisor, variance.squareRoot())
            }
        }
    }
}
