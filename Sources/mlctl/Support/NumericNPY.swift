import FoundationEssentials
import MLCore

// TEMPORARY: a minimal NPY reader/writer for `mlctl predict` and `mlctl bench predict`
// until MLCore's NPY I/O lands (being written in parallel); replace at merge.

/// Reads and writes 2-D little-endian `<f4` / `<f8` C-order `.npy` arrays.
enum NumericNPY {
    /// The array as a `Float` matrix (`<f8` values are rounded to `Float`; a 1-D array is one column).
    /// - Throws: `DataFormatError` for a bad magic, header, dtype, Fortran order or truncated data.
    static func read(path: String) throws -> Matrix<Float> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DataFormatError(.io, "cannot read the file", path: path)
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw DataFormatError(.malformed, "not an NPY file (bad magic)", path: path)
        }
        let major = bytes[6]
        var headerLength: Int
        var offset: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            offset = 10
        } else {
            guard bytes.count >= 12 else { throw DataFormatError(.truncated, "truncated NPY header", path: path) }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            offset = 12
        }
        guard offset + headerLength <= bytes.count else {
            throw DataFormatError(.truncated, "truncated NPY header", path: path)
        }
        let header = String(decoding: bytes[offset..<(offset + headerLength)], as: UTF8.self)
        offset += headerLength
        let elementSize: Int
        if header.contains("'<f4'") {
            elementSize = 4
        } else if header.contains("'<f8'") {
            elementSize = 8
        } else {
            throw DataFormatError(.unsupported, "only little-endian float32/float64 arrays are supported", path: path, field: "descr")
        }
        if header.contains("'fortran_order': True") {
            throw DataFormatError(.unsupported, "Fortran-order arrays are not supported", path: path, field: "fortran_order")
        }
        guard let open = header.firstIndex(of: "("), let close = header[open...].firstIndex(of: ")") else {
            throw DataFormatError(.malformed, "no shape in the NPY header", path: path, field: "shape")
        }
        let dims = header[header.index(after: open)..<close].split(separator: ",").compactMap {
            Int($0.filter { $0 != " " })
        }
        guard dims.count == 1 || dims.count == 2 else {
            throw DataFormatError(.unsupported, "only 1-D and 2-D arrays are supported", path: path, field: "shape")
        }
        let rows = dims[0]
        let columns = dims.count == 2 ? dims[1] : 1
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count >= 0, offset + count * elementSize <= bytes.count else {
            throw DataFormatError(.truncated, "the data is shorter than the shape \(dims)", path: path)
        }
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            guard let start = raw.baseAddress else { return }
            let base = start + offset
            values.withUnsafeMutableBufferPointer { out in
                for k in 0..<count {
                    if elementSize == 4 {
                        out[k] = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self)))
                    } else {
                        out[k] = Float(Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))))
                    }
                }
            }
        }
        return try Matrix(rows: rows, columns: columns, elements: values)
    }

    /// Writes a `<f8` C-order array of shape `(rows, columns)`.
    static func write(path: String, rows: Int, columns: Int, values: [Double]) throws {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = header.utf8.count
        bytes += [UInt8(length & 0xff), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        bytes.reserveCapacity(bytes.count + values.count * 8)
        for v in values {
            let bits = v.bitPattern.littleEndian
            for s in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(s))) }
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw DataFormatError(.io, "cannot write the file", path: path)
        }
    }
}
