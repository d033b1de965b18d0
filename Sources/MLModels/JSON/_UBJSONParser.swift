/// A UBJSON (Draft 12) parser over bytes, as XGBoost writes `.ubj` models.
///
/// Big-endian numbers; object keys are a length (integer marker + value) and bytes with no
/// `S` marker; containers may be optimized with `$type` and/or `#count`, in which case they
/// have no closing marker. Numeric typed containers are kept packed. Counts are checked
/// against the bytes that remain, so a corrupt count cannot allocate gigabytes; nesting is
/// limited to ``maximumDepth``. Errors throw ``ModelLoadingError`` with the byte offset.
///
/// Typed containers of zero-width elements (`[$Z#…`, `$T`, `$F`) carry no bytes per
/// element, so the whole document shares one budget for them: at most one such element per
/// byte of the file, however many containers claim them (the cost contract).
struct _UBJSONParser {
    static let maximumDepth = 64

    private let p: UnsafeBufferPointer<UInt8>
    private var i = 0
    /// Zero-width elements the rest of the document may still materialize.
    private var zeroWidthBudget: Int

    private init(_ p: UnsafeBufferPointer<UInt8>) {
        self.p = p
        zeroWidthBudget = p.count
    }

    static func parse(_ bytes: [UInt8]) throws -> _JSONDocument {
        let root = try bytes.withUnsafeBufferPointer { buffer -> _JSONValue in
            var parser = _UBJSONParser(buffer)
            let marker = try parser.nextMarker()
            let value = try parser.parseValue(marker: marker, depth: 0)
            // Trailing no-ops are allowed; anything else is not.
            while parser.i < buffer.count, buffer[parser.i] == UInt8(ascii: "N") { parser.i += 1 }
            guard parser.i == buffer.count else { throw parser.error("unexpected data after the UBJSON value") }
            return value
        }
        return _JSONDocument(bytes: [], root: root, size: bytes.count)
    }

    private func error(_ message: String) -> ModelLoadingError {
        ModelLoadingError(.malformed, "invalid UBJSON: " + message, offset: i)
    }

    private var remaining: Int { p.count - i }

    private mutating func byte() throws -> UInt8 {
        guard i < p.count else { throw error("unexpected end of data") }
        let b = p[i]
        i += 1
        return b
    }

    /// The next marker, skipping `N` (no-op).
    private mutating func nextMarker() throws -> UInt8 {
        var m = try byte()
        while m == UInt8(ascii: "N") { m = try byte() }
        return m
    }

    private mutating func bigEndian(_ size: Int) throws -> UInt64 {
        guard remaining >= size else { throw error("truncated number") }
        var v: UInt64 = 0
        for k in 0..<size { v = v << 8 | UInt64(p[i + k]) }
        i += size
        return v
    }

    private static func size(of marker: UInt8) -> Int? {
        switch marker {
        case UInt8(ascii: "i"), UInt8(ascii: "U"), UInt8(ascii: "C"): return 1
        case UInt8(ascii: "I"): return 2
        case UInt8(ascii: "l"), UInt8(ascii: "d"): return 4
        case UInt8(ascii: "L"), UInt8(ascii: "D"): return 8
        case UInt8(ascii: "Z"), UInt8(ascii: "T"), UInt8(ascii: "F"): return 0
        default: return nil
        }
    }

    private mutating func integer(marker: UInt8) throws -> Int64? {
        switch marker {
        case UInt8(ascii: "i"): return Int64(Int8(bitPattern: UInt8(try bigEndian(1))))
        case UInt8(ascii: "U"): return Int64(try bigEndian(1))
        case UInt8(ascii: "I"): return Int64(Int16(bitPattern: UInt16(try bigEndian(2))))
        case UInt8(ascii: "l"): return Int64(Int32(bitPattern: UInt32(try bigEndian(4))))
        case UInt8(ascii: "L"): return Int64(bitPattern: try bigEndian(8))
        default: return nil
        }
    }

    /// A length or count: an integer marker and value, ≥ 0.
    private mutating func length() throws -> Int {
        let marker = try nextMarker()
        guard let n = try integer(marker: marker) else { throw error("expected an integer length") }
        guard n >= 0, n <= Int64(Int32.max) else { throw error("invalid length \(n)") }
        return Int(n)
    }

    private mutating func text(count: Int) throws -> String {
        guard count <= remaining else { throw error("string runs past the end of data") }
        let s = String(decoding: UnsafeBufferPointer(rebasing: p[i..<(i + count)]), as: UTF8.self)
        i += count
        return s
    }

    private mutating func parseValue(marker: UInt8, depth: Int) throws -> _JSONValue {
        guard depth <= Self.maximumDepth else {
            throw ModelLoadingError(.limitExceeded, "UBJSON nesting deeper than \(Self.maximumDepth)", offset: i)
        }
        switch marker {
        case UInt8(ascii: "Z"): return .null
        case UInt8(ascii: "T"): return .bool(true)
        case UInt8(ascii: "F"): return .bool(false)
        case UInt8(ascii: "i"), UInt8(ascii: "U"), UInt8(ascii: "I"), UInt8(ascii: "l"), UInt8(ascii: "L"):
            return .integer(try integer(marker: marker) ?? 0)
        case UInt8(ascii: "d"): return .float32(Float(bitPattern: UInt32(try bigEndian(4))))
        case UInt8(ascii: "D"): return .float64(Double(bitPattern: try bigEndian(8)))
        case UInt8(ascii: "C"): return .string(String(Unicode.Scalar(try byte())))
        case UInt8(ascii: "S"): return .string(try text(count: try length()))
        case UInt8(ascii: "H"):
            let s = try text(count: try length())
            guard let v = _NumberParsing.double(Substring(s)) else { throw error("invalid high-precision number") }
            return .float64(v)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        default:
            i -= 1
            throw error("unknown marker 0x\(String(marker, radix: 16))")
        }
    }

    /// Reads the optional `$type` and `#count` header of a container.
    private mutating func containerHeader() throws -> (type: UInt8?, count: Int?) {
        var type: UInt8?
        var count: Int?
        if i < p.count, p[i] == UInt8(ascii: "$") {
            i += 1
            type = try byte()
            guard i < p.count, p[i] == UInt8(ascii: "#") else { throw error("typed container without a count") }
        }
        if i < p.count, p[i] == UInt8(ascii: "#") {
            i += 1
            count = try length()
        }
        if let type, let count {
            // Every element occupies at least its type's size (containers and strings ≥ 1 byte).
            // Zero-size elements (null, true, false) are held to one byte each too, so a
            // short file cannot announce millions of them.
            let size = Self.size(of: type) ?? 1
            let (needed, overflow) = count.multipliedReportingOverflow(by: max(size, 1))
            guard !overflow, needed <= remaining else {
                throw error("container count \(count) exceeds the data")
            }
            if size == 0 {
                guard count <= zeroWidthBudget else {
                    throw ModelLoadingError(
                        .limitExceeded,
                        "typed containers of zero-width elements claim more than one element per byte of the "
                            + "\(p.count)-byte document (this one claims \(count), \(zeroWidthBudget) remain)", offset: i)
                }
                zeroWidthBudget -= count
            }
        } else if let count {
            guard count <= remaining else { throw error("container count \(count) exceeds the data") }
        }
        return (type, count)
    }

    private mutating func parseArray(depth: Int) throws -> _JSONValue {
        let (type, count) = try containerHeader()
        if let type, let count {
            switch type {
            case UInt8(ascii: "d"):
                var values = [Double](repeating: 0, count: count)
                for k in 0..<count { values[k] = Double(Float(bitPattern: UInt32(try bigEndian(4)))) }
                return .floats(values)
            case UInt8(ascii: "D"):
                var values = [Double](repeating: 0, count: count)
                for k in 0..<count { values[k] = Double(bitPattern: try bigEndian(8)) }
                return .floats(values)
            case UInt8(ascii: "i"), UInt8(ascii: "U"), UInt8(ascii: "I"), UInt8(ascii: "l"), UInt8(ascii: "L"):
                var values = [Int64](repeating: 0, count: count)
                for k in 0..<count { values[k] = try integer(marker: type) ?? 0 }
                return .integers(values)
            default:
                var values: [_JSONValue] = []
                values.reserveCapacity(min(count, 1 << 10))
                for _ in 0..<count { values.append(try parseValue(marker: type, depth: depth + 1)) }
                return .array(values)
            }
        }
        var values: [_JSONValue] = []
        if let count {
            values.reserveCapacity(min(count, 1 << 10))
            for _ in 0..<count { values.append(try parseValue(marker: try nextMarker(), depth: depth + 1)) }
            return .array(values)
        }
        while true {
            let marker = try nextMarker()
            if marker == UInt8(ascii: "]") { return .array(values) }
            values.append(try parseValue(marker: marker, depth: depth + 1))
        }
    }

    private mutating func parseObject(depth: Int) throws -> _JSONValue {
        let (type, count) = try containerHeader()
        var members: [_JSONMember] = []
        if let count {
            members.reserveCapacity(min(count, 1 << 10))
            for _ in 0..<count {
                let key = try text(count: try length())
                let marker = try type ?? nextMarker()
                members.append(_JSONMember(key: key, value: try parseValue(marker: marker, depth: depth + 1)))
            }
            return .object(members)
        }
        while true {
            guard i < p.count else { throw error("unterminated object") }
            while i < p.count, p[i] == UInt8(ascii: "N") { i += 1 }
            if i < p.count, p[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            let key = try text(count: try length())
            let marker = try nextMarker()
            members.append(_JSONMember(key: key, value: try parseValue(marker: marker, depth: depth + 1)))
        }
    }
}
