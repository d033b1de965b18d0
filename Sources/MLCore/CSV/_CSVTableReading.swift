import Dispatch
import FoundationEssentials
import Synchronization

/// One read of a CSV input into a ``Table``: the header, then batches of records parsed
/// (in parallel when there are several) and committed to the columns in input order.
struct _CSVTableReading {
    let reader: CSVReader

    /// The size of the batches the data is cut into (at record boundaries), each parsed on
    /// one thread: about 8 per thread so the threads stay busy, at least 256 KiB to amortize
    /// the per-batch work, at most 4 MiB so a batch's values are still in cache when they are
    /// appended to the table's columns. (The table does not depend on the batches.)
    static func batchBytes(dataBytes: Int, threads: Int) -> Int {
        min(4 << 20, max(256 << 10, dataBytes / (threads * 8)))
    }

    func read(_ input: UnsafeBufferPointer<UInt8>) throws(DataFormatError) -> Table {
        let delimiter = try validatedDelimiter()
        var start = 0
        if input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { start = 3 }
        guard start < input.count else {
            throw DataFormatError(.malformed, "empty input: no header row", line: 1)
        }
        let headerConfiguration = _CSVConfiguration(
            delimiter: delimiter, columnCount: 0, schemaTypes: [], numericType: reader.numericType,
            missing: _MissingTokens(reader.missingValues))
        var names: [String] = []
        var dataStart = 0
        do {
            try _UnsafeCSVChunkParser.withParser(
                input, range: start..<input.count, configuration: headerConfiguration
            ) { (parser) throws(_CSVIssue) in
                names = try parser.parseHeader()
                dataStart = parser.p - parser.base
            }
        } catch {
            throw error.error(in: input, names: [])
        }
        let schemaTypes = try checkedSchema(names)
        let configuration = _CSVConfiguration(
            delimiter: delimiter, columnCount: names.count, schemaTypes: schemaTypes,
            numericType: reader.numericType, missing: headerConfiguration.missing)

        let data = dataStart..<input.count
        let threads = max(1, reader.maximumThreads ?? ProcessInfo.processInfo.activeProcessorCount)
        let batchBytes = Self.batchBytes(dataBytes: data.count, threads: threads)
        let batches = _CSVChunking.ranges(input, data, count: max(1, data.count / batchBytes))
        let emptyBuilder = _CSVTableBuilder(
            configuration: configuration, batches: batches,
            expectedRows: _UnsafeCSVChunkParser.estimatedRows(input, data, columns: names.count))
        let initial = schemaTypes.map { _ColumnAccumulator(schemaType: $0) }
        var (builder, failure) = Self.parseInOrder(batches, threads: threads, builder: emptyBuilder) { range in
            _UnsafeCSVChunkParser.parse(input, range: range, accumulators: initial, configuration: configuration)
        }
        if let failure { throw failure.error(in: input, names: names) }
        do {
            return Table(uncheckedNames: names, columns: try builder.finish(input))
        } catch {
            throw error.error(in: input, names: names)
        }
    }

    private func validatedDelimiter() throws(DataFormatError) -> UInt8 {
        let scalar = reader.delimiter
        guard scalar.isASCII, scalar != "\"", scalar != "\r", scalar != "\n" else {
            throw DataFormatError(
                .unsupported, "delimiter must be one ASCII character other than quote, CR and LF, got '\(scalar)'")
        }
        return UInt8(truncatingIfNeeded: scalar.value)
    }

    /// Checks header names are unique and the schema only names header columns.
    private func checkedSchema(_ names: [String]) throws(DataFormatError) -> [ColumnType?] {
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if let first = seen[name] {
                throw DataFormatError(
                    .schema, "duplicate column name in the header (columns \(first + 1) and \(i + 1))",
                    line: 1, column: i + 1, field: name)
            }
            seen[name] = i
        }
        for name in reader.schema.keys.sorted() where seen[name] == nil {
            throw DataFormatError(
                .schema, "the schema names a column the header does not have (header: \(Table.preview(names)))",
                field: name)
        }
        return names.map { reader.schema[$0] }
    }

    /// Parses `batches` on up to `threads` threads and commits them to `builder` in order.
    /// Returns the builder and the issue of the first failing batch in input order, if any
    /// (later batches are then not committed). The builder is moved, not copied, so its
    /// reserved column storage is appended to in place.
    ///
    /// Workers claim batch indices from an atomic counter; a parsed batch waits in `pending`
    /// until the batches before it are committed, and whichever worker completes the next
    /// batch in order commits all the ready ones, under the lock. Nobody waits for anything
    /// but the lock, and the result does not depend on the thread count or on timing.
    static func parseInOrder(
        _ batches: [Range<Int>], threads: Int, builder: consuming _CSVTableBuilder,
        _ parse: (Range<Int>) -> Result<_ChunkResult, _CSVIssue>
    ) -> (builder: _CSVTableBuilder, failure: _CSVIssue?) {
        let workers = min(threads, batches.count)
        guard workers > 1 else {
            var builder = consume builder
            for range in batches {
                switch parse(range) {
                case .success(let chunk): builder.commit(chunk)
                case .failure(let issue): return (builder, issue)
                }
            }
            return (builder, nil)
        }
        struct Shared {
            var builder: _CSVTableBuilder
            var pending: [Int: Result<_ChunkResult, _CSVIssue>] = [:]
            var failure: _CSVIssue?
        }
        let state = Mutex(Shared(builder: consume builder))
        let next = Atomic<Int>(0)
        let stopAt = Atomic<Int>(Int.max)  // a batch that failed: later ones need not be parsed
        withoutActuallyEscaping(parse) { parse in
            let shared = _UnsafeSendableBox(_BatchWork(batches: batches, parse: parse))
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                let work = shared.value
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if i >= work.batches.count || i > stopAt.load(ordering: .relaxed) { break }
                    let result = work.parse(work.batches[i])
                    if case .failure = result { stopAt.min(i, ordering: .relaxed) }
                    state.withLock { state in
                        state.pending[i] = result
                        while state.failure == nil,
                            let ready = state.pending.removeValue(forKey: state.builder.committedCount)
                        {
                            switch ready {
                            case .success(let chunk): state.builder.commit(chunk)
                            case .failure(let issue): state.failure = issue
                            }
                        }
                    }
                }
            }
        }
        return state.withLock { state in (state.builder, state.failure) }
    }
}

/// The batches and the parse function the workers share.
struct _BatchWork {
    let batches: [Range<Int>]
    let parse: (Range<Int>) -> Result<_ChunkResult, _CSVIssue>
}

/// Hands non-`Sendable` values to the workers of one `DispatchQueue.concurrentPerform` call.
///
/// `@unchecked Sendable` is safe for its single use in
/// ``_CSVTableReading/parseInOrder(_:threads:builder:_:)``: the workers only read the batch
/// ranges and call the parse closure, which only reads the input buffer and the shared
/// configuration (nobody writes them during the call); everything they produce goes through
/// the mutex; and `concurrentPerform` returns only after every worker has finished, before
/// the input can be freed.
struct _UnsafeSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
