import MLCore

/// What went wrong in a ``ModelLoadingError``, matchable.
public enum ModelLoadingErrorCode: String, MLErrorCode {
    /// The file could not be opened or read.
    case io
    /// The content matches no supported format (or not the format that was asked for).
    case unrecognizedFormat
    /// The bytes do not follow the format's syntax (JSON, UBJSON, LightGBM text).
    case malformed
    /// A required key or field is absent.
    case missingKey
    /// A value has the wrong type or is out of its allowed range (a NaN leaf, a negative count).
    case invalidValue
    /// Values disagree with each other (array lengths, class counts, child indices, cycles).
    case inconsistent
    /// A well-formed feature this loader does not support (an objective, a booster, an op).
    case unsupported
    /// A safety limit was exceeded (nesting depth, tree depth, sizes).
    case limitExceeded
}

/// An error loading a model file: what is wrong and where.
///
/// Every loader in MLModels throws this one type. The location fields are filled where they
/// are known: the file `path`, the 0-based `tree` and `node` (in the file's own numbering), the
/// JSON/UBJSON `key` path or LightGBM `key`, and a byte `offset` or 1-based `line`.
/// A malformed file always ends in this error, never in a crash.
public typealias ModelLoadingError = MLError<ModelLoadingErrorCode>
