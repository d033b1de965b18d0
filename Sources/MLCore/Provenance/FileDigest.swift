import Crypto
import FoundationEssentials

/// Streaming SHA-256 of files, for provenance (which bytes a model or a dataset came from).
///
/// The digest equals `sha256sum`'s. Files are read in 1 MiB chunks, so memory stays constant
/// whatever the file size.
public enum FileDigest {
    /// The lowercase hexadecimal SHA-256 of the file at `path`.
    /// - Throws: ``DataFormatError`` with code `.io` when the file cannot be opened or read
    ///   (missing, a directory, no permission).
    public static func sha256Hex(ofFileAt path: String) throws -> String {
        let fd = _Platform.openForReading(path)
        guard fd >= 0 else {
            throw DataFormatError(.io, "cannot open: \(_Platform.errnoText())", path: path)
        }
        defer { _Platform.closeFile(fd) }
        var hasher = SHA256()
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = _Platform.readSome(fd, into: buffer.baseAddress, count: chunk)
            if n < 0 {
                if _Platform.wasInterrupted { continue }
                throw DataFormatError(.io, "cannot read: \(_Platform.errnoText())", path: path)
            }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return _SHA256Hex.hex(hasher.finalize())
    }

    /// The lowercase hexadecimal SHA-256 of `bytes`.
    public static func sha256Hex<Bytes: DataProtocol>(of bytes: Bytes) -> String {
        _SHA256Hex.hex(SHA256.hash(data: bytes))
    }
}
