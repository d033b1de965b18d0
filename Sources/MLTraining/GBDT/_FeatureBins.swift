import MLCore

/// The features of a training set as bin numbers: row-major `UInt8` (`bins[r * features + f]`,
/// so a row's bins are one cache line), value bins `0…cuts[f].count`, and `cuts[f].count + 1`
/// (``missingBin(_:)``, at most 255) for a missing value.
///
/// Bin `b` of feature `f` holds the values `x` with exactly `b` cuts `≤ x`, so "bin ≤ b" is
/// "x < cuts[f][b]" — XGBoost's split test, with `cuts[f][b]` as the split condition.
struct _FeatureBins: Sendable {
    /// Rows sampled (evenly strided) to place the cuts, as LightGBM's `bin_construct_sample_cnt`.
    static let sampleRows = 200_000

    let rows: Int
    let features: Int
    /// Per feature, the strictly increasing cut values (at most `maxBins − 1`).
    let cuts: [[Float]]
    /// Row-major bin numbers.
    let bins: [UInt8]

    /// Value bins of feature `f`.
    func valueBins(_ f: Int) -> Int { cuts[f].count + 1 }

    /// The bin of a missing value of feature `f`: the one after its value bins.
    func missingBin(_ f: Int) -> UInt8 { UInt8(truncatingIfNeeded: cuts[f].count + 1) }

    /// Where feature `f`'s histogram entries start (entry = offset + bin): each feature has its
    /// value bins and its missing bin, so a histogram is as large as the bins the data has (a file
    /// of few rows and many columns does not buy 256 entries per column).
    let entryOffsets: [Int]

    /// Histogram entries of all features.
    var entryCount: Int { entryOffsets[features] }

    /// Bins `x` (row-major, `rows × features`): cuts from an evenly strided sample of rows, then
    /// one pass over the rows in memory order (a branch-free search of 256 padded cuts per value).
    init(_ x: Matrix<Float>, maxBins: Int) {
        let rows = x.rows
        let features = x.columns
        self.rows = rows
        self.features = features
        let stride = Swift.max(1, (rows + Self.sampleRows - 1) / Self.sampleRows)
        let sampled = rows == 0 ? 0 : (rows - 1) / stride + 1
        var samples = [[Float]](repeating: [], count: features)
        for f in 0..<features { samples[f].reserveCapacity(sampled) }
        x.withUnsafeBufferPointer { data in
            var r = 0
            while r < rows {
                for f in 0..<features {
                    let v = data[r * features + f]
                    if !v.isNaN { samples[f].append(v) }
                }
                r += stride
            }
        }
        var allCuts: [[Float]] = []
        allCuts.reserveCapacity(features)
        var padded = [Float](repeating: .nan, count: features * 256)
        for f in 0..<features {
            Self.radixSort(&samples[f])
            let c = Self.cuts(sortedSample: samples[f], maxBins: maxBins)
            samples[f] = []
            for (i, v) in c.enumerated() { padded[f * 256 + i] = v }
            allCuts.append(c)
        }
        let missingBins = allCuts.map { UInt8(truncatingIfNeeded: $0.count + 1) }
        // Huge pages for the bins (advised before the first write): a node's rows are gathered
        // in sparse order, and with 4 KiB pages nearly every row is a TLB miss.
        let bins = [UInt8](unsafeUninitializedCapacity: rows * features) { out, initialized in
            _Platform.adviseHugePages(UnsafeMutableRawBufferPointer(out))
            x.withUnsafeBufferPointer { data in
                padded.withUnsafeBufferPointer { cuts in
                    for r in 0..<rows {
                        for f in 0..<features {
                            let v = data[r &* features &+ f]
                            out[r &* features &+ f] = v.isNaN ? missingBins[f] : Self.bin(v, cuts.baseAddress.map { $0 + f &* 256 })
                        }
                    }
                }
            }
            initialized = rows * features
        }
        self.cuts = allCuts
        self.bins = bins
        var offsets = [0]
        offsets.reserveCapacity(features + 1)
        for c in allCuts { offsets.append(offsets[offsets.count - 1] + c.count + 2) }
        self.entryOffsets = offsets
    }

    /// The number of cuts `≤ v` among 256 padded entries (real cuts, then NaN, which compares
    /// false): eight branch-free halvings.
    @inline(__always)
    static func bin(_ v: Float, _ cuts: UnsafePointer<Float>?) -> UInt8 {
        guard let c = cuts else { return 0 }
        var pos = 0
        var step = 128
        while step > 0 {
            pos &+= c[pos &+ step &- 1] <= v ? step : 0
            step >>= 1
        }
        return UInt8(truncatingIfNeeded: pos)
    }

    /// Sorts non-NaN floats ascending (−0 before +0): an LSD radix sort on the order-preserving
    /// 32-bit keys, four 8-bit passes — several times faster than a comparison sort here.
    static func radixSort(_ values: inout [Float]) {
        let n = values.count
        guard n > 1 else { return }
        var keys = values.map { v -> UInt32 in
            let b = v.bitPattern
            return b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000
        }
        var other = [UInt32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 256)
        for shift in stride(from: 0, to: 32, by: 8) {
            for i in 0..<256 { counts[i] = 0 }
            keys.withUnsafeBufferPointer { k in
                for v in k { counts[Int((v >> UInt32(shift)) & 0xFF)] += 1 }
            }
            var total = 0
            for i in 0..<256 {
                let c = counts[i]
                counts[i] = total
                total += c
            }
            keys.withUnsafeBufferPointer { k in
                other.withUnsafeMutableBufferPointer { o in
                    for v in k {
                        let d = Int((v >> UInt32(shift)) & 0xFF)
                        o[counts[d]] = v
                        counts[d] += 1
                    }
                }
            }
            swap(&keys, &other)
        }
        for i in 0..<n {
            let k = keys[i]
            values[i] = Float(bitPattern: k & 0x8000_0000 != 0 ? k & 0x7FFF_FFFF : ~k)
        }
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
