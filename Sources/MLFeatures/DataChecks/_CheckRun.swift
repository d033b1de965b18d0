import MLCore

/// One run of a ``DataCheckSuite`` over one table: the table, the instant, and what several
/// checks share (text and timestamp forms of columns, referenced files' key sets), each computed
/// once.
struct _CheckRun {
    let table: Table
    /// The data file, for errors.
    let source: String?
    /// Seconds since the epoch.
    let now: Double
    /// How referenced files are read (delimiter and missing values of the checked file).
    let reader: CSVReader

    private var texts: [String: [String?]] = [:]
    private var times: [String: [Double]] = [:]
    private var keySets: [String: Set<String>] = [:]

    init(table: Table, source: String?, now: Double, reader: CSVReader) {
        self.table = table
        self.source = source
        self.now = now
        self.reader = reader
    }

    /// The column `name` (``DataCheckSuite/run(on:source:clock:reader:)`` checks every named column
    /// exists before any check runs; this throws `.missingColumn` all the same).
    func column(_ name: String, keyPath: String) throws -> Column {
        guard let column = table[name] else { throw missingColumn(name, keyPath: keyPath) }
        return column
    }

    func missingColumn(_ name: String, keyPath: String) -> FeatureError {
        FeatureError(
            .missingColumn, "no column '\(name)' in the data (columns: \(Self.preview(table.names)))", path: source,
            key: keyPath, field: name)
    }

    /// The column's values as text (`nil` missing), computed once per column.
    mutating func texts(_ name: String, keyPath: String) throws -> [String?] {
        if let cached = texts[name] { return cached }
        let values = _ColumnValues.texts(try column(name, keyPath: keyPath))
        texts[name] = values
        return values
    }

    /// The column's timestamps (NaN missing), parsed once per column.
    mutating func timestamps(_ name: String, keyPath: String) throws -> [Double] {
        if let cached = times[name] { return cached }
        let values = try _ColumnValues.timestamps(
            try column(name, keyPath: keyPath), name: name, keyPath: keyPath, source: source)
        times[name] = values
        return values
    }

    /// The non-missing values of column `field` of the CSV file `file`, read once per run.
    /// - Throws: ``FeatureError`` `.unreadableFile` (the file cannot be read or parsed) or
    ///   `.missingColumn` (no such field), both naming the file and the check's key path.
    mutating func keySet(file: String, field: String, keyPath: String) throws -> Set<String> {
        let cacheKey = file + "\u{0}" + field
        if let cached = keySets[cacheKey] { return cached }
        let referenced: Table
        do {
            referenced = try _DataFile.read(path: file, textColumns: [field], reader: reader)
        } catch let error as DataFormatError {
            throw FeatureError(.unreadableFile, error.description, path: file, key: keyPath)
        }
        guard let column = referenced[field] else {
            throw FeatureError(
                .missingColumn, "no column '\(field)' in the referenced file (columns: \(Self.preview(referenced.names)))",
                path: file, key: keyPath, field: field)
        }
        var set = Set<String>(minimumCapacity: column.count)
        for value in _ColumnValues.texts(column) { if let value { set.insert(value) } }
        keySets[cacheKey] = set
        return set
    }

    static func preview(_ names: [String]) -> String {
        let shown = names.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > 10 ? shown + ", … (\(names.count) in all)" : shown
    }
}
