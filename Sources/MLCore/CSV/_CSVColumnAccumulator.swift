/// The values of one column collected from one chunk of records, and the inference state.
///
/// Inference (no schema entry) moves one way through the kinds:
/// `undetermined` (only missing so far) → `int` → `double` (or `float`) → `string`/`deferredText`.
/// `int` becomes `double` by converting the stored integers (exact: the correctly rounded
/// `Double` of an integer is what parsing its text gives). A numeric column that meets
/// text cannot recover the text of the earlier fields, so it becomes `deferredText` and
/// its text is extracted by a second pass over the chunk.
struct _ColumnAccumulator {
    enum Kind: UInt8 {
        /// Only missing fields so far (`leadingMissing` of them).
        case undetermined
        case int
        case double
        case float
        case string
        /// Text whose values are read later by another pass; fields are only checked.
        case deferredText
    }

    var kind: Kind
    /// Whether the kind comes from the schema (a field that does not fit is an error).
    let isFixed: Bool
    /// The number of fields seen while `undetermined`.
    var leadingMissing = 0
    /// Whether a quoted missing token (`""`, `"NA"`) was seen while `undetermined`: such a
    /// field is missing in a numeric column but text in a string column.
    var sawQuotedMissing = false
    /// The expected number of rows, to reserve storage once (an estimate; arrays still grow).
    var expectedRows = 0
    var ints: [Int?] = []
    var doubles: [Double] = []
    var floats: [Float] = []
    var strings: [String?] = []

    init(schemaType: ColumnType?) {
        switch schemaType {
        case nil: kind = .undetermined
        case .int?: kind = .int
        case .double?: kind = .double
        case .float?: kind = .float
        case .string?: kind = .string
        }
        isFixed = schemaType != nil
    }

    /// Reserves storage for `rows` values of the current kind (and remembers it for a later kind).
    mutating func reserve(rows: Int) {
        expectedRows = rows
        reserveForKind()
    }

    private mutating func reserveForKind() {
        switch kind {
        case .int: ints.reserveCapacity(expectedRows)
        case .double: doubles.reserveCapacity(expectedRows)
        case .float: floats.reserveCapacity(expectedRows)
        case .string: strings.reserveCapacity(expectedRows)
        case .undetermined, .deferredText: break
        }
    }

    /// An accumulator for a re-reading pass: `string` for the wanted columns, else skipped.
    init(extractingText wanted: Bool) {
        kind = wanted ? .string : .deferredText
        isFixed = true
    }

    /// Starts storing values of `newKind` after `leadingMissing` missing fields.
    mutating func leaveUndetermined(for newKind: Kind) {
        kind = newKind
        reserveForKind()
        switch newKind {
        case .int: ints.append(contentsOf: repeatElement(nil, count: leadingMissing))
        case .double: doubles.append(contentsOf: repeatElement(.nan, count: leadingMissing))
        case .float: floats.append(contentsOf: repeatElement(.nan, count: leadingMissing))
        case .string: strings.append(contentsOf: repeatElement(nil, count: leadingMissing))
        case .undetermined, .deferredText: break
        }
    }

    /// Converts stored integers to doubles (missing → NaN).
    mutating func promoteIntToDouble() {
        doubles.reserveCapacity(Swift.max(expectedRows, ints.count))
        doubles.append(contentsOf: ints.lazy.map { $0.map { Double($0) } ?? .nan })
        ints = []
        kind = .double
    }

    /// Drops stored values: the column's text will be read by another pass.
    mutating func deferText() {
        ints = []
        doubles = []
        floats = []
        strings = []
        kind = .deferredText
    }
}
