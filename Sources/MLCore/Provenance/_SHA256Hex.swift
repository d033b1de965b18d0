import Crypto

/// SHA-256 digests as 64 lowercase hexadecimal digits (as `sha256sum` prints them), and
/// lowercase hex of any bytes, once for the SDK.
package enum _SHA256Hex {
    /// The lowercase hexadecimal SHA-256 of `bytes`.
    package static func digest(of bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The lowercase hexadecimal SHA-256 of `text`'s UTF-8 bytes.
    package static func digest(ofText text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    /// Two lowercase hexadecimal digits per byte.
    package static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digit(byte >> 4))
            out.append(digit(byte & 0x0f))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is 64 lowercase hexadecimal digits.
    package static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
