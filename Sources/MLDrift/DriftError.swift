import MLCore

/// What went wrong in a ``DriftError``, matchable.
public enum DriftErrorCode: String, MLErrorCode {
    /// A column of the baseline is not in the current data (or a requested column is in neither).
    case missingColumn
    /// A column is numeric on one side and categorical (text) on the other.
    case typeMismatch
    /// A table has no rows, or no columns to compare.
    case emptyData
    /// A column has no non-missing value on one side, so no statistic is defined.
    case emptyColumn
    /// A profile file is malformed, of an unsupported version, or inconsistent.
    case invalidProfile
    /// Profiles to merge do not describe the same columns with the same types and settings.
    case incompatibleProfiles
    /// A numeric column holds +∞ or −∞ (quantile edges, σ and Wasserstein-1 are undefined).
    case nonFiniteValue
    /// The configuration (YAML or values) is invalid: unknown key, value out of range.
    case invalidConfiguration
    /// A numeric argument is invalid (NaN or infinite where a finite value is needed,
    /// mismatched lengths, a window size < 1).
    case invalidArgument
    /// A file could not be read or written.
    case io
}

/// An error comparing, profiling or configuring drift checks: what is wrong and where.
///
/// Every entry point of MLDrift validates its input and throws this error instead of trapping:
/// a column missing from the current data, a column whose type differs between baseline and
/// current, empty data, a column with no non-missing values, a profile of an unknown version,
/// a malformed YAML configuration. `field` names the column involved, `path` the side
/// (`"baseline"`, `"current"`, a file path, a config key) when known.
///
/// ```swift
/// do { _ = try DriftDetector().compare(baseline: .table(base), current: current) }
/// catch let error as DriftError where error.code == .missingColumn { print(error) }
/// ```
public typealias DriftError = MLError<DriftErrorCode>

extension MLError where Code == DriftErrorCode {
    /// The same error with `path` set to `newSource`, keeping an existing, more specific
    /// source after it (`"baseline.json: column 'age'"`).
    public func at(source newSource: String) -> DriftError {
        var copy = self
        copy.path = path.map { "\(newSource): \($0)" } ?? newSource
        return copy
    }
}
