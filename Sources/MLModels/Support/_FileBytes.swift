#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files into memory without Foundation.
enum _FileBytes {
    /// Largest model file accepted (4 GiB).
    static let maximumSize = 1 << 32

    /// The bytes of the file at `path`.
    /// - Throws: ``ModelLoadingError`` `.io` when it cannot be opened or read,
    ///   `.limitExceeded` when it is larger than ``maximumSize``.
    static func contents(of path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ModelLoadingError(.io, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ModelLoadingError(.io, "cannot stat: \(String(cString: strerror(errno)))", file: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ModelLoadingError(.io, "not a regular file", file: path)
        }
        let size = Int(info.st_size)
        guard size <= maximumSize else {
            throw ModelLoadingError(.limitExceeded, "file is larger than 4 GiB", file: path)
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let n = bytes.withUnsafeMutableBytes { raw in
                _systemRead(fd, raw.baseAddress.map { $0 + offset }, size - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw ModelLoadingError(.io, "cannot read: \(String(cString: strerror(errno)))", file: path)
            }
            if n == 0 { break }
            offset += n
        }
        if offset < size { bytes.removeLast(size - offset) }
        return bytes
    }
}

/// The POSIX `read`, named apart from `_FileBytes.contents(of:)`.
private func _systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
