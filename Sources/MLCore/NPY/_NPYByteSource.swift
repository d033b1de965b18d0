#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where `.npy` bytes come from: an open regular file (read with `pread`, straight into the
/// destination storage) or bytes already in memory. All offsets are from the file's start.
protocol _NPYByteSource {
    /// Total size in bytes.
    var byteCount: Int { get }
    /// Copies up to `buffer.count` bytes from `offset` into `buffer`; returns how many were
    /// copied (fewer only at the end of the data).
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A regular file open for reading. The size is taken from `fstat` once, so a header that
/// announces more data than the file has is refused before anything is allocated. The
/// caller owns the descriptor (see ``withFile(path:_:)``).
struct _NPYFileSource: _NPYByteSource {
    let descriptor: Int32
    let byteCount: Int
    let path: String

    /// Opens `path` read-only and calls `body` with the source, or with `nil` when `path` is
    /// not a regular file (a pipe or a device, which must be read to the end instead).
    /// - Throws: ``DataFormatError`` `.io` when it cannot be opened or inspected; what `body` throws.
    static func withFile<R>(path: String, _ body: (_NPYFileSource?) throws -> R) throws -> R {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError("cannot open", path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ioError("cannot stat", path: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return try body(nil) }
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        return try body(_NPYFileSource(descriptor: fd, byteCount: Int(info.st_size), path: path))
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var done = 0
        while done < buffer.count {
            // Linux transfers at most 0x7ffff000 bytes per call; loop for larger reads.
            let chunk = Swift.min(buffer.count - done, 1 << 30)
            let n = pread(descriptor, buffer.baseAddress.map { $0 + done }, chunk, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.ioError("cannot read", path: path)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    static func ioError(_ what: String, path: String) -> DataFormatError {
        DataFormatError(.io, "\(what): \(String(cString: strerror(errno)))", path: path)
    }

    /// Reads a non-seekable file (a pipe, a character device) to its end.
    static func readAll(path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError("cannot open", path: path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { _posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError("cannot read", path: path)
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress.map { $0 + done }, Swift.min(bytes.count - done, 1 << 30))
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError("cannot write", path: path)
            }
            done += n
        }
    }
}

/// Bytes in memory.
struct _NPYMemorySource: _NPYByteSource {
    let bytes: UnsafeRawBufferPointer
    var byteCount: Int { bytes.count }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard offset >= 0, offset < bytes.count else { return 0 }
        let n = Swift.min(buffer.count, bytes.count - offset)
        if n > 0, let source = bytes.baseAddress, let destination = buffer.baseAddress {
            destination.copyMemory(from: source + offset, byteCount: n)
        }
        return n
    }
}

/// POSIX `read`, named so that it is not shadowed by the sources' `read(at:into:)`.
private func _posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
