/// A parsed JSON or UBJSON value (internal DOM of the XGBoost loaders).
///
/// Numbers from JSON text keep their source span (`.numberText`) so a consumer reads each
/// one once, correctly rounded, as the type it needs (`Float` split conditions must not be
/// rounded through `Double`). UBJSON numbers arrive typed; its optimized numeric
/// containers stay packed (`.floats`, `.integers`).
enum _JSONValue: Sendable {
    case null
    case bool(Bool)
    /// A JSON number: bytes `start ..< end` of the document.
    case numberText(start: Int32, end: Int32)
    case integer(Int64)
    case float32(Float)
    case float64(Double)
    case string(String)
    case array([_JSONValue])
    /// A UBJSON typed container of float32 / float64 values.
    case floats([Double])
    /// A UBJSON typed container of integers (`U`, `i`, `I`, `l`, `L`).
    case integers([Int64])
    case object([_JSONMember])
}

/// One key/value pair of an object, in file order.
struct _JSONMember: Sendable {
    let key: String
    let value: _JSONValue
}

/// A parsed document: the root value plus the bytes that `.numberText` spans point into.
struct _JSONDocument: Sendable {
    let bytes: [UInt8]
    let root: _JSONValue
    /// Size of the source file in bytes (what the cost contract measures against).
    let size: Int
}

extension _JSONValue {
    /// The value of `key` in an object (first occurrence), or nil.
    subscript(key: String) -> _JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name of the value's type, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .numberText, .integer, .float32, .float64: return "number"
        case .string: return "string"
        case .array, .floats, .integers: return "array"
        case .object: return "object"
        }
    }

    /// Number of elements of an array value, or nil.
    var arrayCount: Int? {
        switch self {
        case .array(let a): return a.count
        case .floats(let a): return a.count
        case .integers(let a): return a.count
        default: return nil
        }
    }
}
