/// A byte buffer for ``CSVWriter``, optionally flushed to a file descriptor in blocks.
///
/// A `TextOutputStream` so numbers can print themselves into it: `Double` and `Float` then
/// hand their digits over through `_writeASCII` from a stack buffer, without allocating a
/// `String` per value (twice as fast as appending `description`).
struct _CSVByteSink: TextOutputStream {
    static let blockSize = 1 << 20
    var buffer: [UInt8] = []
    let descriptor: Int32?
    var path = ""

    init(descriptor: Int32?) {
        self.descriptor = descriptor
        buffer.reserveCapacity(descriptor == nil ? 1 << 12 : Self.blockSize + (1 << 12))
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) { buffer.append(byte) }

    @inline(__always)
    mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    mutating func write(_ string: String) { buffer.append(contentsOf: string.utf8) }

    /// The standard library's fast path for ASCII output (used by numbers' `write(to:)`).
    mutating func _writeASCII(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }

    /// Appends `text` in quotes, doubling the quotes inside.
    mutating func appendQuoted(_ text: String) {
        buffer.append(_Byte.quote)
        for byte in text.utf8 {
            buffer.append(byte)
            if byte == _Byte.quote { buffer.append(_Byte.quote) }
        }
        buffer.append(_Byte.quote)
    }

    /// Appends the shortest round-trip text of `value` (its `description`), nothing for NaN.
    @inline(__always)
    mutating func appendNumber<Scalar: BinaryFloatingPoint & TextOutputStreamable>(_ value: Scalar) {
        if !value.isNaN { value.write(to: &self) }
    }

    /// Appends the shortest round-trip text of `value` (its `description`, whole numbers with `.0`;
    /// decimals through ``ShortestDecimal``, which writes the same text faster), nothing for NaN.
    @inline(__always)
    mutating func appendNumber(_ value: Double) {
        if value.isNaN || ShortestDecimal.appendFraction(value, to: &buffer) { return }
        value.write(to: &self)
    }

    /// Appends the decimal digits of `value`.
    @inline(__always)
    mutating func appendInteger(_ value: Int) { append(value.description) }

    /// Writes the buffer to the file when it holds a block or more.
    mutating func flushIfFull() throws(DataFormatError) {
        if descriptor != nil && buffer.count >= Self.blockSize { try flush() }
    }

    /// Writes the whole buffer to the file (no-op without one).
    mutating func flush() throws(DataFormatError) {
        guard let descriptor else { return }
        let path = path
        let written = buffer.withUnsafeBytes { raw in
            Result { () throws(_FileSystem.Failure) in try _FileSystem.writeAll(raw, to: descriptor, path: path) }
        }
        if case .failure(let failure) = written { throw DataFormatError(.io, failure.message, path: path) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Opens (creates or truncates) `path`, lets `body` fill a sink flushed to it, closes it.
    static func writingFile(at path: String, _ body: (inout _CSVByteSink) throws(DataFormatError) -> Void)
        throws(DataFormatError)
    {
        let fd = _Platform.openForWriting(path, exclusive: false)
        guard fd >= 0 else {
            throw DataFormatError(.io, "cannot create: \(_Platform.errnoText())", path: path)
        }
        var sink = _CSVByteSink(descriptor: fd)
        sink.path = path
        do {
            try body(&sink)
            try sink.flush()
        } catch {
            _Platform.closeFile(fd)
            throw error
        }
        if !_Platform.closeFile(fd) {
            throw DataFormatError(.io, "cannot close: \(_Platform.errnoText())", path: path)
        }
    }
}
