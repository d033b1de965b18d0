import Crypto

/// Streaming SHA-256 over a defined, canonical byte encoding of typed data, so the same
/// values give the same ``ContentHash`` however they were produced or loaded (a `Matrix`
/// built in code, read from CSV or from `.npy`).
///
/// **Canonical encoding, version 1.** Everything fed is appended to one byte stream; the
/// hash is SHA-256 of that stream.
/// - `UInt64`/`Int`: 8 bytes, little-endian (`Int` as two's complement).
/// - `String`: its UTF-8 byte count as a `UInt64`, then the UTF-8 bytes (as stored: no
///   Unicode normalization).
/// - `Float` / `Double` elements: the IEEE 754 bits, little-endian (4 / 8 bytes), after two
///   canonicalizations: **every NaN becomes the quiet NaN** `0x7FC00000` /
///   `0x7FF8000000000000` (a missing value is missing, whatever its payload), and **−0.0
///   becomes +0.0** (they compare equal). So two arrays hash equal exactly when they have
///   the same length and, element by element, are both NaN or `==`.
/// - A stream starts with its kind as a `String` (`init(kind:)`), e.g. `"mlops-matrix-v1"`.
///
/// **Columns** (the `combineColumn(named:_:)` overloads), the hook a
/// table hash uses (columns in order): the column name (`String`), a type tag (`String`:
/// `"f32"`, `"f64"`, `"i64"` or `"str"`), the value count (`UInt64`), then the values
/// (strings each length-prefixed as above).
///
/// ```swift
/// var hasher = ContentHasher(kind: "mlops-table-v1")
/// hasher.combineColumn(named: "age", [31, 45])
/// hasher.combineColumn(named: "city", ["Lyon", "Oslo"])
/// let hash = hasher.finalize()   // ContentHash, e.g. for a manifest
/// ```
///
/// Not thread-safe to share: give each task its own hasher (copies are independent).
// `@unchecked Sendable`: swift-crypto's `SHA256` is a copy-on-write value (its BoringSSL
// context is copied before a mutation when shared) that simply does not declare `Sendable`;
// a copy sent to another task is independent of the original.
public struct ContentHasher: @unchecked Sendable {
    private var sha = SHA256()
    private var pending: [UInt8] = []
    private static let flushThreshold = 1 << 16
    private static let chunk = 1 << 13

    /// A hasher whose stream starts with `kind` (a `String`), naming what is hashed and the
    /// encoding version, so different kinds of data never collide.
    public init(kind: String) {
        pending.reserveCapacity(Self.flushThreshold)
        combine(kind)
    }

    /// Appends `value` as 8 little-endian bytes.
    public mutating func combine(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { pending.append(contentsOf: $0) }
        flushIfFull()
    }

    /// Appends `value` as 8 little-endian two's-complement bytes.
    public mutating func combine(_ value: Int) { combine(UInt64(truncatingIfNeeded: value)) }

    /// Appends the UTF-8 byte count (as a `UInt64`) and the UTF-8 bytes of `string`.
    public mutating func combine(_ string: String) {
        var copy = string
        copy.withUTF8 { utf8 in
            combine(UInt64(utf8.count))
            pending.append(contentsOf: utf8)
        }
        flushIfFull()
    }

    /// Appends canonicalized `Float` elements (NaN → `0x7FC00000`, −0.0 → +0.0), 4 bytes each,
    /// without a count: frame them yourself (as a matrix does with its shape).
    public mutating func combine(elements values: UnsafeBufferPointer<Float>) {
        combineCanonical(values, as: UInt32.self) { x in x.isNaN ? 0x7FC0_0000 : (x == 0 ? 0 : x.bitPattern) }
    }

    /// Appends canonicalized `Double` elements (NaN → `0x7FF8000000000000`, −0.0 → +0.0),
    /// 8 bytes each, without a count.
    public mutating func combine(elements values: UnsafeBufferPointer<Double>) {
        combineCanonical(values, as: UInt64.self) { x in x.isNaN ? 0x7FF8_0000_0000_0000 : (x == 0 ? 0 : x.bitPattern) }
    }

    /// Appends a `Double` column: name, `"f64"`, count, canonical values.
    public mutating func combineColumn(named name: String, _ values: [Double]) {
        combineColumnHeader(name, "f64", values.count)
        values.withUnsafeBufferPointer { combine(elements: $0) }
    }

    /// Appends a `Float` column: name, `"f32"`, count, canonical values.
    public mutating func combineColumn(named name: String, _ values: [Float]) {
        combineColumnHeader(name, "f32", values.count)
        values.withUnsafeBufferPointer { combine(elements: $0) }
    }

    /// Appends an integer column: name, `"i64"`, count, values as little-endian two's complement.
    public mutating func combineColumn(named name: String, _ values: [Int]) {
        combineColumnHeader(name, "i64", values.count)
        values.withUnsafeBufferPointer { buffer in
            combineCanonical(buffer, as: UInt64.self) { UInt64(truncatingIfNeeded: $0) }
        }
    }

    /// Appends a string column: name, `"str"`, count, each value length-prefixed UTF-8.
    public mutating func combineColumn(named name: String, _ values: [String]) {
        combineColumnHeader(name, "str", values.count)
        for value in values { combine(value) }
    }

    /// The SHA-256 of everything combined so far. The hasher can keep going afterwards:
    /// finalizing works on a copy.
    public func finalize() -> ContentHash {
        var copy = sha
        pending.withUnsafeBytes { copy.update(bufferPointer: $0) }
        // A SHA-256 digest is always 32 bytes, so the failable initializer cannot fail.
        return ContentHash(uncheckedBytes: Array(copy.finalize()))
    }

    private mutating func combineColumnHeader(_ name: String, _ tag: String, _ count: Int) {
        combine(name)
        combine(tag)
        combine(UInt64(count))
    }

    private mutating func flushIfFull() {
        guard pending.count >= Self.flushThreshold else { return }
        flush()
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { sha.update(bufferPointer: $0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Maps each element to its canonical bits and feeds them little-endian, a chunk at a time.
    private mutating func combineCanonical<Element, Bits: FixedWidthInteger>(
        _ values: UnsafeBufferPointer<Element>, as _: Bits.Type, _ canonical: (Element) -> Bits
    ) {
        flush()
        withUnsafeTemporaryAllocation(of: Bits.self, capacity: Self.chunk) { scratch in
            var start = 0
            while start < values.count {
                let n = Swift.min(Self.chunk, values.count - start)
                for k in 0..<n { scratch[k] = canonical(values[start + k]).littleEndian }
                sha.update(
                    bufferPointer: UnsafeRawBufferPointer(
                        start: scratch.baseAddress, count: n * MemoryLayout<Bits>.size))
                start += n
            }
        }
    }
}

extension ContentHash {
    /// For digests our own code produced (always 32 bytes).
    init(uncheckedBytes bytes: [UInt8]) {
        precondition(bytes.count == 32, "internal: a SHA-256 digest has 32 bytes")
        self.bytes = bytes
    }
}
