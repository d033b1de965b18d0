/// Reads CSV text (RFC 4180) with one header row into a typed ``Table``.
///
/// ```swift
/// let table = try CSVReader().read(contentsOf: "X.csv")
/// let x = try table.matrix(Float.self)                      // rows × columns, NaN = missing
/// let typed = try CSVReader(schema: ["zip": .string], numericType: .float).read(contentsOf: "people.csv")
/// ```
///
/// **Syntax.** Fields are separated by ``delimiter``; records end with LF or CRLF (a
/// trailing line end is optional); a UTF-8 byte order mark is skipped. A field may be
/// enclosed in double quotes, and then may hold delimiters, line ends and doubled quotes
/// (`""` is one `"`). A quote inside an unquoted field, a character after a closing quote,
/// a quote never closed, or a carriage return without line feed is an error. The first
/// record is the header; every record must have as many fields as the header. An empty line
/// is a record with one empty field: a missing value in a one-column file, a ragged row
/// otherwise.
///
/// **Missing values.** A field whose text (after trimming spaces and tabs) is one of
/// ``missingValues`` (by default `""`, `nan`, `NaN`, `NA`; not `NULL`, add it if your files
/// use it) is missing: NaN in `Float`/`Double` columns, `nil` in `Int`/`String` columns. In
/// numeric columns a number the standard library reads as NaN (`-nan`, `nan(…)`) is missing too.
///
/// **Types.** A column named in ``schema`` has that type, and a field that does not parse as
/// it throws. Every other column is inferred from all its fields:
/// - `Int` if every non-missing field is an integer literal that fits in 64 bits;
/// - else `Double` if every non-missing field is a number `Double(_: String)` accepts
///   (surrounding spaces allowed; this includes `inf` and hexadecimal);
/// - else `String`;
/// - a column with only missing fields is `Double`.
///
/// ``numericType`` can make inferred numeric columns all `Double` or all `Float`. Quoting
/// marks text: a quoted field (other than a quoted missing token) makes an inferred column
/// a `String` column, and in a `String` column a quoted field is never missing (`""` is the
/// empty string, `"NA"` the text NA), so tables written by ``CSVWriter`` read back exactly.
/// A schema's numeric type reads quoted numbers. Integers that overflow 64 bits make an
/// inferred column `Double`; `-0` is read as floating point (it keeps its sign).
///
/// **Numbers** are correctly rounded: bit-identical to `Double(_: String)` and
/// `Float(_: String)` of the field's text (fast paths for the common cases, the standard
/// library for the rest). `Float` values are rounded once from the text, never through a
/// rounded `Double`.
///
/// **Memory.** The whole input is in memory while it is parsed (a file is read in one go),
/// plus the table: 8 bytes per `Double`, 4 per `Float`, 16 per `Int?`, and the strings.
///
/// **Errors** are ``DataFormatError``s with the 1-based `line` where the record starts, the
/// 1-based `column` (field index) and the header name as `field`; reading from a path also
/// sets `path`. Nothing in the input can make the reader trap. Codes: `.io` (cannot open or
/// read), `.malformed` (quotes, line ends, invalid UTF-8, empty input without header),
/// `.raggedRow` (wrong number of fields), `.typeMismatch` (a field that does not parse as
/// the schema's type), `.schema` (duplicate header names, schema names not in the header),
/// `.unsupported` (a delimiter that is not a single ASCII character other than `"`, CR, LF).
///
/// **Threads.** Large inputs are parsed in batches on up to ``maximumThreads`` threads; the
/// result (values and any error) is the same for every thread count.
public struct CSVReader: Sendable {
    /// How inferred numeric columns are typed.
    public enum NumericType: String, Sendable, Hashable, Codable {
        /// `Int` when all values are integers, else `Double`.
        case inferred
        /// All numeric columns `Double`.
        case double
        /// All numeric columns `Float` (correctly rounded from the text).
        case float
    }

    /// The texts read as missing by default: the empty field, `nan`, `NaN` and `NA`.
    public static let defaultMissingValues: Set<String> = ["", "nan", "NaN", "NA"]

    /// The field separator, one ASCII character other than `"`, CR and LF (`,` by default;
    /// `;`, `\t` and `|` are common).
    public var delimiter: Unicode.Scalar
    /// Column types forced by name; other columns are inferred. Every name must be in the header.
    public var schema: [String: ColumnType]
    /// How inferred numeric columns are typed.
    public var numericType: NumericType
    /// The texts that mean missing (compared after trimming spaces and tabs, case-sensitive).
    public var missingValues: Set<String>
    /// The most threads to parse with (≥ 1); `nil` uses every active processor.
    public var maximumThreads: Int?

    /// A reader with the given options (see the type's documentation for their meaning).
    public init(
        delimiter: Unicode.Scalar = ",", schema: [String: ColumnType] = [:], numericType: NumericType = .inferred,
        missingValues: Set<String> = CSVReader.defaultMissingValues, maximumThreads: Int? = nil
    ) {
        self.delimiter = delimiter
        self.schema = schema
        self.numericType = numericType
        self.missingValues = missingValues
        self.maximumThreads = maximumThreads
    }

    /// Reads the CSV file at `path` (read whole into memory, then parsed).
    /// - Throws: ``DataFormatError`` (see the type's documentation) with `path` set.
    public func read(contentsOf path: String) throws -> Table {
        let bytes: [UInt8]
        do {
            bytes = try _FileSystem.readBytes(atPath: path)
        } catch {
            throw DataFormatError(.io, error.message, path: path)
        }
        do {
            return try read(bytes: bytes)
        } catch let error as DataFormatError {
            throw error.at(path: path)
        }
    }

    /// Reads CSV from UTF-8 bytes.
    /// - Throws: ``DataFormatError`` (see the type's documentation).
    public func read(bytes: [UInt8]) throws -> Table {
        try bytes.withUnsafeBufferPointer { try read(buffer: $0) }
    }

    /// Reads CSV from a string.
    /// - Throws: ``DataFormatError`` (see the type's documentation).
    public func read(string: String) throws -> Table {
        var copy = string
        return try copy.withUTF8 { try read(buffer: $0) }
    }

    /// Reads CSV from UTF-8 bytes in memory that stay valid during the call.
    /// - Throws: ``DataFormatError`` (see the type's documentation).
    public func read(buffer: UnsafeBufferPointer<UInt8>) throws -> Table {
        try _CSVTableReading(reader: self).read(buffer)
    }
}
