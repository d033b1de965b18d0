/// One column of a ``Table``: a typed array of values, one per row.
///
/// Missing values:
/// - `.float` and `.double` use NaN (any NaN payload means missing);
/// - `.int` and `.string` use `nil`.
///
/// Equality treats missing as equal to missing (NaN equals NaN), and otherwise compares
/// values with `==` (so `-0.0 == 0.0`); columns of different types are never equal, even
/// when their values convert to each other.
public enum Column: Sendable {
    /// 32-bit floating-point values; NaN is missing.
    case float([Float])
    /// 64-bit floating-point values; NaN is missing.
    case double([Double])
    /// 64-bit integers; `nil` is missing.
    case int([Int?])
    /// Text values (categories, identifiers); `nil` is missing.
    case string([String?])

    /// The element type.
    public var type: ColumnType {
        switch self {
        case .float: .float
        case .double: .double
        case .int: .int
        case .string: .string
        }
    }

    /// The number of values (rows).
    public var count: Int {
        switch self {
        case .float(let v): v.count
        case .double(let v): v.count
        case .int(let v): v.count
        case .string(let v): v.count
        }
    }

    /// Whether the value at `row` (0-based) is missing. Traps if `row` is out of range.
    public func isMissing(at row: Int) -> Bool {
        switch self {
        case .float(let v): v[row].isNaN
        case .double(let v): v[row].isNaN
        case .int(let v): v[row] == nil
        case .string(let v): v[row] == nil
        }
    }

    /// The number of missing values.
    public var missingCount: Int {
        switch self {
        case .float(let v): v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .double(let v): v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .int(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        case .string(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        }
    }

    /// The values as `Double`s, or `nil` for a `.string` column.
    ///
    /// `.float` widens exactly; `.int` rounds to the nearest `Double` (exact for
    /// `|v| ≤ 2⁵³`); missing values become NaN.
    public var doubleValues: [Double]? {
        switch self {
        case .float(let v): v.map { Double($0) }
        case .double(let v): v
        case .int(let v): v.map { $0.map { Double($0) } ?? .nan }
        case .string: nil
        }
    }

    /// The values as `Float`s, or `nil` for a `.string` column.
    ///
    /// `.double` and `.int` round to the nearest `Float`; missing values become NaN.
    public var floatValues: [Float]? {
        switch self {
        case .float(let v): v
        case .double(let v): v.map { Float($0) }
        case .int(let v): v.map { $0.map { Float($0) } ?? .nan }
        case .string: nil
        }
    }
}

extension Column: Equatable {
    public static func == (lhs: Column, rhs: Column) -> Bool {
        switch (lhs, rhs) {
        case (.float(let a), .float(let b)):
            a.elementsEqual(b) { $0 == $1 || ($0.isNaN && $1.isNaN) }
        case (.double(let a), .double(let b)):
            a.elementsEqual(b) { $0 == $1 || ($0.isNaN && $1.isNaN) }
        case (.int(let a), .int(let b)):
            a == b
        case (.string(let a), .string(let b)):
            a == b
        default:
            false
        }
    }
}
