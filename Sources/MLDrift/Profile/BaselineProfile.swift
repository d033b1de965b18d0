import FoundationEssentials
import MLCore

/// A compact, versioned, mergeable summary of a baseline dataset, against which later data is
/// checked for drift (`mlctl drift snapshot` writes one as JSON).
///
/// Per column: kind, non-missing count, missing count, and
/// - numeric: mean, population standard deviation (ddof = 0), min, max, the sum of squared
///   deviations (for exact merging), the nine decile edges with the ten bin proportions of the
///   fixture definition (see ``DriftStatistics``), a quantile sketch of `quantileResolution + 1`
///   NumPy-linear quantiles at k/resolution, and a uniform **reservoir sample** of at most
///   ``sampleCapacity`` values (default 10,000), drawn with MLCore's `SeededRandom`
///   (xoshiro256**, seeded from ``seed`` and the column's position);
/// - categorical: every category with its count.
///
/// **Which statistic uses what.** Against a profile, PSI and JS distance use the stored edges and
/// proportions (exact for a profile made from data; within ``NumericProfile/quantileRankError``
/// for a merged one); KS and Wasserstein-1 use the reservoir sample (so the KS p-value is exact
/// while both samples have ≤ 10,000 values); mean and σ are exact. Against a baseline CSV, every
/// statistic uses all rows.
///
/// ``dataSHA256`` is MLCore's canonical `Table.contentHash()` of the profiled columns (for a
/// merged profile: the SHA-256 of the parts' hashes, one per line, listed in ``parts``).
public struct BaselineProfile: Sendable, Codable, Equatable {
    /// The value of ``format``.
    public static let formatName = "swift-mlops.drift-profile"
    /// The profile version this library writes and reads.
    public static let currentVersion = 1

    /// Always ``formatName``.
    public let format: String
    /// The profile version (``currentVersion``).
    public let version: Int
    /// Rows in the profiled data (all shards for a merged profile).
    public let rowCount: Int
    /// SHA-256 (hex) of the profiled data; see the type's documentation.
    public let dataSHA256: String
    /// The data hashes of the shards a merged profile was made from, in merge order (empty for a
    /// profile made directly from data).
    public let parts: [String]
    /// The largest reservoir sample kept per column.
    public let sampleCapacity: Int
    /// The seed of the reservoir sampling.
    public let seed: UInt64
    /// Quantile sketch resolution: the sketch holds quantiles at k/resolution, k = 0…resolution.
    public let quantileResolution: Int
    /// The columns, in the data's order.
    public let columns: [ColumnProfile]

    /// Creates a profile from its parts (the profiler and the merge build them; validated).
    /// - Throws: ``DriftError`` `.invalidProfile` when the parts are inconsistent.
    public init(
        rowCount: Int, dataSHA256: String, parts: [String] = [], sampleCapacity: Int, seed: UInt64,
        quantileResolution: Int, columns: [ColumnProfile]
    ) throws {
        format = Self.formatName
        version = Self.currentVersion
        self.rowCount = rowCount
        self.dataSHA256 = dataSHA256
        self.parts = parts
        self.sampleCapacity = sampleCapacity
        self.seed = seed
        self.quantileResolution = quantileResolution
        self.columns = columns
        try validate()
    }

    /// The column called `name`, if profiled.
    public func column(named name: String) -> ColumnProfile? { columns.first { $0.name == name } }

    /// Reads a profile from JSON.
    /// - Throws: ``DriftError`` `.invalidProfile` for malformed JSON, another format or an
    ///   unsupported version, or inconsistent contents.
    public init(jsonData data: Data) throws {
        let decoded: BaselineProfile
        do {
            decoded = try _JSONCoding.decode(BaselineProfile.self, from: data)
        } catch let error as DriftError {
            throw error
        } catch {
            throw DriftError(.invalidProfile, "not a drift profile: \(error)")
        }
        try decoded.validate()
        self = decoded
    }

    /// Reads a profile file (`*.profile.json`).
    /// - Throws: ``DriftError`` `.io` or `.invalidProfile`, with the path as `path`.
    public static func load(contentsOf path: String) throws -> BaselineProfile {
        do {
            return try BaselineProfile(jsonData: try _Files.readData(path))
        } catch let error as DriftError {
            throw error.path == path ? error : error.at(source: path)
        }
    }

    /// The profile as JSON (sorted keys, so equal profiles give equal bytes).
    public func jsonData() throws -> Data {
        do {
            return try _JSONCoding.encode(self, pretty: true)
        } catch {
            throw DriftError(.invalidProfile, "cannot encode the profile: \(error)")
        }
    }

    /// Writes the profile as JSON to `path` (atomically).
    /// - Throws: ``DriftError`` `.io`.
    public func write(to path: String) throws {
        try _Files.write(try jsonData(), to: path)
    }

    enum CodingKeys: String, CodingKey {
        case format, version, columns, seed, parts
        case rowCount = "row_count"
        case dataSHA256 = "data_sha256"
        case sampleCapacity = "sample_capacity"
        case quantileResolution = "quantile_resolution"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        guard format == Self.formatName else {
            throw DriftError(.invalidProfile, "format is '\(format)', expected '\(Self.formatName)'")
        }
        version = try c.decode(Int.self, forKey: .version)
        guard version == Self.currentVersion else {
            throw DriftError(.invalidProfile, "profile version \(version) is not supported (this library reads version \(Self.currentVersion))")
        }
        rowCount = try c.decode(Int.self, forKey: .rowCount)
        dataSHA256 = try c.decode(String.self, forKey: .dataSHA256)
        parts = try c.decodeIfPresent([String].self, forKey: .parts) ?? []
        sampleCapacity = try c.decode(Int.self, forKey: .sampleCapacity)
        seed = try c.decode(UInt64.self, forKey: .seed)
        quantileResolution = try c.decode(Int.self, forKey: .quantileResolution)
        columns = try c.decode([ColumnProfile].self, forKey: .columns)
    }

    /// Checks the invariants a profile from outside must satisfy before it is used.
    func validate() throws {
        func fail(_ message: String, _ column: String? = nil) -> DriftError {
            DriftError(.invalidProfile, message, field: column)
        }
        // Counts are bounded by 2⁵³ (exact in a Double, far beyond any dataset) so that no sum
        // below — here or when merging up to 1,000 profiles — can overflow.
        let maximumCount = 1 << 53
        guard (0...maximumCount).contains(rowCount), sampleCapacity >= 1, (10...1_000_000).contains(quantileResolution) else {
            throw fail("row_count (0…2⁵³), sample_capacity (≥ 1) or quantile_resolution (10…1,000,000) out of range")
        }
        guard !columns.isEmpty else { throw fail("the profile has no columns") }
        var seen = Set<String>()
        for col in columns {
            guard seen.insert(col.name).inserted else { throw fail("column listed twice", col.name) }
            guard (0...maximumCount).contains(col.count), (0...maximumCount).contains(col.missingCount),
                col.count + col.missingCount == rowCount
            else {
                throw fail("count + missing_count must equal row_count (\(rowCount))", col.name)
            }
            switch col.kind {
            case .numeric:
                guard let n = col.numeric, col.categorical == nil else { throw fail("numeric column without numeric summary", col.name) }
                guard n.innerEdges.count == 9, n.binProportions.count == 10 else {
                    throw fail("expected 9 decile edges and 10 bin proportions", col.name)
                }
                guard n.quantiles.count == quantileResolution + 1 else {
                    throw fail("expected \(quantileResolution + 1) sketch quantiles, got \(n.quantiles.count)", col.name)
                }
                let finite = [n.mean, n.standardDeviation, n.minimum, n.maximum, n.sumOfSquaredDeviations, n.quantileRankError]
                    + n.innerEdges + n.binProportions + n.quantiles + n.sample
                guard finite.allSatisfy({ $0.isFinite }) else { throw fail("non-finite number in the summary", col.name) }
                guard zip(n.innerEdges, n.innerEdges.dropFirst()).allSatisfy({ $0 <= $1 }),
                    zip(n.quantiles, n.quantiles.dropFirst()).allSatisfy({ $0 <= $1 })
                else { throw fail("edges or quantiles are not sorted", col.name) }
                guard n.binProportions.allSatisfy({ $0 >= 0 }), n.standardDeviation >= 0 else {
                    throw fail("negative proportion or standard deviation", col.name)
                }
                guard n.sample.count == Swift.min(sampleCapacity, col.count) else {
                    throw fail("sample size \(n.sample.count) is not min(sample_capacity, count) = \(Swift.min(sampleCapacity, col.count))", col.name)
                }
            case .categorical:
                guard let cat = col.categorical, col.numeric == nil else { throw fail("categorical column without category counts", col.name) }
                guard cat.categories.count == cat.counts.count, Set(cat.categories).count == cat.categories.count else {
                    throw fail("categories and counts differ in length or repeat", col.name)
                }
                var sum = 0
                for c in cat.counts {
                    guard (0...maximumCount).contains(c) else { throw fail("category count \(c) out of range", col.name) }
                    let (next, overflow) = sum.addingReportingOverflow(c)
                    guard !overflow else { throw fail("category counts overflow", col.name) }
                    sum = next
                }
                guard sum == col.count else {
                    throw fail("category counts must be ≥ 0 and sum to count", col.name)
                }
            }
            guard col.count > 0 else { throw fail("no non-missing values", col.name) }
        }
    }
}

/// The profile of one column.
public struct ColumnProfile: Sendable, Codable, Equatable {
    /// The column name.
    public let name: String
    /// Numeric or categorical.
    public let kind: FeatureKind
    /// Non-missing values.
    public let count: Int
    /// Missing values (NaN, or empty/`NA` text).
    public let missingCount: Int
    /// The numeric summary (for `.numeric`).
    public let numeric: NumericProfile?
    /// The category counts (for `.categorical`).
    public let categorical: CategoricalProfile?

    /// Missing values over all rows (0 for no rows).
    public var missingRate: Double {
        let total = count + missingCount
        return total == 0 ? 0 : Double(missingCount) / Double(total)
    }

    /// Creates a column profile (checked when the enclosing ``BaselineProfile`` is built).
    public init(name: String, kind: FeatureKind, count: Int, missingCount: Int, numeric: NumericProfile?, categorical: CategoricalProfile?) {
        self.name = name
        self.kind = kind
        self.count = count
        self.missingCount = missingCount
        self.numeric = numeric
        self.categorical = categorical
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, count, numeric, categorical
        case missingCount = "missing_count"
    }
}

/// The summary of a numeric column (values are `Double`; missing values excluded).
public struct NumericProfile: Sendable, Codable, Equatable {
    /// Arithmetic mean.
    public let mean: Double
    /// Population standard deviation (ddof = 0), the unit of the normed Wasserstein distance.
    public let standardDeviation: Double
    /// Smallest value.
    public let minimum: Double
    /// Largest value.
    public let maximum: Double
    /// Σ (x − mean)², kept so that merged profiles have exact moments (Chan et al.).
    public let sumOfSquaredDeviations: Double
    /// The inner decile edges q₁…q₉ (NumPy linear quantiles).
    public let innerEdges: [Double]
    /// The proportion of values in each of the 10 left-closed bins of ``innerEdges``.
    public let binProportions: [Double]
    /// Quantiles at k/resolution, k = 0…resolution (the mergeable sketch).
    public let quantiles: [Double]
    /// 0 when ``innerEdges`` and ``binProportions`` were computed from the data; for a merged
    /// profile, a bound on their error in rank (an edge's true CDF value is within this of its
    /// nominal i/10, up to 1/n per shard; a bin proportion within twice it).
    public let quantileRankError: Double
    /// A uniform random sample (without replacement) of at most the profile's sample capacity.
    public let sample: [Double]

    /// Creates a summary (checked when the enclosing ``BaselineProfile`` is built).
    public init(
        mean: Double, standardDeviation: Double, minimum: Double, maximum: Double, sumOfSquaredDeviations: Double,
        innerEdges: [Double], binProportions: [Double], quantiles: [Double], quantileRankError: Double, sample: [Double]
    ) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.minimum = minimum
        self.maximum = maximum
        self.sumOfSquaredDeviations = sumOfSquaredDeviations
        self.innerEdges = innerEdges
        self.binProportions = binProportions
        self.quantiles = quantiles
        self.quantileRankError = quantileRankError
        self.sample = sample
    }

    enum CodingKeys: String, CodingKey {
        case mean, minimum, maximum, quantiles, sample
        case standardDeviation = "standard_deviation"
        case sumOfSquaredDeviations = "sum_of_squared_deviations"
        case innerEdges = "inner_edges"
        case binProportions = "bin_proportions"
        case quantileRankError = "quantile_rank_error"
    }
}

/// The category counts of a categorical column.
public struct CategoricalProfile: Sendable, Codable, Equatable {
    /// Categories, sorted by their UTF-8 bytes.
    public let categories: [String]
    /// The count of each category.
    public let counts: [Int]

    /// Creates category counts (sorted here).
    public init(counts: [String: Int]) {
        let sorted = counts.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        categories = sorted
        self.counts = sorted.map { counts[$0] ?? 0 }
    }

    /// The counts as a dictionary.
    public var countsByCategory: [String: Int] {
        Dictionary(zip(categories, counts), uniquingKeysWith: +)
    }
}
