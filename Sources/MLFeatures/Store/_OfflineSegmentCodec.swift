/// The bytes of an offline segment piece as the stores keep them (one blob per piece).
///
/// Little-endian: the magic `MLFS`, format 1 (UInt32), then UInt64 counts — rows, width,
/// entities, entity-key bytes — then each key's length (UInt32) and the keys' UTF-8 bytes, zero
/// bytes up to a multiple of 8 (so the arrays after them are 8-byte aligned in an aligned blob),
/// the entities' row ends (UInt64), event times (Int64 × rows), created times (Int64 × rows) and
/// the values (Float64 × rows × width, row-major).
///
/// Decoding checks everything a damaged or hostile blob could get wrong before it allocates:
/// the counts must account for the blob's length exactly (so it never allocates more than the
/// blob's own bytes), keys must be UTF-8, unique and in byte order, row ends increasing up to the
/// row count, and each entity's rows sorted by (event, created) — the order reads rely on.
enum _OfflineSegmentCodec {
    static let magic: [UInt8] = Array("MLFS".utf8)
    static let format: UInt32 = 1

    /// Why a blob does not decode.
    struct Damage: Error {
        let message: String
    }

    static func encode(_ segment: _OfflineSegment) -> [UInt8] {
        encode(segment, entities: 0..<segment.entities.count)
    }

    /// The piece made of `segment`'s entities `entities` (their rows), encoded straight from the
    /// segment's arrays.
    static func encode(_ segment: _OfflineSegment, entities: Range<Int>) -> [UInt8] {
        let keys = segment.entities[entities]
        let firstRow = entities.lowerBound == 0 ? 0 : segment.entityEnds[entities.lowerBound - 1]
        let endRow = entities.isEmpty ? firstRow : segment.entityEnds[entities.upperBound - 1]
        let rows = endRow - firstRow
        let width = segment.width
        var out: [UInt8] = magic
        out.reserveCapacity(48 + keys.count * 16 + rows * (16 + 8 * width))
        append(format, to: &out)
        let keyBytes = keys.reduce(0) { $0 + $1.utf8.count }
        for count in [rows, width, keys.count, keyBytes] {
            append(UInt64(count), to: &out)
        }
        for key in keys { append(UInt32(key.utf8.count), to: &out) }
        for key in keys { out.append(contentsOf: key.utf8) }
        while out.count % 8 != 0 { out.append(0) }
        for end in segment.entityEnds[entities] { append(UInt64(end - firstRow), to: &out) }
        appendRaw(segment.eventTimes[firstRow..<endRow], to: &out)
        appendRaw(segment.createdTimes[firstRow..<endRow], to: &out)
        appendRaw(segment.values[(firstRow * width)..<(endRow * width)], to: &out)
        return out
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendRaw<T>(_ values: ArraySlice<T>, to out: inout [UInt8]) {
        values.withUnsafeBytes { out.append(contentsOf: $0) }
    }

    /// The piece in `bytes`, which must have `width` values per row.
    /// - Throws: ``Damage`` naming what is wrong.
    static func decode(_ bytes: UnsafeRawBufferPointer, width: Int) throws(Damage) -> _OfflineSegment {
        var segment = _OfflineSegment(entities: [], entityEnds: [], eventTimes: [], createdTimes: [], values: [], width: width)
        try decode(bytes, appendingTo: &segment)
        return segment
    }

    /// Decodes the piece in `bytes` and appends it to `segment` (whose width it must have, and
    /// whose entities must all sort before the piece's), copying each array once. Nothing is
    /// appended when the piece is damaged.
    /// - Throws: ``Damage`` naming what is wrong.
    static func decode(_ bytes: UnsafeRawBufferPointer, appendingTo segment: inout _OfflineSegment) throws(Damage) {
        let expectedWidth = segment.width
        var reader = Reader(bytes: bytes)
        guard bytes.count >= 8, Array(bytes[0..<4]) == magic else { throw Damage(message: "not a segment (no MLFS magic)") }
        reader.offset = 4
        let version = try reader.uint32()
        guard version == format else { throw Damage(message: "segment format \(version) is not supported") }
        let rows = try reader.count()
        let width = try reader.count()
        let entityCount = try reader.count()
        let keyBytes = try reader.count()
        guard width == expectedWidth else {
            throw Damage(message: "segment has \(width) values per row, the view \(expectedWidth)")
        }
        // The counts must account for the blob exactly, before anything is allocated.
        // Header, key lengths and keys, padded to a multiple of 8; then row ends and the arrays.
        var expected = 4 + 4 + 32
        for (count, size) in [(entityCount, 4), (keyBytes, 1), (7, 1)] {
            let (part, o1) = count.multipliedReportingOverflow(by: size)
            let (sum, o2) = expected.addingReportingOverflow(part)
            guard !o1, !o2 else { throw Damage(message: "segment counts overflow") }
            expected = sum
        }
        expected = expected / 8 * 8
        let keysEnd = expected
        for (count, size) in [(entityCount, 8), (rows, 16)] {
            let (part, o1) = count.multipliedReportingOverflow(by: size)
            let (sum, o2) = expected.addingReportingOverflow(part)
            guard !o1, !o2 else { throw Damage(message: "segment counts overflow") }
            expected = sum
        }
        let (cells, o3) = rows.multipliedReportingOverflow(by: width)
        let (valueBytes, o4) = cells.multipliedReportingOverflow(by: 8)
        let (total, o5) = expected.addingReportingOverflow(valueBytes)
        guard !o3, !o4, !o5, total == bytes.count else {
            throw Damage(message: "segment of \(bytes.count) bytes declares \(rows) rows × \(width) values and \(entityCount) entities")
        }
        guard (rows == 0) == (entityCount == 0), entityCount <= rows else {
            throw Damage(message: "segment declares \(entityCount) entities for \(rows) rows")
        }
        var lengths: [Int] = []
        lengths.reserveCapacity(entityCount)
        var lengthSum = 0
        for _ in 0..<entityCount {
            let length = Int(try reader.uint32())
            lengthSum += length
            lengths.append(length)
        }
        guard lengthSum == keyBytes else { throw Damage(message: "entity key lengths do not add up to \(keyBytes) bytes") }
        var entities: [String] = []
        entities.reserveCapacity(entityCount)
        for (k, length) in lengths.enumerated() {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[reader.offset..<reader.offset + length])
            reader.offset += length
            guard length > 0, let key = String(validating: slice, as: UTF8.self) else {
                throw Damage(message: "entity \(k): the key is empty or not UTF-8")
            }
            if let previous = entities.last ?? (k == 0 ? segment.entities.last : nil),
                !previous.utf8.lexicographicallyPrecedes(key.utf8)
            {
                throw Damage(message: "entity \(k): keys are not unique and in order")
            }
            entities.append(key)
        }
        reader.offset = keysEnd
        var ends: [Int] = []
        ends.reserveCapacity(entityCount)
        var previousEnd = 0
        for k in 0..<entityCount {
            let end = try reader.count()
            guard end > previousEnd, end <= rows else { throw Damage(message: "entity \(k): row end \(end) out of order") }
            ends.append(end)
            previousEnd = end
        }
        guard previousEnd == rows else { throw Damage(message: "entity row ends stop at \(previousEnd) of \(rows) rows") }
        let eventsAt = reader.offset
        let createdAt = eventsAt + rows * 8
        let valuesAt = createdAt + rows * 8
        func time(_ at: Int, _ row: Int) -> Int64 {
            Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + row * 8, as: Int64.self))
        }
        var start = 0
        for (k, end) in ends.enumerated() {
            for row in (start + 1)..<max(start + 1, end)
            where (time(eventsAt, row), time(createdAt, row)) < (time(eventsAt, row - 1), time(createdAt, row - 1)) {
                throw Damage(message: "entity \(k): rows are not in time order")
            }
            start = end
        }
        let base = segment.rowCount
        segment.entities.append(contentsOf: entities)
        segment.entityEnds.append(contentsOf: ends.lazy.map { $0 + base })
        append(bytes, from: eventsAt, count: rows, to: &segment.eventTimes)
        append(bytes, from: createdAt, count: rows, to: &segment.createdTimes)
        append(bytes, from: valuesAt, count: cells, to: &segment.values)
    }

    /// Appends `count` little-endian values of `T` at byte `offset` of `bytes` to `array`: one
    /// copy when the bytes are aligned for `T` (the blob readers hand out aligned buffers), else
    /// element by element.
    private static func append<T: _LittleEndianLoadable>(
        _ bytes: UnsafeRawBufferPointer, from offset: Int, count: Int, to array: inout [T]
    ) {
        guard count > 0, let base = bytes.baseAddress else { return }
        let start = base + offset
        if Int(bitPattern: start) % MemoryLayout<T>.alignment == 0 {
            array.append(contentsOf: UnsafeBufferPointer(start: start.assumingMemoryBound(to: T.self), count: count))
        } else {
            for i in 0..<count { array.append(T.loadUnaligned(start + i * MemoryLayout<T>.stride)) }
        }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func uint32() throws(Damage) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw Damage(message: "segment truncated at byte \(offset)") }
            defer { offset += 4 }
            return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }

        mutating func count() throws(Damage) -> Int {
            guard offset + 8 <= bytes.count else { throw Damage(message: "segment truncated at byte \(offset)") }
            let value = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
            guard value <= UInt64(Int32.max) * 64 else { throw Damage(message: "count \(value) at byte \(offset - 8) is too large") }
            return Int(value)
        }
    }
}

/// A value the codec reads from raw little-endian bytes (this codec runs on little-endian hosts).
protocol _LittleEndianLoadable {
    static func loadUnaligned(_ pointer: UnsafeRawPointer) -> Self
}

extension Int64: _LittleEndianLoadable {
    static func loadUnaligned(_ pointer: UnsafeRawPointer) -> Int64 { pointer.loadUnaligned(as: Int64.self) }
}

extension Double: _LittleEndianLoadable {
    static func loadUnaligned(_ pointer: UnsafeRawPointer) -> Double { pointer.loadUnaligned(as: Double.self) }
}
