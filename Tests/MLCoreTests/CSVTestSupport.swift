import MLCore
import Testing

/// Reads `text` with `reader` and returns the error it throws (records an issue if none).
func readError(_ text: String, _ reader: CSVReader = CSVReader(), sourceLocation: SourceLocation = #_sourceLocation)
    -> DataFormatError?
{
    #expect(throws: DataFormatError.self, sourceLocation: sourceLocation) { try reader.read(string: text) }
}

/// Whether two tables hold the same names, types and bit patterns (NaN payloads included).
func identicalBits(_ a: Table, _ b: Table) -> Bool {
    guard a.names == b.names, a.columns.count == b.columns.count else { return false }
    for (x, y) in zip(a.columns, b.columns) {
        switch (x, y) {
        case (.double(let u), .double(let v)):
            if u.map(\.bitPattern) != v.map(\.bitPattern) { return false }
        case (.float(let u), .float(let v)):
            if u.map(\.bitPattern) != v.map(\.bitPattern) { return false }
        case (.int(let u), .int(let v)):
            if u != v { return false }
        case (.string(let u), .string(let v)):
            if u != v { return false }
        default:
            return false
        }
    }
    return true
}
