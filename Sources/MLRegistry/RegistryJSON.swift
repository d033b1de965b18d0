import FoundationEssentials

/// A JSON value, as the registry keeps free-form documents: evidence, run parameters and
/// tags, signatures, prediction inputs and outputs.
///
/// Encodes back to the same JSON (object keys sorted). Numbers are `Double`, so integers
/// beyond 2^53 lose precision.
public enum RegistryJSON: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([RegistryJSON])
    case object([String: RegistryJSON])

    /// Parses a UTF-8 JSON document.
    /// - Throws: ``RegistryError`` `.invalidInput` naming `what` (e.g. the file) when the bytes are not JSON.
    public static func parse(_ bytes: some Collection<UInt8>, what: String) throws -> RegistryJSON {
        do {
            return try JSONDecoder().decode(RegistryJSON.self, from: Data(bytes))
        } catch {
            throw RegistryError(.invalidInput, "\(what) is not valid JSON: \(_describe(error))", context: ["input": what])
        }
    }

    /// Reads and parses a JSON file.
    /// - Throws: ``RegistryError`` `.io` when the file cannot be read, `.invalidInput` when it is not JSON.
    public static func read(fileAt path: String) throws -> RegistryJSON {
        try parse(_FileIO.readAll(path: path), what: path)
    }

    /// Compact JSON text with sorted object keys (the same value always gives the same text).
    public var canonicalText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only finite numbers can be built by parsing; a hand-built NaN prints as null.
        guard let data = try? encoder.encode(self.replacingNonFinite()) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    public var description: String { canonicalText }

    /// The members of an object, or `nil` for any other value.
    public var objectValue: [String: RegistryJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The value as text: strings as they are, numbers and booleans printed, `nil` for
    /// null, arrays and objects.
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let d):
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([RegistryJSON].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: RegistryJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    func replacingNonFinite() -> RegistryJSON {
        switch self {
        case .number(let d) where !d.isFinite: return .null
        case .array(let a): return .array(a.map { $0.replacingNonFinite() })
        case .object(let o): return .object(o.mapValues { $0.replacingNonFinite() })
        default: return self
        }
    }
}

/// A short description of a decoding error without Foundation's localized wrapping.
func _describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context):
        return context.underlyingError.map { "\($0)" } ?? context.debugDescription
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
        DecodingError.keyNotFound(_, let context):
        return context.debugDescription
    default:
        return "\(error)"
    }
}
