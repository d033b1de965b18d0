import MLCore

/// The canonical byte encoding of a fitted calibrator, hashed into its content hash.
///
/// Independent of any JSON formatting: a format tag, the calibrator kind, then each parameter
/// in a fixed order — integers and doubles as 8 big-endian bytes (doubles by IEEE-754 bit
/// pattern), booleans as one byte, strings and arrays prefixed by their count. Two calibrators
/// with equal parameters have equal hashes, and any change to a parameter changes the hash.
struct _CanonicalEncoding {
    private(set) var bytes: [UInt8] = []

    init(kind: String) {
        append("swift-mlops/calibrator/v1")
        append(kind)
    }

    /// The content hash of a `kind` calibrator whose parameters `parameters` appends in its
    /// fixed order: the lowercase hex SHA-256 of the encoding.
    static func contentHash(kind: String, _ parameters: (inout _CanonicalEncoding) -> Void) -> String {
        var encoding = _CanonicalEncoding(kind: kind)
        parameters(&encoding)
        return encoding.sha256Hex
    }

    mutating func append(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func append(_ value: Int) { append(UInt64(bitPattern: Int64(value))) }
    mutating func append(_ value: Double) { append(value.bitPattern) }
    mutating func append(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func append(_ value: String) {
        let utf8 = Array(value.utf8)
        append(utf8.count)
        bytes += utf8
    }

    mutating func append(_ values: [Double]) {
        append(values.count)
        for v in values { append(v) }
    }

    mutating func append(_ values: [Int]) {
        append(values.count)
        for v in values { append(v) }
    }

    mutating func append(optional value: Double?) {
        append(value != nil)
        if let value { append(value) }
    }

    /// Lowercase hexadecimal SHA-256 of the bytes.
    var sha256Hex: String { _SHA256Hex.digest(of: bytes) }
}

/// Shared check for decoding: the stored hash must equal the recomputed one.
enum _HashCheck {
    static func verify(stored: String, computed: String, kind: String) throws {
        guard stored == computed else {
            throw CalibrationError(
                .hashMismatch,
                "content hash mismatch for \(kind): stored \(stored.prefix(16))…, parameters hash to \(computed.prefix(16))…",
                field: "contentHash")
        }
    }
}
