import Foundation

/// Reads the fixtures' plain numeric CSV files (one header row, comma-separated, `.` decimals,
/// empty field = NaN) — enough for Tests/Fixtures/metrics and calibration, independent of
/// MLCore's general CSV reader (so tests of that reader do not lean on it).
public struct NumericCSV: Sendable {
    /// Column names from the header row.
    public let header: [String]
    /// Values column by column (NaN for empty fields).
    public let columns: [[Double]]

    /// Reads the file at `path`.
    /// - Throws: ``FixtureFileError`` for an unreadable or malformed file.
    public init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard !lines.isEmpty else { throw FixtureFileError("\(path): empty file") }
        header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var columns = [[Double]](repeating: [], count: header.count)
        for (lineIndex, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw FixtureFileError("\(path): line \(lineIndex + 2) has \(fields.count) fields")
            }
            for (c, field) in fields.enumerated() {
                if field.isEmpty {
                    columns[c].append(.nan)
                } else if let v = Double(field) {
                    columns[c].append(v)
                } else {
                    throw FixtureFileError("\(path): line \(lineIndex + 2): not a number: \(field)")
                }
            }
        }
        self.columns = columns
    }

    /// The column named `name`.
    /// - Throws: ``FixtureFileError`` when there is none.
    public func column(_ name: String) throws -> [Double] {
        guard let i = header.firstIndex(of: name) else { throw FixtureFileError("no column \(name)") }
        return columns[i]
    }

    /// The column named `name` as integers.
    /// - Throws: ``FixtureFileError`` when there is none or a value is not an integer.
    public func intColumn(_ name: String) throws -> [Int] {
        try column(name).map { v in
            guard let i = Int(exactly: v) else { throw FixtureFileError("not an integer: \(v)") }
            return i
        }
    }
}

/// A fixture file that cannot be read as the test expects.
public struct FixtureFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
