import MLCore

/// The features of a training set as bin numbers: column-major `UInt8` (`bins[f * rows + r]`),
/// value bins `0…cuts[f].count`, and 255 for a missing value.
///
/// Bin `b` of feature `f` holds the values `x` with exactly `b` cuts `≤ x`, so "bin ≤ b" is
/// "x < cuts[f][b]" — XGBoost's split test, with `cuts[f][b]` as the split condition.
struct _FeatureBins: Sendable {
    static let missing: UInt8 = 255
    /// Rows sampled (evenly strided) to place the cuts, as LightGBM's `bin_construct_sample_cnt`.
    static let sampleRows = 200_000

    let rows: Int
    let features: Int
    /// Per feature, the strictly increasing cut values (at most `maxBins − 1`).
    let cuts: [[Float]]
    /// Column-major bin numbers.
    let bins: [UInt8]

    /// Value bins of feature `f`.
    func valueBins(_ f: Int) -> Int { cuts[f].count + 1 }

    /// Bins `x` (row-major, `rows × features`).
    init(_ x: Matrix<Float>, maxBins: Int) {
        let rows = x.rows
        let features = x.columns
        self.rows = rows
        self.features = features
        let stride = Swift.max(1, (x.rows + Self.sampleRows - 1) / Self.sampleRows)
        var allCuts: [[Float]] = []
        allCuts.reserveCapacity(features)
        var bins = [UInt8](repeating: 0, count: rows * features)
        x.withUnsafeBufferPointer { data in
            var sample: [Float] = []
            sample.reserveCapacity(Swift.min(rows, Self.sampleRows) + 1)
            for f in 0..<features {
                sample.removeAll(keepingCapacity: true)
                var r = 0
                while r < rows {
                    let v = data[r * features + f]
                    if !v.isNaN { sample.append(v) }
                    r += stride
                }
                let c = Self.cuts(sortedSample: sample.sorted(), maxBins: maxBins)
                allCuts.append(c)
                bins.withUnsafeMutableBufferPointer { out in
                    c.withUnsafeBufferPointer { cutBuffer in
                        for r in 0..<rows {
                            let v = data[r * features + f]
                            out[f * rows + r] = v.isNaN ? Self.missing : UInt8(truncatingIfNeeded: Self.bin(v, cutBuffer))
                        }
                    }
                }
            }
        }
        self.cuts = allCuts
        self.bins = bins
    }

    /// The number of cuts `≤ v` (binary search).
    @inline(__always)
    static func bin(_ v: Float, _ cuts: UnsafeBufferPointer<Float>) -> Int {
        var lo = 0
        var hi = cuts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cuts[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Cuts for a sorted sample: between distinct values when there are at most `maxBins` of
    /// them, else at equal-count quantiles (each cut a sample value, so a bin's lower edge).
    static func cuts(sortedSample s: [Float], maxBins: Int) -> [Float] {
        guard let first = s.first else { return [] }
        var distinct: [Float] = [first]
        for v in s.dropFirst() where v != distinct[distinct.count - 1] {
            distinct.append(v)
            if distinct.count > maxBins { break }
        }
        if distinct.count <= maxBins { return Array(distinct.dropFirst()) }
        var out: [Float] = []
        out.reserveCapacity(maxBins - 1)
        for k in 1..<maxBins {
            let v = s[k * s.count / maxBins]
            if v > first && (out.last.map { v > $0 } ?? true) { out.append(v) }
        }
        return out
    }
}
