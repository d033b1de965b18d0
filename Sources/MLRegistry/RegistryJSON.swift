import FoundationEssentials
import MLCore

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
            return RegistryJSON(try _JSONCoding.decode(_JSONTree.self, from: bytes))
        } catch {
            throw RegistryError(.invalidInput, "\(what) is not valid JSON: \(_JSONCoding.describe(error))", context: ["input": what])
        }
    }

    /// Reads and parses a JSON file.
    /// - Throws: ``RegistryError`` `.io` when the file cannot be read, `.invalidInput` when it is not JSON.
    public static func read(fileAt path: String) throws -> RegistryJSON {
        try parse(_FileIO.readAll(path: path), what: path)
    }

    /// Compact JSON text with sorted object keys (the same value always gives the same text).
    public var canonicalText: String {
        // Only finite numbers can be built by parsing; a hand-built NaN prints as null.
        tree.canonicalText
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

    /// Decodes any JSON value (see MLCore's `_JSONTree` for the order types are tried in).
    public init(from decoder: any Decoder) throws {
        self.init(try _JSONTree(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try tree.encode(to: encoder)
    }

    init(_ tree: _JSONTree) {
        switch tree {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(RegistryJSON.init))
        case .object(let o): self = .object(o.mapValues(RegistryJSON.init))
        }
    }

    /// The value as MLCore's JSON tree (the one encoder of such documents).
    var tree: _JSONTree {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let d): .number(d)
        case .string(let s): .string(s)
        case .array(let a): .array(a.map(\.tree))
        case .object(let o): .object(o.mapValues(\.tree))
        }
    }
}
