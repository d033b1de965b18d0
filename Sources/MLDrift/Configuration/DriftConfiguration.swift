import FoundationEssentials
import Yams

/// Whether a column is compared as numbers or as categories.
public enum FeatureKind: String, Sendable, Codable, Equatable, CaseIterable {
    /// Real-valued: PSI and JS distance on decile bins, KS test, Wasserstein-1.
    case numeric
    /// Categories (text, or integer codes declared so in the configuration): PSI and JS distance
    /// on category proportions, chi-square test.
    case categorical
}

/// How the per-column p-values are corrected for testing m columns at once.
public enum MultipleTestingCorrection: String, Sendable, Codable, Equatable, CaseIterable {
    /// A column is significant when p < α/m (controls the family-wise error rate). The default.
    case bonferroni
    /// Benjamini–Hochberg step-up: sort p ascending, find the largest rank k with p₍ₖ₎ ≤ k·α/m,
    /// and call the k smallest significant (controls the false discovery rate; more columns
    /// flagged than Bonferroni when many drift).
    case benjaminiHochberg = "benjamini_hochberg"
    /// A column is significant when p < α (no correction; not recommended with many columns).
    case none
}

/// Effect-size thresholds of one column.
public struct DriftThresholds: Sendable, Codable, Equatable {
    /// PSI at or above which the column is reported as a warning (does not change the verdict).
    public var psiWarning: Double
    /// PSI at or above which the effect counts as drift.
    public var psiDrift: Double
    /// Jensen–Shannon distance (base 2) at or above which the effect counts as drift.
    public var jsDistance: Double
    /// Wasserstein-1 divided by the baseline's standard deviation at or above which the effect
    /// counts as drift (numeric columns only).
    public var wassersteinNormed: Double

    /// The defaults: PSI 0.1 warning / 0.25 drift, JS distance 0.1, normed Wasserstein 0.1.
    public init(psiWarning: Double = 0.1, psiDrift: Double = 0.25, jsDistance: Double = 0.1, wassersteinNormed: Double = 0.1) {
        self.psiWarning = psiWarning
        self.psiDrift = psiDrift
        self.jsDistance = jsDistance
        self.wassersteinNormed = wassersteinNormed
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case psiWarning = "psi_warning"
        case psiDrift = "psi_drift"
        case jsDistance = "js_distance"
        case wassersteinNormed = "wasserstein_normed"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DriftThresholds()
        psiWarning = try c.decodeIfPresent(Double.self, forKey: .psiWarning) ?? d.psiWarning
        psiDrift = try c.decodeIfPresent(Double.self, forKey: .psiDrift) ?? d.psiDrift
        jsDistance = try c.decodeIfPresent(Double.self, forKey: .jsDistance) ?? d.jsDistance
        wassersteinNormed = try c.decodeIfPresent(Double.self, forKey: .wassersteinNormed) ?? d.wassersteinNormed
    }

    func validate(at key: String) throws {
        for (name, value) in [("psi_warning", psiWarning), ("psi_drift", psiDrift), ("js_distance", jsDistance), ("wasserstein_normed", wassersteinNormed)] {
            guard value.isFinite, value >= 0 else {
                throw DriftError(.invalidConfiguration, "\(name) must be a finite number ≥ 0, got \(value)", path: "\(key).\(name)")
            }
        }
    }
}

/// Per-column settings that override the defaults.
public struct ColumnSettings: Sendable, Codable, Equatable {
    /// Leave the column out of the comparison (and out of m).
    public var ignore: Bool
    /// Force the column's kind (e.g. integer codes compared as categories).
    public var kind: FeatureKind?
    /// Threshold overrides; `nil` keeps the default.
    public var psiWarning: Double?
    /// See ``DriftThresholds/psiDrift``.
    public var psiDrift: Double?
    /// See ``DriftThresholds/jsDistance``.
    public var jsDistance: Double?
    /// See ``DriftThresholds/wassersteinNormed``.
    public var wassersteinNormed: Double?

    /// Settings that change nothing unless given.
    public init(
        ignore: Bool = false, kind: FeatureKind? = nil, psiWarning: Double? = nil, psiDrift: Double? = nil,
        jsDistance: Double? = nil, wassersteinNormed: Double? = nil
    ) {
        self.ignore = ignore
        self.kind = kind
        self.psiWarning = psiWarning
        self.psiDrift = psiDrift
        self.jsDistance = jsDistance
        self.wassersteinNormed = wassersteinNormed
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ignore, kind
        case psiWarning = "psi_warning"
        case psiDrift = "psi_drift"
        case jsDistance = "js_distance"
        case wassersteinNormed = "wasserstein_normed"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ignore = try c.decodeIfPresent(Bool.self, forKey: .ignore) ?? false
        kind = try c.decodeIfPresent(FeatureKind.self, forKey: .kind)
        psiWarning = try c.decodeIfPresent(Double.self, forKey: .psiWarning)
        psiDrift = try c.decodeIfPresent(Double.self, forKey: .psiDrift)
        jsDistance = try c.decodeIfPresent(Double.self, forKey: .jsDistance)
        wassersteinNormed = try c.decodeIfPresent(Double.self, forKey: .wassersteinNormed)
    }
}

/// Everything that decides a drift verdict: significance level, multiple-testing correction,
/// effect-size thresholds (defaults and per column) and the dataset-level share.
///
/// The default rule (every output reads the verdict computed from it):
/// - a numeric column drifts when its KS p-value is significant after correction (Bonferroni:
///   p < 0.05/m over the m compared columns) **and** PSI ≥ 0.25 or JS distance ≥ 0.1 or
///   W1/σ_baseline ≥ 0.1;
/// - a categorical column drifts when its chi-square p-value is significant after correction
///   **and** PSI ≥ 0.25 or JS distance ≥ 0.1;
/// - the dataset drifts when (drifted columns)/m ≥ `driftShare` (0.5).
///
/// YAML (every key optional; unknown keys are errors):
/// ```yaml
/// alpha: 0.05
/// correction: bonferroni        # bonferroni | benjamini_hochberg | none
/// drift_share: 0.5
/// defaults:
///   psi_warning: 0.1
///   psi_drift: 0.25
///   js_distance: 0.1
///   wasserstein_normed: 0.1
/// columns:
///   amount: { psi_drift: 0.3 }
///   merchant_code: { kind: categorical }
///   request_id: { ignore: true }
/// ```
public struct DriftConfiguration: Sendable, Codable, Equatable {
    /// The family-wise significance level, in (0, 1).
    public var alpha: Double
    /// The multiple-testing correction over the m compared columns.
    public var correction: MultipleTestingCorrection
    /// The share of drifted columns (in (0, 1]) at or above which the dataset drifts.
    public var driftShare: Double
    /// Thresholds for every column without an override.
    public var defaults: DriftThresholds
    /// Per-column settings, by column name.
    public var columns: [String: ColumnSettings]

    /// The default rule (α 0.05, Bonferroni, drift share 0.5, default thresholds).
    public init(
        alpha: Double = 0.05, correction: MultipleTestingCorrection = .bonferroni, driftShare: Double = 0.5,
        defaults: DriftThresholds = DriftThresholds(), columns: [String: ColumnSettings] = [:]
    ) {
        self.alpha = alpha
        self.correction = correction
        self.driftShare = driftShare
        self.defaults = defaults
        self.columns = columns
    }

    /// The thresholds that apply to `column` (defaults with its overrides).
    public func thresholds(for column: String) -> DriftThresholds {
        var t = defaults
        guard let s = columns[column] else { return t }
        if let v = s.psiWarning { t.psiWarning = v }
        if let v = s.psiDrift { t.psiDrift = v }
        if let v = s.jsDistance { t.jsDistance = v }
        if let v = s.wassersteinNormed { t.wassersteinNormed = v }
        return t
    }

    /// Whether `column` is left out of the comparison.
    public func isIgnored(_ column: String) -> Bool { columns[column]?.ignore ?? false }

    /// Checks every value's range.
    /// - Throws: ``DriftError`` `.invalidConfiguration` naming the key.
    public func validate() throws {
        guard alpha.isFinite, alpha > 0, alpha < 1 else {
            throw DriftError(.invalidConfiguration, "alpha must be in (0, 1), got \(alpha)", path: "alpha")
        }
        guard driftShare.isFinite, driftShare > 0, driftShare <= 1 else {
            throw DriftError(.invalidConfiguration, "drift_share must be in (0, 1], got \(driftShare)", path: "drift_share")
        }
        try defaults.validate(at: "defaults")
        for name in columns.keys.sorted() {
            try thresholds(for: name).validate(at: "columns.\(name)")
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case alpha, correction
        case driftShare = "drift_share"
        case defaults, columns
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DriftConfiguration()
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha) ?? d.alpha
        correction = try c.decodeIfPresent(MultipleTestingCorrection.self, forKey: .correction) ?? d.correction
        driftShare = try c.decodeIfPresent(Double.self, forKey: .driftShare) ?? d.driftShare
        defaults = try c.decodeIfPresent(DriftThresholds.self, forKey: .defaults) ?? d.defaults
        columns = try c.decodeIfPresent([String: ColumnSettings].self, forKey: .columns) ?? [:]
    }

    /// Parses a YAML configuration (see the type's documentation); an empty document is the default.
    /// - Throws: ``DriftError`` `.invalidConfiguration` for malformed YAML, an unknown key (named
    ///   with its path), a value of the wrong type, or a value out of range.
    public init(yaml: String) throws {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw DriftError(.invalidConfiguration, "malformed YAML: \(error)")
        }
        guard let node else {
            self.init()
            return
        }
        try Self.checkKeys(node)
        do {
            self = try YAMLDecoder().decode(DriftConfiguration.self, from: node)
        } catch let error as DecodingError {
            throw DriftError(.invalidConfiguration, Self.describe(error))
        }
        try validate()
    }

    /// Reads a YAML configuration file.
    /// - Throws: ``DriftError`` `.io` when the file cannot be read, else as ``init(yaml:)`` with
    ///   the path as source.
    public static func load(contentsOf path: String) throws -> DriftConfiguration {
        let text = try _Files.readText(path)
        do {
            return try DriftConfiguration(yaml: text)
        } catch let error as DriftError {
            throw error.at(source: path)
        }
    }

    static func checkKeys(_ node: Node) throws {
        guard let mapping = node.mapping else {
            throw DriftError(.invalidConfiguration, "the configuration must be a mapping of keys to values")
        }
        let top = Set(CodingKeys.allCases.map(\.rawValue))
        for (key, value) in mapping {
            guard let k = key.string, top.contains(k) else {
                throw DriftError(.invalidConfiguration, "unknown key '\(key.string ?? "?")' (known: \(top.sorted().joined(separator: ", ")))", path: key.string)
            }
            if k == "defaults" {
                try checkMapping(value, allowed: Set(DriftThresholds.CodingKeys.allCases.map(\.rawValue)), path: "defaults")
            }
            if k == "columns" {
                guard let columns = value.mapping else {
                    throw DriftError(.invalidConfiguration, "columns must map column names to settings", path: "columns")
                }
                for (name, settings) in columns {
                    try checkMapping(settings, allowed: Set(ColumnSettings.CodingKeys.allCases.map(\.rawValue)), path: "columns.\(name.string ?? "?")")
                }
            }
        }
    }

    static func checkMapping(_ node: Node, allowed: Set<String>, path: String) throws {
        guard let mapping = node.mapping else {
            throw DriftError(.invalidConfiguration, "expected a mapping", path: path)
        }
        for (key, _) in mapping {
            guard let k = key.string, allowed.contains(k) else {
                throw DriftError(.invalidConfiguration, "unknown key '\(key.string ?? "?")' (known: \(allowed.sorted().joined(separator: ", ")))", path: "\(path).\(key.string ?? "?")")
            }
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let c): return "\(path(c)): \(c.debugDescription)"
        case .valueNotFound(_, let c): return "\(path(c)): \(c.debugDescription)"
        case .keyNotFound(let k, let c): return "\(path(c)): missing key \(k.stringValue)"
        case .dataCorrupted(let c): return "\(path(c)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
