import Crypto
import FoundationEssentials
import MLCore

extension BaselineProfile {
    /// Merges the profiles of shards into the profile of their concatenation (in the given order).
    ///
    /// - **Exact**: row, non-missing and missing counts, category counts, min, max, mean and σ
    ///   (Chan's pairwise update of Σ(x − mean)², equal to the direct computation up to rounding).
    /// - **Approximate, with a bound**: decile edges, bin proportions and the quantile sketch come
    ///   from the count-weighted mixture of the shards' piecewise-linear quantile CDFs. Each sketch
    ///   is within 1/resolution (plus 1/n) in rank of its shard's empirical CDF, so a merged edge's
    ///   true rank is within ``NumericProfile/quantileRankError`` = max over shards of
    ///   (their error + 1/resolution) of i/10 — 0.001 for a merge of direct profiles at the default
    ///   resolution — and each bin proportion within twice that.
    /// - **Sample**: a uniform sample of the union (shard labels drawn without replacement in
    ///   proportion to the shards' counts, each shard's sample shuffled), seeded by the first
    ///   profile's seed; capacity the smallest of the shards'.
    ///
    /// - Throws: ``DriftError`` `.incompatibleProfiles` when the profiles differ in columns (names,
    ///   order or kinds) or quantile resolution, or when none is given.
    public static func merged(_ profiles: [BaselineProfile]) throws -> BaselineProfile {
        guard let first = profiles.first else {
            throw DriftError(.incompatibleProfiles, "no profiles to merge")
        }
        if profiles.count == 1 { return first }
        guard profiles.count <= 1000 else {
            throw DriftError(.incompatibleProfiles, "at most 1,000 profiles merge at once (got \(profiles.count)); merge in groups")
        }
        for (i, p) in profiles.enumerated().dropFirst() {
            guard p.columns.map(\.name) == first.columns.map(\.name) else {
                throw DriftError(.incompatibleProfiles, "profile \(i + 1) has columns \(p.columns.map(\.name)), profile 1 has \(first.columns.map(\.name))")
            }
            for (a, b) in zip(first.columns, p.columns) where a.kind != b.kind {
                throw DriftError(.incompatibleProfiles, "\(a.kind.rawValue) in profile 1 but \(b.kind.rawValue) in profile \(i + 1)", field: a.name)
            }
            guard p.quantileResolution == first.quantileResolution else {
                throw DriftError(.incompatibleProfiles, "quantile resolutions differ (\(first.quantileResolution) and \(p.quantileResolution))")
            }
        }
        let capacity = profiles.map(\.sampleCapacity).min() ?? first.sampleCapacity
        let resolution = first.quantileResolution
        var columns: [ColumnProfile] = []
        for (position, head) in first.columns.enumerated() {
            let parts = profiles.map { $0.columns[position] }
            let count = parts.reduce(0) { $0 + $1.count }
            let missing = parts.reduce(0) { $0 + $1.missingCount }
            switch head.kind {
            case .categorical:
                var counts: [String: Int] = [:]
                for part in parts {
                    for (k, v) in part.categorical?.countsByCategory ?? [:] { counts[k, default: 0] += v }
                }
                columns.append(ColumnProfile(name: head.name, kind: .categorical, count: count, missingCount: missing, numeric: nil, categorical: CategoricalProfile(counts: counts)))
            case .numeric:
                let numerics = parts.compactMap(\.numeric)
                guard numerics.count == parts.count else {
                    throw DriftError(.incompatibleProfiles, "numeric column without summary", field: head.name)
                }
                var moments = _Moments(mean: 0, m2: 0, count: 0)
                for (part, n) in zip(parts, numerics) {
                    moments = moments.merged(with: _Moments(mean: n.mean, m2: n.sumOfSquaredDeviations, count: part.count))
                }
                let mixture = _QuantileMixture(sketches: numerics.map(\.quantiles), weights: parts.map(\.count))
                let edges = (1...9).map { mixture.inverse(Double($0) / 10) }
                var proportions: [Double] = []
                var previous = 0.0
                for edge in edges {
                    let below = mixture.cdfLeft(edge)
                    proportions.append(max(below - previous, 0))
                    previous = below
                }
                proportions.append(max(1 - previous, 0))
                var quantiles = (0...resolution).map { mixture.inverse(Double($0) / Double(resolution)) }
                let minimum = numerics.map(\.minimum).min() ?? 0
                let maximum = numerics.map(\.maximum).max() ?? 0
                quantiles[0] = minimum
                quantiles[resolution] = maximum
                for k in 1..<quantiles.count where quantiles[k] < quantiles[k - 1] { quantiles[k] = quantiles[k - 1] }
                let error = (numerics.map(\.quantileRankError).max() ?? 0) + 1 / Double(resolution)
                var random = BaselineProfiler.random(seed: first.seed ^ 0x6D65_7267_6564, position: position)
                let sample = mergeSamples(numerics.map(\.sample), populations: parts.map(\.count), capacity: capacity, random: &random)
                let summary = NumericProfile(
                    mean: moments.mean, standardDeviation: moments.standardDeviation, minimum: minimum, maximum: maximum,
                    sumOfSquaredDeviations: moments.m2, innerEdges: edges, binProportions: proportions, quantiles: quantiles,
                    quantileRankError: error, sample: sample)
                columns.append(ColumnProfile(name: head.name, kind: .numeric, count: count, missingCount: missing, numeric: summary, categorical: nil))
            }
        }
        let partHashes = profiles.flatMap { $0.parts.isEmpty ? [$0.dataSHA256] : $0.parts }
        let digest = SHA256.hash(data: Array(partHashes.joined(separator: "\n").utf8))
        let hex = digest.map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        do {
            return try BaselineProfile(
                rowCount: profiles.reduce(0) { $0 + $1.rowCount }, dataSHA256: hex, parts: partHashes,
                sampleCapacity: capacity, seed: first.seed, quantileResolution: resolution, columns: columns)
        } catch let error as DriftError {
            throw DriftError(.incompatibleProfiles, "the merged profile is inconsistent: \(error.message)", field: error.field)
        }
    }

    /// A uniform sample without replacement of the union of shards, given a uniform sample of each.
    static func mergeSamples(_ samples: [[Double]], populations: [Int], capacity: Int, random: inout SeededRandom) -> [Double] {
        var shuffled = samples.map { random.shuffled($0) }
        var remaining = populations
        var taken = [Int](repeating: 0, count: samples.count)
        let total = populations.reduce(0, +)
        let size = min(capacity, total)
        var out: [Double] = []
        out.reserveCapacity(size)
        var left = total
        while out.count < size && left > 0 {
            var pick = Int(random.nextUInt64(below: UInt64(left)))
            var shard = 0
            while shard < remaining.count - 1 && pick >= remaining[shard] {
                pick -= remaining[shard]
                shard += 1
            }
            remaining[shard] -= 1
            left -= 1
            if taken[shard] < shuffled[shard].count {
                out.append(shuffled[shard][taken[shard]])
                taken[shard] += 1
            }
        }
        shuffled.removeAll()
        return out
    }
}

/// The count-weighted mixture of several shards' quantile sketches, each read as a continuous
/// piecewise-linear CDF through (q_k, k/resolution) (vertical where quantiles repeat).
struct _QuantileMixture {
    let sketches: [[Double]]
    let weights: [Double]
    let knots: [Double]

    init(sketches: [[Double]], weights counts: [Int]) {
        self.sketches = sketches
        let total = Double(counts.reduce(0, +))
        weights = counts.map { total > 0 ? Double($0) / total : 0 }
        knots = Array(Set(sketches.flatMap { $0 })).sorted()
    }

    /// F(x) = P(X ≤ x) of one sketch.
    static func cdf(_ q: [Double], _ x: Double) -> Double {
        let r = q.count - 1
        guard r >= 1, let first = q.first, x >= first else { return 0 }
        // Largest k with q[k] ≤ x.
        var lo = 0, hi = q.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if q[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        let k = lo - 1
        if k >= r { return 1 }
        let width = q[k + 1] - q[k]
        let frac = width > 0 ? (x - q[k]) / width : 0
        return (Double(k) + frac) / Double(r)
    }

    /// F(x⁻) = P(X < x) of one sketch.
    static func cdfLeft(_ q: [Double], _ x: Double) -> Double {
        let r = q.count - 1
        guard r >= 1, let first = q.first, x > first else { return 0 }
        // Largest k with q[k] < x.
        var lo = 0, hi = q.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if q[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        let k = lo - 1
        if k >= r { return 1 }
        let width = q[k + 1] - q[k]
        let frac = width > 0 ? min((x - q[k]) / width, 1) : 1
        return (Double(k) + frac) / Double(r)
    }

    func cdf(_ x: Double) -> Double {
        zip(sketches, weights).reduce(0) { $0 + $1.1 * Self.cdf($1.0, x) }
    }

    func cdfLeft(_ x: Double) -> Double {
        zip(sketches, weights).reduce(0) { $0 + $1.1 * Self.cdfLeft($1.0, x) }
    }

    /// The smallest x with F(x) ≥ p (linear between knots, a knot where F jumps past p).
    func inverse(_ p: Double) -> Double {
        guard let firstKnot = knots.first, let lastKnot = knots.last else { return .nan }
        if p <= 0 { return firstKnot }
        // Binary search for the first knot with F ≥ p.
        var lo = 0, hi = knots.count - 1
        if cdf(lastKnot) < p { return lastKnot }
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cdf(knots[mid]) >= p { hi = mid } else { lo = mid + 1 }
        }
        if lo == 0 { return knots[0] }
        let a = knots[lo - 1], b = knots[lo]
        let fa = cdf(a)
        let fbLeft = cdfLeft(b)
        if fbLeft > fa && p <= fbLeft {
            let x = a + (p - fa) / (fbLeft - fa) * (b - a)
            return min(max(x, a), b)
        }
        return b
    }
}
