/// An error reading or writing a data file (CSV, NPY): what is wrong and where.
///
/// The location fields are filled where they are known: a CSV error names the 1-based
/// `line` and `column` (and the column's header name as `field`); an NPY error names the
/// header `field` (`descr`, `shape`, `fortran_order`) or the byte offset in `message`.
public struct DataFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, matchable.
    public enum Code: String, Sendable, Equatable, Codable {
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

    /// What went wrong.
    public let code: Code
    /// Human-readable detail.
    public let message: String
    /// The file, when the data came from one.
    public var path: String?
    /// 1-based line (CSV record start line), when known.
    public var line: Int?
    /// 1-based column (CSV field index), when known.
    public var column: Int?
    /// The field or header key involved (a CSV column name, an NPY header key), when known.
    public var field: String?

    /// Creates an error; location fields default to unknown.
    public init(
        _ code: Code, _ message: String, path: String? = nil, line: Int? = nil,
        column: Int? = nil, field: String? = nil
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.field = field
    }

    /// The same error with the file path attached.
    public func at(path: String) -> DataFormatError {
        var copy = self
        copy.path = path
        return copy
    }

    public var description: String {
        var location: [String] = []
        if let path { location.append(path) }
        if let line { location.append("line \(line)") }
        if let column { location.append("column \(column)") }
        if let field { location.append("field '\(field)'") }
        let prefix = location.isEmpty ? "" : location.joined(separator: ", ") + ": "
        return prefix + message
    }
}
