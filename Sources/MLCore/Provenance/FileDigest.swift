import Crypto
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streaming SHA-256 of files, for provenance (which bytes a model or a dataset came from).
///
/// The digest equals `sha256sum`'s. Files are read in 1 MiB chunks, so memory stays constant
/// whatever the file size.
public enum FileDigest {
    /// The lowercase hexadecimal SHA-256 of the file at `path`.
    /// - Throws: ``DataFormatError`` with code `.io` when the file cannot be opened or read
    ///   (missing, a directory, no permission).
    public static func sha256Hex(ofFileAt path: String) throws -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DataFormatError(.io, "cannot open: \(String(cString: strerror(errno)))", path: path)
        }
        defer { close(fd) }
        var hasher = SHA256()
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                throw DataFormatError(.io, "cannot read: \(String(cString: strerror(errno)))", path: path)
            }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return hexString(hasher.finalize())
    }

    /// The lowercase hexadecimal SHA-256 of `bytes`.
    public static func sha256Hex<Bytes: DataProtocol>(of bytes: Bytes) -> String {
        hexString(SHA256.hash(data: bytes))
    }

    static func hexString<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
