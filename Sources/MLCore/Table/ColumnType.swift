/// The element type of a ``Column``.
///
/// Used by ``CSVReader/schema`` to force a column's type instead of inferring it, and
/// reported by ``Column/type``.
public enum ColumnType: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// 32-bit floating point; missing values are `Float.nan`.
    case float
    /// 64-bit floating point; missing values are `Double.nan`.
    case double
    /// 64-bit signed integer; missing values are `nil`.
    case int
    /// Text (categorical data); missing values are `nil`.
    case string

    /// Whether values of this type convert to a ``Matrix`` (every type but ``string``).
    public var isNumeric: Bool { self != .string }

    public var description: String { rawValue }
}
