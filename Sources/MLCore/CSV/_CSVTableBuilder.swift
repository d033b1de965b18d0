/// Builds the columns of a table from parsed batches committed in input order, then
/// re-reads the text of the batches some string columns need (see ``_CSVColumnBuilder``).
struct _CSVTableBuilder {
    let configuration: _CSVConfiguration
    let batches: [Range<Int>]
    var columns: [_CSVColumnBuilder]
    /// The first row of each committed batch, and one past the last committed row at the end.
    var firstRows: [Int] = [0]

    init(configuration: _CSVConfiguration, batches: [Range<Int>], expectedRows: Int) {
        self.configuration = configuration
        self.batches = batches
        columns = configuration.schemaTypes.map {
            var column = _CSVColumnBuilder(schemaType: $0, numericType: configuration.numericType)
            column.expectedRows = expectedRows
            return column
        }
        for c in columns.indices { columns[c].reserveForFixedKind() }
    }

    /// The number of batches committed so far (the next one to commit).
    var committedCount: Int { firstRows.count - 1 }

    var rowCount: Int { firstRows[firstRows.count - 1] }

    /// Appends the next batch in input order.
    mutating func commit(_ chunk: _ChunkResult) {
        let batch = committedCount
        for c in columns.indices {
            columns[c].commit(chunk.accumulators[c], rows: chunk.rows, batch: batch, committedBatches: 0..<batch)
        }
        firstRows.append(rowCount + chunk.rows)
    }

    /// The finished columns, after re-reading the text the string columns still need.
    /// - Throws: an issue when the re-read text is not valid UTF-8.
    mutating func finish(_ input: UnsafeBufferPointer<UInt8>) throws(_CSVIssue) -> [Column] {
        var wanted: [Int: [Int]] = [:]  // batch → columns
        for c in columns.indices {
            for batch in columns[c].pendingTextBatches { wanted[batch, default: []].append(c) }
        }
        for batch in wanted.keys.sorted() {
            guard let needed = wanted[batch] else { continue }
            let isWanted = Set(needed)
            let accumulators = (0..<configuration.columnCount).map { _ColumnAccumulator(extractingText: isWanted.contains($0)) }
            switch _UnsafeCSVChunkParser.parse(
                input, range: batches[batch], accumulators: accumulators, configuration: configuration)
            {
            case .success(let chunk):
                let first = firstRows[batch]
                for c in needed {
                    let text = chunk.accumulators[c].strings
                    columns[c].strings.replaceSubrange(first..<(first + text.count), with: text)
                }
            case .failure(let issue):
                throw issue
            }
        }
        return columns.map { $0.column(rows: rowCount) }
    }
}

extension _CSVColumnBuilder {
    /// Reserves storage for a column whose kind the schema fixes.
    mutating func reserveForFixedKind() {
        switch kind {
        case .int: ints.reserveCapacity(expectedRows)
        case .double: doubles.reserveCapacity(expectedRows)
        case .float: floats.reserveCapacity(expectedRows)
        case .string: strings.reserveCapacity(expectedRows)
        case .undetermined: break
        }
    }
}
