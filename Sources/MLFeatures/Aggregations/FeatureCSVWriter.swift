import Dispatch
import MLCore
import Synchronization

/// Writes per-event features as CSV: optional leading text columns (copied as they are), then a
/// matrix of numbers, one row per event — formatted on several threads.
///
/// Written so ``CSVReader`` (and pandas) read the same numbers back:
/// - NaN (missing) as an empty field;
/// - a whole number below 2⁵³ in magnitude as an integer (`3`, `-12`, `0`; `-0.0` as `-0`),
///   so counts print as integers;
/// - any other value in the shortest text that reads back to the same bits (Swift's
///   `description`: `0.1`, `123.45000000000002`, `1e-05`, `inf`);
/// - text quoted only when it holds a comma, a quote, CR or LF (quotes doubled); a missing text
///   value as an empty field. Header names likewise.
///
/// Records end with `\n`. Why not ``CSVWriter``: it formats on one thread and quotes every text
/// value; 2 million events × 25 features is about 50 million numbers, which this writer formats
/// in parallel blocks of rows and writes in order (the output is the same for any thread count).
public struct FeatureCSVWriter: Sendable {
    /// The most threads to format with (≥ 1); nil uses every online processor.
    public var maximumThreads: Int?

    /// Rows formatted per block.
    static let blockRows = 8_192

    public init(maximumThreads: Int? = nil) {
        self.maximumThreads = maximumThreads
    }

    /// Writes the features of events in input row order to `path` (created or truncated).
    /// - Parameters:
    ///   - features: the events' features; `names` names them.
    ///   - names: the feature column names.
    ///   - leading: text columns written first, each with `features.rowCount` values (nil: empty field).
    /// - Throws: ``FeatureError`` `.invalidInput` for names or columns that do not fit;
    ///   `DataFormatError` `.io` (with `path`) when the file cannot be written.
    public func write(
        _ features: EventFeatures, names: [String], leading: [(name: String, values: [String?])] = [], to path: String
    ) throws {
        let layout = _Layout(
            rows: features.rowCount, width: features.featureCount, storage: features.storage, positions: features.positions)
        try write(layout, names: names, leading: leading, to: path)
    }

    /// Writes the CSV to `path` (created or truncated).
    /// - Parameters:
    ///   - features: `rows × names.count` values, row-major.
    ///   - names: the feature column names.
    ///   - leading: text columns written first, each with `rows` values (nil: empty field).
    ///   - trailing: text columns written after the numbers, likewise.
    /// - Throws: ``FeatureError`` `.invalidInput` for names or columns that do not fit the matrix;
    ///   `DataFormatError` `.io` (with `path`) when the file cannot be written.
    public func write(
        _ features: Matrix<Double>, names: [String], leading: [(name: String, values: [String?])] = [],
        trailing: [(name: String, values: [String?])] = [], to path: String
    ) throws {
        try write(_Layout(features), names: names, leading: leading, trailing: trailing, to: path)
    }

    private func write(
        _ features: _Layout, names: [String], leading: [(name: String, values: [String?])],
        trailing: [(name: String, values: [String?])] = [], to path: String
    ) throws {
        try validate(features, names: names, leading: leading + trailing)
        let fd = _Platform.openForWriting(path, exclusive: false)
        guard fd >= 0 else { throw DataFormatError(.io, "cannot create: \(_Platform.errnoText())", path: path) }
        do {
            try encode(features, names: names, leading: leading, trailing: trailing) { block in
                try block.withUnsafeBytes { raw in
                    do {
                        try _FileSystem.writeAll(raw, to: fd, path: path)
                    } catch let failure as _FileSystem.Failure {
                        throw DataFormatError(.io, failure.message, path: path)
                    }
                }
            }
        } catch {
            _ = _Platform.closeFile(fd)
            throw error
        }
        guard _Platform.closeFile(fd) else {
            throw DataFormatError(.io, "cannot close: \(_Platform.errnoText())", path: path)
        }
    }

    /// The CSV bytes (see ``write(_:names:leading:to:)``).
    /// - Throws: ``FeatureError`` `.invalidInput` for names or columns that do not fit the matrix.
    public func bytes(
        _ features: Matrix<Double>, names: [String], leading: [(name: String, values: [String?])] = []
    ) throws -> [UInt8] {
        let layout = _Layout(features)
        try validate(layout, names: names, leading: leading)
        var out: [UInt8] = []
        try encode(layout, names: names, leading: leading, trailing: []) { out.append(contentsOf: $0) }
        return out
    }

    /// Where row `i`'s values are: `storage[positions[i] × width ..< +width]` (positions nil: `i`).
    struct _Layout: Sendable {
        let rows: Int
        let width: Int
        let storage: [Double]
        let positions: [Int]?

        init(rows: Int, width: Int, storage: [Double], positions: [Int]?) {
            self.rows = rows
            self.width = width
            self.storage = storage
            self.positions = positions
        }

        init(_ matrix: Matrix<Double>) {
            self.init(rows: matrix.rows, width: matrix.columns, storage: matrix.elements, positions: nil)
        }
    }

    private func validate(_ features: _Layout, names: [String], leading: [(name: String, values: [String?])]) throws {
        guard names.count == features.width else {
            throw FeatureError(.invalidInput, "\(names.count) names for \(features.width) columns", argument: "names")
        }
        for column in leading where column.values.count != features.rows {
            throw FeatureError(
                .invalidInput, "has \(column.values.count) rows, the features \(features.rows)", argument: column.name)
        }
    }

    private func encode(
        _ features: _Layout, names: [String], leading: [(name: String, values: [String?])],
        trailing: [(name: String, values: [String?])], _ emit: ([UInt8]) throws -> Void
    ) throws {
        var header = _TextSink()
        for (i, name) in (leading.map(\.name) + names + trailing.map(\.name)).enumerated() {
            if i > 0 { header.bytes.append(UInt8(ascii: ",")) }
            header.appendText(name)
        }
        header.bytes.append(UInt8(ascii: "\n"))
        try emit(header.bytes)

        let rows = features.rows
        let blocks = (rows + Self.blockRows - 1) / Self.blockRows
        let threads = Swift.max(1, Swift.min(maximumThreads ?? _Platform.onlineProcessors ?? 1, blocks))
        let elements = features.storage
        let positions = features.positions
        let width = features.width
        let texts = leading.map(\.values)
        let after = trailing.map(\.values)
        let format: @Sendable (Int) -> [UInt8] = { block in
            var sink = _TextSink()
            let lower = block * Self.blockRows
            let upper = Swift.min(rows, lower + Self.blockRows)
            sink.bytes.reserveCapacity((upper - lower) * (width * 12 + 16))
            for row in lower..<upper {
                var first = true
                for column in texts {
                    if !first { sink.bytes.append(UInt8(ascii: ",")) }
                    first = false
                    if let text = column[row] { sink.appendText(text) }
                }
                let base = (positions?[row] ?? row) * width
                for j in 0..<width {
                    if !first { sink.bytes.append(UInt8(ascii: ",")) }
                    first = false
                    sink.appendNumber(elements[base + j])
                }
                for column in after {
                    if !first { sink.bytes.append(UInt8(ascii: ",")) }
                    first = false
                    if let text = column[row] { sink.appendText(text) }
                }
                sink.bytes.append(UInt8(ascii: "\n"))
            }
            return sink.bytes
        }
        if threads == 1 {
            for block in 0..<blocks { try emit(format(block)) }
            return
        }
        // Rounds of `threads × 2` blocks: formatted in parallel, then written in order.
        let perRound = threads * 2
        var round = 0
        while round < blocks {
            let count = Swift.min(perRound, blocks - round)
            let first = round
            let results = Mutex<[[UInt8]]>(Array(repeating: [], count: count))
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: Swift.min(threads, count)) { _ in
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if i >= count { break }
                    let bytes = format(first + i)
                    results.withLock { $0[i] = bytes }
                }
            }
            for bytes in results.withLock({ $0 }) { try emit(bytes) }
            round += count
        }
    }
}

/// A byte buffer that numbers print themselves into (`Double.write(to:)` hands its digits over
/// through `_writeASCII` from a stack buffer, without a `String` per value).
struct _TextSink: TextOutputStream {
    var bytes: [UInt8] = []

    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    /// The standard library's fast path for ASCII output (used by numbers' `write(to:)`).
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    /// Appends `x`: nothing for NaN; else its shortest text that reads back as `x`, whole numbers
    /// below 2⁵³ as integers (``ShortestDecimal``, a few ns a value, for integers and decimals
    /// with up to 9 fraction digits; Swift's `description`, ~100 ns, for the rest).
    @inline(__always)
    mutating func appendNumber(_ x: Double) {
        if x.isNaN { return }
        if ShortestDecimal.append(x, to: &bytes) { return }
        x.write(to: &self)
    }

    /// Appends `text`, quoted (quotes doubled) when it holds a comma, a quote, CR or LF.
    mutating func appendText(_ text: String) {
        let utf8 = text.utf8
        let needsQuotes = utf8.contains { (byte: UInt8) -> Bool in byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(0x22)
        for byte in utf8 {
            bytes.append(byte)
            if byte == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
    }
}
