/// The bytes of an offline segment piece as the stores keep them (one blob per piece).
///
/// Little-endian: the magic `MLFS`, format 1 (UInt32), then UInt64 counts — rows, width,
/// entities, entity-key bytes — then each key's length (UInt32) and the keys' UTF-8 bytes, the
/// entities' row ends (UInt64), event times (Int64 × rows), created times (Int64 × rows) and the
/// values (Float64 × rows × width, row-major).
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
        var out: [UInt8] = magic
        out.reserveCapacity(48 + segment.entities.count * 16 + segment.rowCount * (16 + 8 * segment.width))
        append(format, to: &out)
        let keyBytes = segment.entities.reduce(0) { $0 + $1.utf8.count }
        for count in [segment.rowCount, segment.width, segment.entities.count, keyBytes] {
            append(UInt64(count), to: &out)
        }
        for key in segment.entities { append(UInt32(key.utf8.count), to: &out) }
        for key in segment.entities { out.append(contentsOf: key.utf8) }
        for end in segment.entityEnds { append(UInt64(end), to: &out) }
        appendRaw(segment.eventTimes, to: &out)
        appendRaw(segment.createdTimes, to: &out)
        appendRaw(segment.values, to: &out)
        return out
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendRaw<T>(_ values: [T], to out: inout [UInt8]) {
        values.withUnsafeBytes { out.append(contentsOf: $0) }
    }

    /// The piece in `bytes`, which must have `width` values per row.
    /// - Throws: ``Damage`` naming what is wrong.
    static func decode(_ bytes: UnsafeRawBufferPointer, width expectedWidth: Int) throws(Damage) -> _OfflineSegment {
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
        var expected = 4 + 4 + 32
        for (count, size) in [(entityCount, 4), (keyBytes, 1), (entityCount, 8), (rows, 16)] {
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
            if let previous = entities.last, !previous.utf8.lexicographicallyPrecedes(key.utf8) {
                throw Damage(message: "entity \(k): keys are not unique and in order")
            }
            entities.append(key)
        }
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
        let events: [Int64] = reader.raw(rows)
        let created: [Int64] = reader.raw(rows)
        let values: [Double] = reader.raw(cells)
        var start = 0
        for (k, end) in ends.enumerated() {
            for row in (start + 1)..<max(start + 1, end)
            where (events[row], created[row]) < (events[row - 1], created[row - 1]) {
                throw Damage(message: "entity \(k): rows are not in time order")
            }
            start = end
        }
        return _OfflineSegment(
            entities: entities, entityEnds: ends, eventTimes: events, createdTimes: created, values: values, width: width)
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

        /// `count` values of `T` copied out (the length was checked against the blob's size).
        mutating func raw<T>(_ count: Int) -> [T] {
            let size = count * MemoryLayout<T>.stride
            let out = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size]))
                initialized = count
            }
            offset += size
            return out
        }
    }
}
