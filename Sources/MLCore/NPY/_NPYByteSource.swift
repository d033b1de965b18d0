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
        let fd = _Platform.openForReading(path)
        guard fd >= 0 else { throw ioError("cannot open", path: path) }
        defer { _Platform.closeFile(fd) }
        guard let status = _Platform.status(of: fd) else { throw ioError("cannot stat", path: path) }
        guard status.kind == .regular else { return try body(nil) }
        _Platform.adviseSequentialReading(fd)
        return try body(_NPYFileSource(descriptor: fd, byteCount: status.size, path: path))
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var done = 0
        while done < buffer.count {
            // Linux transfers at most 0x7ffff000 bytes per call; loop for larger reads.
            let chunk = Swift.min(buffer.count - done, 1 << 30)
            let n = _Platform.readSome(descriptor, into: buffer.baseAddress.map { $0 + done }, count: chunk, at: offset + done)
            if n < 0 {
                if _Platform.wasInterrupted { continue }
                throw Self.ioError("cannot read", path: path)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    static func ioError(_ what: String, path: String) -> DataFormatError {
        DataFormatError(.io, "\(what): \(_Platform.errnoText())", path: path)
    }

    /// Reads a non-seekable file (a pipe, a character device) to its end.
    static func readAll(path: String) throws -> [UInt8] {
        do {
            return try _FileSystem.readBytes(atPath: path)
        } catch {
            throw DataFormatError(.io, error.message, path: path)
        }
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        do {
            try _FileSystem.writeAll(bytes, to: fd, path: path)
        } catch {
            throw DataFormatError(.io, error.message, path: path)
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
