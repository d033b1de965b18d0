/// A table of named, typed columns of equal length (a minimal data frame).
///
/// Columns are ``Column`` values (`Float`, `Double`, `Int` or `String`); missing values
/// are NaN in floating-point columns and `nil` in `Int` and `String` columns. Names are
/// unique and case-sensitive; the order of columns is kept.
///
/// ```swift
/// let table = try Table(names: ["age", "city"], columns: [.int([31, nil]), .string(["Oslo", "Lima"])])
/// table.rowCount                       // 2
/// let x = try table.matrix(Double.self, columns: ["age"])   // 2×1, NaN for the missing age
/// ```
///
/// Read one from a CSV file with ``CSVReader`` and write it with ``CSVWriter``.
public struct Table: Sendable, Equatable {
    /// The column names, in order; unique.
    public let names: [String]
    /// The columns, in the order of ``names``.
    public let columns: [Column]
    /// The number of rows (0 for a table without columns).
    public let rowCount: Int
    private let indexByName: [String: Int]

    /// Creates a table from names and columns given in the same order.
    /// - Throws: ``DataFormatError`` with code `.schema` when `names` and `columns` differ
    ///   in count, a name repeats (`field` names it), or the columns differ in length.
    public init(names: [String], columns: [Column]) throws {
        guard names.count == columns.count else {
            throw DataFormatError(.schema, "\(names.count) names for \(columns.count) columns")
        }
        var index: [String: Int] = [:]
        index.reserveCapacity(names.count)
        for (i, name) in names.enumerated() {
            if let first = index[name] {
                throw DataFormatError(
                    .schema, "duplicate column name (columns \(first + 1) and \(i + 1))",
                    column: i + 1, field: name)
            }
            index[name] = i
        }
        let rows = columns.first?.count ?? 0
        for (i, column) in columns.enumerated() where column.count != rows {
            throw DataFormatError(
                .schema, "column has \(column.count) rows, column '\(names[0])' has \(rows)",
                column: i + 1, field: names[i])
        }
        self.names = names
        self.columns = columns
        self.rowCount = rows
        self.indexByName = index
    }

    /// Creates a table from `(name, column)` pairs.
    /// - Throws: as ``init(names:columns:)``.
    public init(_ namedColumns: [(name: String, column: Column)]) throws {
        try self.init(names: namedColumns.map(\.name), columns: namedColumns.map(\.column))
    }

    /// Internal initializer for names and columns our own code has already validated.
    init(uncheckedNames names: [String], columns: [Column]) {
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name] = i }
        precondition(index.count == names.count && names.count == columns.count, "internal table error")
        self.names = names
        self.columns = columns
        self.rowCount = columns.first?.count ?? 0
        self.indexByName = index
    }

    /// The number of columns.
    public var columnCount: Int { columns.count }

    /// The type of each column, by name.
    public var schema: [String: ColumnType] {
        Dictionary(uniqueKeysWithValues: zip(names, columns.map(\.type)))
    }

    /// The 0-based position of the column called `name`, or `nil` if there is none.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// The column called `name`, or `nil` if there is none.
    public subscript(name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }

    /// The column called `name`.
    /// - Throws: ``DataFormatError`` with code `.schema` naming the unknown column.
    public func column(named name: String) throws -> Column {
        columns[try checkedIndex(of: name)]
    }

    /// A table made of the named columns, in the given order.
    /// - Throws: ``DataFormatError`` with code `.schema` for an unknown or repeated name.
    public func selecting(_ selected: [String]) throws -> Table {
        let indices = try selected.map { try checkedIndex(of: $0) }
        return try Table(names: selected, columns: indices.map { columns[$0] })
    }

    /// The 0-based positions of `selected` (all columns when `nil`).
    /// - Throws: ``DataFormatError`` with code `.schema` naming the first unknown column.
    func checkedIndices(_ selected: [String]?) throws -> [Int] {
        guard let selected else { return Array(columns.indices) }
        return try selected.map { try checkedIndex(of: $0) }
    }

    private func checkedIndex(of name: String) throws -> Int {
        guard let i = indexByName[name] else {
            throw DataFormatError(
                .schema, "no column named '\(name)' (columns: \(Self.preview(names)))", field: name)
        }
        return i
    }

    static func preview(_ names: [String]) -> String {
        let shown = names.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > 10 ? shown + ", … (\(names.count) in all)" : shown
    }

    public static func == (lhs: Table, rhs: Table) -> Bool {
        lhs.names == rhs.names && lhs.columns == rhs.columns
    }
}
