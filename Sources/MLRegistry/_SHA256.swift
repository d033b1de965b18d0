import Crypto

/// SHA-256 of in-memory bytes.
enum _SHA256 {
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    static func hex(_ text: String) -> String {
        _FileIO.hex(SHA256.hash(data: Array(text.utf8)))
    }
}
