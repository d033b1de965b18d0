/// One column of the table being built, fed batch by batch in input order.
///
/// An inferred column's type is the widest kind any batch reached (`undetermined` < `int` <
/// `double`/`float` < text), so it does not depend on how the input was cut into batches.
/// Values are appended as batches commit; a column that turns out to be text after numbers
/// (or after quoted missing tokens, which are text in a string column) lists the batches
/// whose text must be read again (``pendingTextBatches``), and holds `nil` placeholders there.
struct _CSVColumnBuilder {
    enum Kind { case undetermined, int, double, float, string }

    let isFloatMode: Bool
    var kind: Kind = .undetermined
    /// Rows committed while `undetermined` (all missing).
    var missingRows = 0
    /// Whether a quoted missing token was committed while `undetermined`.
    var sawQuotedMissing = false
    /// Rows to reserve storage for when the column gets a type.
    var expectedRows = 0
    var ints: [Int?] = []
    var doubles: [Double] = []
    var floats: [Float] = []
    var strings: [String?] = []
    /// Batches whose text must be re-read into `strings` (string columns only).
    var pendingTextBatches: [Int] = []

    init(schemaType: ColumnType?, numericType: CSVReader.NumericType) {
        isFloatMode = numericType == .float
        switch schemaType {
        case nil: kind = .undetermined
        case .int?: kind = .int
        case .double?: kind = .double
        case .float?: kind = .float
        case .string?: kind = .string
        }
    }

    /// Appends one batch's values for this column. `committedBatches` lists the indices
    /// of the batches committed before this one (`batch`).
    mutating func commit(_ part: _ColumnAccumulator, rows: Int, batch: Int, committedBatches: Range<Int>) {
        let total = missingRows + ints.count + doubles.count + floats.count + strings.count
        if kind != .string && (part.kind == .string || part.kind == .deferredText) {
            becomeString(rowsSoFar: total, committedBatches: committedBatches)
        }
        switch kind {
        case .string:
            switch part.kind {
            case .string:
                strings.append(contentsOf: part.strings)
            case .undetermined where !part.sawQuotedMissing:
                strings.append(contentsOf: repeatElement(nil, count: rows))
            default:
                strings.append(contentsOf: repeatElement(nil, count: rows))
                pendingTextBatches.append(batch)
            }
        case .undetermined:
            switch part.kind {
            case .undetermined:
                missingRows += rows
                sawQuotedMissing = sawQuotedMissing || part.sawQuotedMissing
            case .int: start(.int)
            case .double: start(.double)
            case .float: start(.float)
            case .string, .deferredText: break  // handled above
            }
            if kind != .undetermined { appendNumbers(part, rows: rows) }
        case .int, .double, .float:
            appendNumbers(part, rows: rows)
        }
    }

    /// Leaves `undetermined` for a numeric kind, with the missing rows so far.
    private mutating func start(_ newKind: Kind) {
        kind = newKind
        switch newKind {
        case .int:
            ints.reserveCapacity(expectedRows)
            ints.append(contentsOf: repeatElement(nil, count: missingRows))
        case .double:
            doubles.reserveCapacity(expectedRows)
            doubles.append(contentsOf: repeatElement(.nan, count: missingRows))
        case .float:
            floats.reserveCapacity(expectedRows)
            floats.append(contentsOf: repeatElement(.nan, count: missingRows))
        case .undetermined, .string: break
        }
        missingRows = 0
    }

    /// Appends a numeric or all-missing batch to a numeric column.
    private mutating func appendNumbers(_ part: _ColumnAccumulator, rows: Int) {
        switch (kind, part.kind) {
        case (_, .undetermined):
            switch kind {
            case .int: ints.append(contentsOf: repeatElement(nil, count: rows))
            case .double: doubles.append(contentsOf: repeatElement(.nan, count: rows))
            case .float: floats.append(contentsOf: repeatElement(.nan, count: rows))
            case .undetermined, .string: break
            }
        case (.int, .int):
            ints.append(contentsOf: part.ints)
        case (.int, .double):
            doubles.reserveCapacity(Swift.max(expectedRows, ints.count + rows))
            doubles.append(contentsOf: ints.lazy.map { $0.map { Double($0) } ?? .nan })
            ints = []
            kind = .double
            doubles.append(contentsOf: part.doubles)
        case (.double, .double):
            doubles.append(contentsOf: part.doubles)
        case (.double, .int):
            doubles.append(contentsOf: part.ints.lazy.map { $0.map { Double($0) } ?? .nan })
        case (.float, .float):
            floats.append(contentsOf: part.floats)
        default:
            preconditionFailure("internal error: batch kind \(part.kind) in a \(kind) column")
        }
    }

    /// Turns a numeric or undetermined column into text: the rows so far become placeholders
    /// to re-read, unless they are all unquoted missing values.
    private mutating func becomeString(rowsSoFar: Int, committedBatches: Range<Int>) {
        let mustReread = kind != .undetermined || sawQuotedMissing
        kind = .string
        strings.reserveCapacity(Swift.max(expectedRows, rowsSoFar))
        strings.append(contentsOf: repeatElement(nil, count: rowsSoFar))
        if mustReread { pendingTextBatches.append(contentsOf: committedBatches) }
        ints = []
        doubles = []
        floats = []
        missingRows = 0
    }

    /// The finished column (an all-missing column is `Double`, or `Float` in float mode).
    func column(rows: Int) -> Column {
        switch kind {
        case .undetermined:
            return isFloatMode
                ? .float([Float](repeating: .nan, count: rows)) : .double([Double](repeating: .nan, count: rows))
        case .int: return .int(ints)
        case .double: return .double(doubles)
        case .float: return .float(floats)
        case .string: return .string(strings)
        }
    }
}
