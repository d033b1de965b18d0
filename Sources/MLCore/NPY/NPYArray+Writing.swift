extension NPYArray {
    /// The `.npy` header `numpy.save` writes for this array: format 1.0 (2.0 only for a header
    /// longer than 65 535 bytes), keys sorted, NumPy's spare space after the dict, padded
    /// with spaces and a final `\n` so the data starts at a multiple of 64 bytes.
    public var npyHeader: [UInt8] { _NPYHeader.encode(shape: shape, dataType: dataType) }

    /// The complete `.npy` file content, byte-identical to what `numpy.save` writes for the
    /// same dtype, shape and values (C order, little-endian).
    public func npyBytes() -> [UInt8] {
        var bytes = npyHeader
        withUnsafeElementBytes { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes the array as an `.npy` file (the bytes of ``npyBytes()``), creating or
    /// truncating `path` (mode 0644 before the umask). The elements are written from their
    /// storage without an intermediate copy. The write is not atomic: on failure the file
    /// may be left partial.
    /// - Throws: ``DataFormatError`` `.io` with the path when the file cannot be created or written.
    public func write(toFile path: String) throws {
        try _requireLittleEndianHost()
        let fd = _Platform.openForWriting(path, exclusive: false)
        guard fd >= 0 else { throw _NPYFileSource.ioError("cannot create", path: path) }
        var closed = false
        defer { if !closed { _Platform.closeFile(fd) } }
        try npyHeader.withUnsafeBytes { try _NPYFileSource.writeAll(fd, $0, path: path) }
        try withUnsafeElementBytes { try _NPYFileSource.writeAll(fd, $0, path: path) }
        closed = true
        guard _Platform.closeFile(fd) else { throw _NPYFileSource.ioError("cannot close", path: path) }
    }

    /// Calls `body` with the raw little-endian element bytes (a `Bool` is stored as 0 or 1,
    /// which is NumPy's `|b1` encoding).
    private func withUnsafeElementBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .float32(let v): return try v.withUnsafeBytes(body)
        case .float64(let v): return try v.withUnsafeBytes(body)
        case .int32(let v): return try v.withUnsafeBytes(body)
        case .int64(let v): return try v.withUnsafeBytes(body)
        case .uint8(let v): return try v.withUnsafeBytes(body)
        case .int8(let v): return try v.withUnsafeBytes(body)
        case .bool(let v): return try v.withUnsafeBytes(body)
        }
    }
}
