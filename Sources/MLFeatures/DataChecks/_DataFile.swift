import MLCore

/// Reads a CSV file for the data checks with MLCore's reader, keeping the columns that are
/// compared as text (`unique`, `accepted_values`, `relationships`) as the field's text.
enum _DataFile {
    /// The table in `path`; the columns of `textColumns` that the header has are read as text.
    /// - Throws: ``DataFormatError`` with `path` set (unreadable, malformed, ragged).
    static func read(path: String, textColumns: Set<String>, reader: CSVReader) throws -> Table {
        let bytes: [UInt8]
        do {
            bytes = try _FileSystem.readBytes(atPath: path)
        } catch {
            throw DataFormatError(.io, error.message, path: path)
        }
        var configured = reader
        if !textColumns.isEmpty, let names = header(bytes, reader: reader) {
            for name in names where textColumns.contains(name) { configured.schema[name] = .string }
        }
        do {
            return try configured.read(bytes: bytes)
        } catch let error as DataFormatError {
            throw error.at(path: path)
        }
    }

    /// The header's names: the first line parsed alone (`nil` when the header spans lines or does
    /// not parse; the full read then reports the problem, and columns are typed as inferred).
    static func header(_ bytes: [UInt8], reader: CSVReader) -> [String]? {
        var end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        if end > bytes.startIndex, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var headerOnly = CSVReader(delimiter: reader.delimiter, missingValues: reader.missingValues)
        headerOnly.maximumThreads = 1
        return try? headerOnly.read(bytes: Array(bytes[..<end])).names
    }
}
