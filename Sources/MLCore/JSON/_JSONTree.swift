/// A JSON value as free-form documents hold it (registry evidence, params and tags; rules
/// and metrics files, also when they come from YAML): numbers are `Double`, objects are
/// dictionaries.
///
/// The one decoding of such documents in the SDK: ``RegistryJSON`` converts to and from it,
/// MLValidation reads its rule files with it.
package enum _JSONTree: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([_JSONTree])
    case object([String: _JSONTree])

    /// Decodes whatever the container holds: null, then a boolean, a number, a string, an
    /// array, an object (the order matters for YAML, where `yes` could be several things).
    package init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([_JSONTree].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: _JSONTree].self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
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

    /// Compact JSON text with sorted object keys (the same value always gives the same
    /// text). Non-finite numbers, which parsing never produces, print as `null`.
    package var canonicalText: String {
        (try? _JSONCoding.text(replacingNonFinite())) ?? "null"
    }

    /// The value with every non-finite number replaced by `null`.
    package func replacingNonFinite() -> _JSONTree {
        switch self {
        case .number(let d) where !d.isFinite: return .null
        case .array(let a): return .array(a.map { $0.replacingNonFinite() })
        case .object(let o): return .object(o.mapValues { $0.replacingNonFinite() })
        default: return self
        }
    }
}
