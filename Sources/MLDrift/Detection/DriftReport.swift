/// The outcome of comparing current data with a baseline: per-column statistics, per-column
/// verdicts and one dataset-level verdict. JSON, HTML and Prometheus outputs are all rendered
/// from this value, so they cannot disagree.
public struct DriftReport: Sendable, Equatable {
    /// The compared columns, in baseline order.
    public let columns: [ColumnDrift]
    /// The dataset-level verdict.
    public let verdict: DriftVerdict
    /// Rows in the baseline data (all rows, missing values included).
    public let baselineRowCount: Int
    /// Rows in the current data.
    public let currentRowCount: Int
    /// Whether the baseline was a profile (KS and Wasserstein on its sample) or full data.
    public let baselineSource: BaselineSource
    /// Provenance of the baseline: the profile's data hash, or a hash the caller sets.
    public var baselineSHA256: String?
    /// Provenance of the current data, set by the caller (e.g. the CSV file's SHA-256).
    public var currentSHA256: String?

    /// Where the baseline statistics came from.
    public enum BaselineSource: String, Sendable, Codable, Equatable {
        /// A ``BaselineProfile``.
        case profile
        /// The full baseline table.
        case data
    }

    /// Creates a report (``DriftDetector`` builds them).
    public init(
        columns: [ColumnDrift], verdict: DriftVerdict, baselineRowCount: Int, currentRowCount: Int,
        baselineSource: BaselineSource, baselineSHA256: String? = nil, currentSHA256: String? = nil
    ) {
        self.columns = columns
        self.verdict = verdict
        self.baselineRowCount = baselineRowCount
        self.currentRowCount = currentRowCount
        self.baselineSource = baselineSource
        self.baselineSHA256 = baselineSHA256
        self.currentSHA256 = currentSHA256
    }

    /// The column called `name`, if compared.
    public func column(named name: String) -> ColumnDrift? { columns.first { $0.name == name } }
}

/// The statistics and verdict of one column.
public struct ColumnDrift: Sendable, Equatable {
    /// The column name.
    public let name: String
    /// Numeric or categorical.
    public let kind: FeatureKind
    /// Non-missing baseline values (the profile's full count, not its sample size).
    public let baselineCount: Int
    /// Non-missing current values.
    public let currentCount: Int
    /// Missing share of the baseline rows.
    public let baselineMissingRate: Double
    /// Missing share of the current rows.
    public let currentMissingRate: Double
    /// Population stability index (decile bins, or categories; ε = 1e-4 floor).
    public let psi: Double
    /// Jensen–Shannon distance, base 2, on the same bins with raw proportions.
    public let jsDistance: Double
    /// The KS test (numeric columns).
    public let ks: KolmogorovSmirnovTest?
    /// Wasserstein-1 distance in the column's unit (numeric columns).
    public let wasserstein: Double?
    /// Wasserstein-1 divided by the baseline's population standard deviation (0 when both are
    /// 0, +∞ when only σ is 0).
    public let wassersteinNormed: Double?
    /// Baseline mean (numeric columns).
    public let baselineMean: Double?
    /// Baseline population standard deviation (numeric columns).
    public let baselineStandardDeviation: Double?
    /// Current mean (numeric columns).
    public let currentMean: Double?
    /// The chi-square test (categorical columns), with unseen categories.
    public let chiSquare: ChiSquareTest?
    /// The bins the PSI and JS distance were computed on, for plots.
    public let histogram: DriftHistogram
    /// The thresholds that applied.
    public let thresholds: DriftThresholds
    /// The verdict on this column.
    public let verdict: ColumnVerdict

    /// The p-value of the column's test (KS or chi-square).
    public var pValue: Double { ks?.pValue ?? chiSquare?.pValue ?? 1 }
}

/// Baseline vs. current proportions per bin (decile bins of numeric columns, categories).
public struct DriftHistogram: Sendable, Equatable, Codable {
    /// A label per bin: `[q_j, q_{j+1})` ranges, or category names.
    public let labels: [String]
    /// The inner edges of numeric bins (empty for categories).
    public let innerEdges: [Double]
    /// Baseline proportion per bin.
    public let baseline: [Double]
    /// Current proportion per bin.
    public let current: [Double]
    /// Current count per bin.
    public let currentCounts: [Int]
}

/// How the PSI compares with its thresholds (informational; the verdict uses ``ColumnVerdict/drifted``).
public enum PSILevel: String, Sendable, Codable, Equatable {
    /// PSI < warning threshold.
    case stable
    /// warning ≤ PSI < drift threshold.
    case warning
    /// PSI ≥ drift threshold.
    case drift
}

/// Why a column did or did not drift.
public struct ColumnVerdict: Sendable, Equatable, Codable {
    /// Drifted: significant after correction AND at least one effect size over its threshold.
    public let drifted: Bool
    /// The test's p-value passed the corrected threshold.
    public let significant: Bool
    /// The test's p-value.
    public let pValue: Double
    /// `"ks"` or `"chi2"`.
    public let test: String
    /// The corrected cut-off: significant means p < it (Bonferroni, none) or p ≤ it (BH).
    public let significanceThreshold: Double
    /// The effect sizes at or over their thresholds: `"psi"`, `"js_distance"`, `"wasserstein_normed"`.
    public let exceededEffects: [String]
    /// PSI's level against the warning and drift thresholds.
    public let psiLevel: PSILevel

    enum CodingKeys: String, CodingKey {
        case drifted, significant, test
        case pValue = "p_value"
        case significanceThreshold = "significance_threshold"
        case exceededEffects = "exceeded_effects"
        case psiLevel = "psi_level"
    }
}

/// The dataset-level verdict.
public struct DriftVerdict: Sendable, Equatable, Codable {
    /// Drift: driftedColumns.count / columnCount ≥ driftShare.
    public let driftDetected: Bool
    /// m, the number of compared columns (the Bonferroni divisor).
    public let columnCount: Int
    /// The drifted columns, in baseline order.
    public let driftedColumns: [String]
    /// The share of drifted columns.
    public let share: Double
    /// The configured share threshold.
    public let driftShare: Double
    /// The family-wise significance level.
    public let alpha: Double
    /// The correction used.
    public let correction: MultipleTestingCorrection

    /// The rule in words, as printed in reports.
    public var rule: String {
        let sig: String
        switch correction {
        case .bonferroni: sig = "p < α/m = \(alpha)/\(columnCount)"
        case .benjaminiHochberg: sig = "Benjamini–Hochberg at α = \(alpha) over m = \(columnCount)"
        case .none: sig = "p < α = \(alpha)"
        }
        return "a column drifts when its test is significant (\(sig)) and PSI, JS distance or normed Wasserstein "
            + "crosses its threshold; the dataset drifts when at least \(driftShare) of the columns drift"
    }

    enum CodingKeys: String, CodingKey {
        case alpha, correction, share
        case driftDetected = "drift_detected"
        case columnCount = "column_count"
        case driftedColumns = "drifted_columns"
        case driftShare = "drift_share"
    }
}
