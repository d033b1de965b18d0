/// What went wrong in a ``DataFormatError``, matchable.
public enum DataFormatErrorCode: String, MLErrorCode {
    /// The file could not be opened, read or written.
    case io
    /// The bytes do not follow the format (bad quotes, truncated header, bad magic).
    case malformed
    /// A record has a different number of fields than the header.
    case raggedRow
    /// A field cannot be read as the column's type (e.g. text in a `Double` column).
    case typeMismatch
    /// The file is well-formed but uses something this reader does not support
    /// (a Fortran-order NPY array, an unsupported dtype).
    case unsupported
    /// A requested column or schema entry does not exist or conflicts with the data.
    case schema
    /// The file or its data ends before the announced size.
    case truncated
}

/// An error reading or writing a data file (CSV, NPY): what is wrong and where.
///
/// The location fields are filled where they are known: a CSV error names the 1-based
/// `line` and `column` (and the column's header name as `field`); an NPY error names the
/// header `field` (`descr`, `shape`, `fortran_order`) or the byte offset in `message`.
public typealias DataFormatError = MLError<DataFormatErrorCode>
