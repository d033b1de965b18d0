/// An element type of an `.npy` array that ``NPYArray`` reads and writes.
///
/// Multi-byte types are little-endian (`<`), as NumPy writes them on x86-64 and arm64.
/// Big-endian (`>`) and native-order (`=`) multi-byte descriptors are refused with
/// ``DataFormatError/Code/unsupported``, naming the descriptor; for one-byte types the byte
/// order character is irrelevant and any of `|`, `<`, `>`, `=` is accepted.
public enum NPYDataType: String, Sendable, Hashable, Codable, CaseIterable {
    /// IEEE 754 binary32 (`<f4`, NumPy `float32`).
    case float32
    /// IEEE 754 binary64 (`<f8`, NumPy `float64`).
    case float64
    /// Two's-complement 32-bit integer (`<i4`, NumPy `int32`).
    case int32
    /// Two's-complement 64-bit integer (`<i8`, NumPy `int64`).
    case int64
    /// Unsigned byte (`|u1`, NumPy `uint8`).
    case uint8
    /// Signed byte (`|i1`, NumPy `int8`).
    case int8
    /// Boolean, one byte per element (`|b1`, NumPy `bool`); any nonzero byte reads as `true`.
    case bool

    /// The size of one element in bytes.
    public var byteCount: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64, .int64: return 8
        case .uint8, .int8, .bool: return 1
        }
    }

    /// The NumPy descriptor written in headers (`<f4`, `<f8`, `<i4`, `<i8`, `|u1`, `|i1`, `|b1`),
    /// exactly as `numpy.save` writes it.
    public var descriptor: String {
        switch self {
        case .float32: return "<f4"
        case .float64: return "<f8"
        case .int32: return "<i4"
        case .int64: return "<i8"
        case .uint8: return "|u1"
        case .int8: return "|i1"
        case .bool: return "|b1"
        }
    }

    /// The type for a NumPy descriptor string, or `nil` when it is not one of the supported
    /// ones (including every big-endian multi-byte descriptor).
    public init?(descriptor: String) {
        let utf8 = Array(descriptor.utf8)
        guard utf8.count == 3, let order = utf8.first else { return nil }
        let kind = String(decoding: utf8[1...], as: UTF8.self)
        let oneByte: NPYDataType?
        switch kind {
        case "u1": oneByte = .uint8
        case "i1": oneByte = .int8
        case "b1": oneByte = .bool
        default: oneByte = nil
        }
        if let oneByte {
            guard
                order == UInt8(ascii: "|") || order == UInt8(ascii: "<") || order == UInt8(ascii: ">")
                    || order == UInt8(ascii: "=")
            else { return nil }
            self = oneByte
            return
        }
        guard order == UInt8(ascii: "<") else { return nil }
        switch kind {
        case "f4": self = .float32
        case "f8": self = .float64
        case "i4": self = .int32
        case "i8": self = .int64
        default: return nil
        }
    }
}
