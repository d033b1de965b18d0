import FoundationEssentials
import MLCore

/// Makes a ``BaselineProfile`` from a table (hyperparameters here, the profile is the result).
///
/// ```swift
/// let table = try CSVReader().read(contentsOf: "base.csv")
/// let profile = try BaselineProfiler().profile(table)
/// try profile.write(to: "base.profile.json")
/// ```
public struct BaselineProfiler: Sendable, Equatable {
    /// The default reservoir sample size per numeric column.
    public static let defaultSampleCapacity = 10_000

    /// The largest reservoir sample kept per numeric column (≥ 1). 10,000 keeps the KS p-value
    /// exact (SciPy's exact limit) and the profile around 200 KB per numeric column.
    public var sampleCapacity: Int
    /// The seed of the reservoir sampling (same data, same seed ⇒ same sample).
    public var seed: UInt64
    /// The quantile sketch holds quantiles at k/resolution, k = 0…resolution (≥ 10).
    public var quantileResolution: Int
    /// Kinds forced by column name (e.g. integer codes as `.categorical`); others are inferred:
    /// text columns categorical, number columns numeric.
    public var kinds: [String: FeatureKind]

    /// A profiler with the given settings (defaults: 10,000 sample, seed 0, resolution 1,000).
    public init(sampleCapacity: Int = defaultSampleCapacity, seed: UInt64 = 0, quantileResolution: Int = 1000, kinds: [String: FeatureKind] = [:]) {
        self.sampleCapacity = sampleCapacity
        self.seed = seed
        self.quantileResolution = quantileResolution
        self.kinds = kinds
    }

    /// Profiles `columns` of `table` (all columns when `nil`).
    /// - Throws: ``DriftError`` `.emptyData` for a table without rows or columns, `.missingColumn`
    ///   for an unknown name, `.emptyColumn` for a column with only missing values,
    ///   `.typeMismatch` for a text column declared numeric, `.invalidArgument` for bad settings.
    public func profile(_ table: Table, columns: [String]? = nil) throws -> BaselineProfile {
        guard sampleCapacity >= 1, quantileResolution >= 10 else {
            throw DriftError(.invalidArgument, "sample capacity must be ≥ 1 and quantile resolution ≥ 10")
        }
        let names = columns ?? table.names
        guard !names.isEmpty else { throw DriftError(.emptyData, "no columns to profile", path: "baseline") }
        guard table.rowCount > 0 else { throw DriftError(.emptyData, "the data has no rows", path: "baseline") }
        for name in names where table.index(of: name) == nil {
            throw DriftError(.missingColumn, "not in the data (columns: \(table.names.prefix(10).joined(separator: ", ")))", path: "baseline", field: name)
        }
        let selected: Table
        do { selected = try table.selecting(names) } catch {
            throw DriftError(.missingColumn, "cannot select the columns: \(error)", path: "baseline")
        }
        let columnsOut = try _Parallel.map(Array(names.enumerated()), maximumThreads: nil) { item -> ColumnProfile in
            let (position, name) = item
            guard let column = selected[name] else { throw DriftError(.missingColumn, "not in the data", path: "baseline", field: name) }
            let values = try _ColumnValues(column, name: name, kind: kinds[name], side: "baseline")
            return try profileColumn(values, name: name, position: position)
        }
        return try BaselineProfile(
            rowCount: table.rowCount, dataSHA256: selected.contentHash().hex, sampleCapacity: sampleCapacity,
            seed: seed, quantileResolution: quantileResolution, columns: columnsOut)
    }

    func profileColumn(_ values: _ColumnValues, name: String, position: Int) throws -> ColumnProfile {
        switch values {
        case .numeric(let raw):
            let sorted = _SortedValues(dropping: raw)
            guard sorted.count > 0 else {
                throw DriftError(.emptyColumn, "only missing values", path: "baseline", field: name)
            }
            try sorted.checkFinite(column: name, side: "baseline")
            let moments = _Moments(sorted: sorted.values)
            let edges = sorted.decileEdges()
            let proportions = DriftStatistics.proportions(sorted.binCounts(innerEdges: edges))
            let quantiles = (0...quantileResolution).map { sorted.quantile(Double($0) / Double(quantileResolution)) }
            var random = Self.random(seed: seed, position: position)
            let sample = Self.reservoir(raw, capacity: sampleCapacity, random: &random)
            let summary = NumericProfile(
                mean: moments.mean, standardDeviation: moments.standardDeviation, minimum: sorted.values[0],
                maximum: sorted.values[sorted.count - 1], sumOfSquaredDeviations: moments.m2, innerEdges: edges,
                binProportions: proportions, quantiles: quantiles, quantileRankError: 0, sample: sample)
            return ColumnProfile(name: name, kind: .numeric, count: sorted.count, missingCount: sorted.missingCount, numeric: summary, categorical: nil)
        case .categorical(let counts, let missing):
            let total = counts.values.reduce(0, +)
            guard total > 0 else { throw DriftError(.emptyColumn, "only missing values", path: "baseline", field: name) }
            return ColumnProfile(
                name: name, kind: .categorical, count: total, missingCount: missing, numeric: nil,
                categorical: CategoricalProfile(counts: counts))
        }
    }

    /// The generator of column `position`: xoshiro256** seeded (by SplitMix64) from
    /// `seed + position · 0x9E3779B97F4A7C15`.
    static func random(seed: UInt64, position: Int) -> SeededRandom {
        SeededRandom(seed: seed &+ UInt64(truncatingIfNeeded: position) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Algorithm R over the non-missing values in row order: a uniform sample without replacement.
    static func reservoir(_ values: [Double], capacity: Int, random: inout SeededRandom) -> [Double] {
        var sample: [Double] = []
        sample.reserveCapacity(min(capacity, values.count))
        var seen = 0
        for x in values where !x.isNaN {
            seen += 1
            if sample.count < capacity {
                sample.append(x)
            } else {
                let j = Int(random.nextUInt64(below: UInt64(seen)))
                if j < capacity { sample[j] = x }
            }
        }
        return sample
    }
}

/// Mean, population σ and Σ(x − mean)², summed in ascending order (deterministic).
struct _Moments {
    let mean: Double
    let m2: Double
    let count: Int

    var standardDeviation: Double { count > 0 ? (m2 / Double(count)).squareRoot() : .nan }

    init(sorted values: [Double]) {
        count = values.count
        guard count > 0 else {
            mean = .nan
            m2 = .nan
            return
        }
        var sum = 0.0
        for x in values { sum += x }
        let mu = sum / Double(count)
        var s2 = 0.0
        var correction = 0.0
        for x in values {
            let d = x - mu
            s2 += d * d
            correction += d
        }
        // Two-pass with compensation for the rounding of mu.
        mean = mu + correction / Double(count)
        m2 = max(s2 - correction * correction / Double(count), 0)
    }

    init(mean: Double, m2: Double, count: Int) {
        self.mean = mean
        self.m2 = m2
        self.count = count
    }

    /// Chan, Golub & LeVeque's pairwise combination.
    func merged(with other: _Moments) -> _Moments {
        if count == 0 { return other }
        if other.count == 0 { return self }
        let n = count + other.count
        let delta = other.mean - mean
        let newMean = mean + delta * Double(other.count) / Double(n)
        let newM2 = m2 + other.m2 + delta * delta * Double(count) * Double(other.count) / Double(n)
        return _Moments(mean: newMean, m2: newM2, count: n)
    }
}

/// A table column's values prepared for drift statistics.
enum _ColumnValues: Sendable {
    /// Values as `Double`, NaN = missing.
    case numeric([Double])
    /// Category counts and the number of missing values.
    case categorical([String: Int], missing: Int)

    /// Converts `column` according to `kind` (inferred from the column type when `nil`).
    /// - Throws: ``DriftError`` `.typeMismatch` for a text column declared or expected numeric,
    ///   or a floating-point column declared categorical.
    init(_ column: Column, name: String, kind: FeatureKind?, side: String) throws {
        let resolved = kind ?? (column.type == .string ? .categorical : .numeric)
        switch (resolved, column) {
        case (.numeric, .string(let values)):
            let example = values.first { $0 != nil }.flatMap { $0 } ?? ""
            throw DriftError(.typeMismatch, "expected numbers, found text (e.g. '\(example)')", path: side, field: name)
        case (.numeric, _):
            self = .numeric(column.doubleValues ?? [])
        case (.categorical, .string(let values)):
            var counts: [String: Int] = [:]
            var missing = 0
            for v in values {
                if let v { counts[v, default: 0] += 1 } else { missing += 1 }
            }
            self = .categorical(counts, missing: missing)
        case (.categorical, .int(let values)):
            var counts: [String: Int] = [:]
            var missing = 0
            for v in values {
                if let v { counts[String(v), default: 0] += 1 } else { missing += 1 }
            }
            self = .categorical(counts, missing: missing)
        case (.categorical, _):
            throw DriftError(.typeMismatch, "expected categories (text or integer codes), found floating-point numbers", path: side, field: name)
        }
    }

    var kind: FeatureKind {
        switch self {
        case .numeric: .numeric
        case .categorical: .categorical
        }
    }
}
