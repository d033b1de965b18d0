import FoundationEssentials
import MLCore

// TEMPORARY: a minimal numeric CSV reader/writer for `mlctl predict` until MLCore's CSV
// reader lands (being written in parallel); replace the calls with MLCore's reader at merge.

/// A numeric table read from CSV: header names plus a row-major `Float` matrix.
struct NumericCSV {
    let header: [String]
    let matrix: Matrix<Float>

    /// Reads a CSV file with one header row and numeric fields. An empty field and `nan`,
    /// `NaN`, `NA` read as NaN. Columns are taken by position.
    /// - Throws: `DataFormatError` naming the 1-based line and column of a bad field.
    static func read(path: String) throws -> NumericCSV {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DataFormatError(.io, "cannot read the file", path: path)
        }
        var header: [String] = []
        var values: [Float] = []
        var rows = 0
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            var line = 0
            let n = bytes.count
            while i < n {
                line += 1
                let start = i
                while i < n, bytes[i] != 0x0A { i += 1 }
                var end = i
                if i < n { i += 1 }
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                if end == start { continue }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                let fields = text.split(separator: ",", omittingEmptySubsequences: false)
                if header.isEmpty {
                    header = fields.map { String($0) }
                    continue
                }
                guard fields.count == header.count else {
                    throw DataFormatError(
                        .raggedRow, "expected \(header.count) fields, got \(fields.count)", path: path, line: line)
                }
                for (j, field) in fields.enumerated() {
                    let f = field.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed().map { String($0) }.joined()
                    if f.isEmpty || f == "nan" || f == "NaN" || f == "NA" {
                        values.append(.nan)
                    } else if let v = Double(f) {
                        values.append(Float(v))
                    } else {
                        throw DataFormatError(
                            .typeMismatch, "'\(f)' is not a number", path: path, line: line, column: j + 1,
                            field: header[j])
                    }
                }
                rows += 1
            }
        }
        guard !header.isEmpty else { throw DataFormatError(.malformed, "the file has no header row", path: path) }
        return NumericCSV(header: header, matrix: try Matrix(rows: rows, columns: header.count, elements: values))
    }

    /// Writes `header` and the rows of `values` (row-major, `header.count` per row) with
    /// Swift's shortest round-trip formatting (NaN as an empty field).
    static func write(path: String, header: [String], values: [Double]) throws {
        var out = header.joined(separator: ",") + "\n"
        out.reserveCapacity(values.count * 20)
        let width = max(header.count, 1)
        for (k, v) in values.enumerated() {
            if !v.isNaN { out += v.description }
            out += (k % width == width - 1) ? "\n" : ","
        }
        do {
            try Data(out.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw DataFormatError(.io, "cannot write the file", path: path)
        }
    }
}
