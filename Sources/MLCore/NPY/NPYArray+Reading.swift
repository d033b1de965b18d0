extension NPYArray {
    /// Reads an `.npy` file (format 1.0, 2.0 or 3.0).
    ///
    /// The data is read with one `pread` (chunked above 1 GiB) straight into the final typed
    /// storage: no intermediate buffer and no per-element work (except `bool`, which is
    /// normalized to `false`/`true`). Bytes after the announced data are ignored, as NumPy
    /// does (`np.save` can append several arrays to one file). Pipes and devices are read to
    /// their end first.
    ///
    /// - Throws: ``DataFormatError`` with the file's `path` and the header `field` involved:
    ///   `.io` (cannot open or read); `.malformed` (bad magic, a header that is not a valid
    ///   dictionary literal, missing/duplicate/unknown keys, a negative dimension, a header
    ///   longer than 1 MiB); `.unsupported` (format version other than 1.0/2.0/3.0, a dtype
    ///   other than those of ``NPYDataType`` including every big-endian one, structured
    ///   dtypes, `fortran_order: True`); `.truncated` (the file ends inside the preamble,
    ///   header or data; the message gives expected vs. available bytes).
    public init(contentsOfFile path: String) throws {
        do {
            let array = try _NPYFileSource.withFile(path: path) { file -> NPYArray in
                if let file { return try NPYArray._read(from: file) }
                let bytes = try _NPYFileSource.readAll(path: path)
                return try NPYArray(npyBytes: bytes)
            }
            self = array
        } catch let error as DataFormatError {
            throw error.path == nil ? error.at(path: path) : error
        }
    }

    /// Parses `.npy` bytes held in memory (the whole content of a file).
    /// - Throws: ``DataFormatError`` as ``init(contentsOfFile:)`` does, without a path.
    public init(npyBytes: [UInt8]) throws {
        self = try npyBytes.withUnsafeBytes { try NPYArray._read(from: _NPYMemorySource(bytes: $0)) }
    }

    static func _read(from source: some _NPYByteSource) throws -> NPYArray {
        try _requireLittleEndianHost()
        var prefix = [UInt8](repeating: 0, count: _NPYHeader.longestPreamble)
        let prefixCount = try prefix.withUnsafeMutableBytes { try source.read(at: 0, into: $0) }
        prefix.removeLast(prefix.count - prefixCount)
        let (major, headerLength, preambleLength) = try _NPYHeader.parsePreamble(prefix)

        let available = source.byteCount - preambleLength
        guard available >= headerLength else {
            throw DataFormatError(
                .truncated,
                "header announces \(headerLength) bytes but the file has \(Swift.max(0, available)) after the preamble",
                field: "header")
        }
        var headerBytes = [UInt8](repeating: 0, count: headerLength)
        let got = try headerBytes.withUnsafeMutableBytes { try source.read(at: preambleLength, into: $0) }
        guard got == headerLength else {
            throw DataFormatError(
                .truncated, "header announces \(headerLength) bytes, read \(got)", field: "header")
        }
        let header = try _NPYHeader.parse(
            header: headerBytes, major: major, dataOffset: preambleLength + headerLength)

        let dataAvailable = source.byteCount - header.dataOffset
        guard dataAvailable >= header.dataByteCount else {
            throw DataFormatError(
                .truncated,
                "data is \(dataAvailable) bytes but shape \(_NPYHeader.describe(header.shape)) of "
                    + "\(header.dataType.descriptor) needs \(header.dataByteCount) bytes",
                field: "data")
        }
        let storage: Storage
        switch header.dataType {
        case .float32: storage = .float32(try _readElements(Float.self, header, source))
        case .float64: storage = .float64(try _readElements(Double.self, header, source))
        case .int32: storage = .int32(try _readElements(Int32.self, header, source))
        case .int64: storage = .int64(try _readElements(Int64.self, header, source))
        case .uint8: storage = .uint8(try _readElements(UInt8.self, header, source))
        case .int8: storage = .int8(try _readElements(Int8.self, header, source))
        case .bool:
            // Read as bytes: a Swift `Bool` must hold exactly 0 or 1, a file's byte may not.
            storage = .bool(try _readElements(UInt8.self, header, source).map { $0 != 0 })
        }
        return NPYArray(validatedShape: header.shape, storage: storage)
    }

    /// Reads `header.elementCount` little-endian elements into a new array, in one read.
    private static func _readElements<T: BitwiseCopyable>(
        _: T.Type, _ header: _NPYHeader, _ source: some _NPYByteSource
    ) throws -> [T] {
        precondition(MemoryLayout<T>.stride == header.dataType.byteCount, "internal dtype size error")
        return try [T](unsafeUninitializedCapacity: header.elementCount) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            _Platform.adviseHugePages(raw)
            let got = try source.read(at: header.dataOffset, into: raw)
            guard got == raw.count else {
                throw DataFormatError(
                    .truncated, "data ended after \(got) of \(raw.count) bytes (file changed while reading?)",
                    field: "data")
            }
            initialized = header.elementCount
        }
    }
}

/// Throws on big-endian hosts: the readers and writers copy little-endian bytes as they are.
func _requireLittleEndianHost() throws {
    #if _endian(big)
        throw DataFormatError(.unsupported, "NPY I/O needs a little-endian host", field: "descr")
    #endif
}
