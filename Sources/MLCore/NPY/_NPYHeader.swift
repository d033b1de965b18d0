/// The parsed preamble and header of an `.npy` file (format versions 1.0, 2.0 and 3.0).
///
/// Layout (NumPy's `numpy.lib.format`): the magic `\x93NUMPY`, one byte major and one byte
/// minor version, the header length as a little-endian `UInt16` (1.0) or `UInt32` (2.0,
/// 3.0), then the header (a Python dict literal, Latin-1 for 1.x/2.x and UTF-8 for 3.0,
/// padded with spaces and ending in `\n`), then the raw elements.
struct _NPYHeader: Sendable, Equatable {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
    /// The largest header accepted when reading (NumPy's own reader refuses more than 10 000
    /// bytes by default; ours allows 1 MiB).
    static let maximumHeaderLength = 1 << 20
    /// The most dimensions accepted (NumPy's limit).
    static let maximumRank = 64
    /// Bytes needed to know the header length: magic, version and the longest length field.
    static let longestPreamble = 12

    var dataType: NPYDataType
    var shape: [Int]
    /// Offset of the first element from the start of the file.
    var dataOffset: Int
    /// Number of elements (the product of `shape`, 1 for a 0-d array).
    var elementCount: Int
    /// `elementCount * dataType.byteCount`.
    var dataByteCount: Int

    /// Reads the preamble from the first bytes of a file.
    /// - Parameter prefix: up to ``longestPreamble`` bytes (fewer when the file is shorter).
    /// - Returns: the major version, the header length and the preamble length (10 or 12).
    static func parsePreamble(_ prefix: [UInt8]) throws -> (major: UInt8, headerLength: Int, preambleLength: Int) {
        guard prefix.count >= 8 else {
            if prefix.elementsEqual(magic.prefix(prefix.count)) {
                throw DataFormatError(
                    .truncated, "file is \(prefix.count) bytes, shorter than the 10-byte NPY preamble", field: "magic")
            }
            throw badMagic(prefix)
        }
        guard prefix[0..<6].elementsEqual(magic) else { throw badMagic(prefix) }
        let major = prefix[6]
        let minor = prefix[7]
        guard (1...3).contains(major), minor == 0 else {
            throw DataFormatError(
                .unsupported, "NPY format version \(major).\(minor) is not supported (1.0, 2.0 and 3.0 are)",
                field: "version")
        }
        let preambleLength = major == 1 ? 10 : 12
        guard prefix.count >= preambleLength else {
            throw DataFormatError(
                .truncated,
                "file ends inside the NPY \(major).0 preamble: \(preambleLength) bytes expected, got \(prefix.count)",
                field: "header_len")
        }
        var length = 0
        for k in stride(from: preambleLength - 1, through: 8, by: -1) { length = length << 8 | Int(prefix[k]) }
        guard length <= maximumHeaderLength else {
            throw DataFormatError(
                .malformed, "header length \(length) bytes exceeds the \(maximumHeaderLength)-byte limit",
                field: "header_len")
        }
        return (major, length, preambleLength)
    }

    /// Parses the header dictionary and computes sizes.
    /// - Parameters:
    ///   - header: the header bytes (exactly the announced length).
    ///   - major: the format's major version (3 means UTF-8).
    ///   - dataOffset: where the data starts (preamble + header length).
    static func parse(header: [UInt8], major: UInt8, dataOffset: Int) throws -> _NPYHeader {
        var parser = _NPYHeaderLiteralParser(bytes: header, isUTF8: major >= 3)
        let entries = try parser.parseDictionary()
        var descr: _PythonLiteral?
        var fortran: _PythonLiteral?
        var shapeValue: _PythonLiteral?
        for (key, value) in entries {
            switch key {
            case "descr" where descr == nil: descr = value
            case "fortran_order" where fortran == nil: fortran = value
            case "shape" where shapeValue == nil: shapeValue = value
            case "descr", "fortran_order", "shape":
                throw DataFormatError(.malformed, "header has the key '\(key)' twice", field: key)
            default:
                throw DataFormatError(
                    .malformed,
                    "header has the unexpected key '\(key.prefix(40))' (expected descr, fortran_order, shape)",
                    field: String(key.prefix(40)))
            }
        }
        let dataType = try parseDescriptor(descr)
        try checkFortranOrder(fortran)
        let shape = try parseShape(shapeValue)
        let (count, byteCount) = try sizes(shape: shape, dataType: dataType)
        return _NPYHeader(
            dataType: dataType, shape: shape, dataOffset: dataOffset, elementCount: count, dataByteCount: byteCount)
    }

    private static func parseDescriptor(_ value: _PythonLiteral?) throws -> NPYDataType {
        switch value {
        case nil:
            throw DataFormatError(.malformed, "header has no 'descr' key", field: "descr")
        case .string(let text)?:
            if let type = NPYDataType(descriptor: text) { return type }
            let shown = String(text.prefix(40))
            if text.hasPrefix(">") || text.hasPrefix("="),
                let little = NPYDataType(descriptor: "<" + text.dropFirst())
            {
                throw DataFormatError(
                    .unsupported,
                    "dtype '\(shown)' is not little-endian; save it with a.astype('\(little.descriptor)')",
                    field: "descr")
            }
            throw DataFormatError(
                .unsupported,
                "dtype '\(shown)' is not supported (supported: \(NPYDataType.allCases.map(\.descriptor).joined(separator: ", ")))",
                field: "descr")
        case .sequence?:
            throw DataFormatError(
                .unsupported, "structured dtypes (a list of fields) are not supported", field: "descr")
        case let other?:
            throw DataFormatError(.malformed, "'descr' must be a string, got \(other.summary)", field: "descr")
        }
    }

    private static func checkFortranOrder(_ value: _PythonLiteral?) throws {
        switch value {
        case nil:
            throw DataFormatError(.malformed, "header has no 'fortran_order' key", field: "fortran_order")
        case .bool(false)?:
            return
        case .bool(true)?:
            throw DataFormatError(
                .unsupported,
                "Fortran-order (column-major) arrays are not supported; save a C-order copy with np.ascontiguousarray(a)",
                field: "fortran_order")
        case let other?:
            throw DataFormatError(
                .malformed, "'fortran_order' must be True or False, got \(other.summary)", field: "fortran_order")
        }
    }

    private static func parseShape(_ value: _PythonLiteral?) throws -> [Int] {
        guard let value else { throw DataFormatError(.malformed, "header has no 'shape' key", field: "shape") }
        guard case .sequence(let items, isTuple: true) = value else {
            throw DataFormatError(
                .malformed, "'shape' must be a tuple of integers, got \(value.summary)", field: "shape")
        }
        guard items.count <= maximumRank else {
            throw DataFormatError(
                .malformed, "'shape' has \(items.count) dimensions, more than \(maximumRank)", field: "shape")
        }
        var shape: [Int] = []
        shape.reserveCapacity(items.count)
        for (axis, item) in items.enumerated() {
            guard case .integer(let n) = item else {
                throw DataFormatError(
                    .malformed, "'shape' dimension \(axis) must be an integer, got \(item.summary)", field: "shape")
            }
            guard n >= 0 else {
                throw DataFormatError(.malformed, "'shape' dimension \(axis) is negative (\(n))", field: "shape")
            }
            shape.append(n)
        }
        return shape
    }

    /// Element and byte counts, checking for overflow (an array with a zero dimension is empty
    /// whatever its other dimensions).
    static func sizes(shape: [Int], dataType: NPYDataType) throws -> (count: Int, bytes: Int) {
        if shape.contains(0) { return (0, 0) }
        var count = 1
        for n in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow else { throw tooLarge(shape: shape, dataType: dataType) }
            count = product
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dataType.byteCount)
        guard !overflow else { throw tooLarge(shape: shape, dataType: dataType) }
        return (count, bytes)
    }

    private static func tooLarge(shape: [Int], dataType: NPYDataType) -> DataFormatError {
        DataFormatError(
            .truncated,
            "shape \(describe(shape)) of \(dataType.descriptor) announces more than \(Int.max) bytes of data; no file holds that much",
            field: "shape")
    }

    /// A shape as Python prints it: `()`, `(5,)`, `(3, 4)`.
    static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    private static func badMagic(_ prefix: [UInt8]) -> DataFormatError {
        let shown = prefix.prefix(6).map { $0 >= 0x20 && $0 < 0x7f ? String(UnicodeScalar($0)) : "\\x" + hex($0) }
            .joined()
        return DataFormatError(
            .malformed, "not an NPY file: expected the magic \\x93NUMPY, got '\(shown)'", field: "magic")
    }

    private static func hex(_ byte: UInt8) -> String {
        let s = String(byte, radix: 16)
        return s.count == 1 ? "0" + s : s
    }

    /// The header `numpy.save` writes for `shape` and `dataType`: version 1.0 when the header
    /// fits in 65 535 bytes, 2.0 otherwise; the dict with sorted keys, NumPy's spare space for
    /// growing the first axis (`21 − len(repr(shape[0]))` spaces), then 1 to 64 spaces and a
    /// final `\n` so that the data starts on a multiple of 64 bytes.
    static func encode(shape: [Int], dataType: NPYDataType) -> [UInt8] {
        var dict = "{'descr': '\(dataType.descriptor)', 'fortran_order': False, 'shape': \(describe(shape)), }"
        if let first = shape.first {
            dict += String(repeating: " ", count: Swift.max(0, 21 - String(first).count))
        }
        var text = Array(dict.utf8)
        for major in [UInt8(1), 2] {
            let preamble = major == 1 ? 10 : 12
            let unpadded = preamble + text.count + 1
            let padding = 64 - unpadded % 64  // 1...64, as NumPy pads (64 when already aligned)
            let headerLength = text.count + padding + 1
            if major == 1, headerLength > Int(UInt16.max) { continue }
            text.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
            text.append(UInt8(ascii: "\n"))
            var out = magic + [major, 0]
            for k in 0..<(preamble - 8) { out.append(UInt8(truncatingIfNeeded: headerLength >> (8 * k))) }
            return out + text
        }
        return []  // unreachable: the 2.0 branch always returns
    }
}
