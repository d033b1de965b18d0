/// A `Codable` value read and written through one table of keys, every key optional unless
/// marked required: a missing (or `null`) key keeps the
/// value of ``defaults``, a present one must decode as its property's type. How every section of
/// ``ServeConfiguration`` (and the load-test report) reads and writes its snake_case keys:
/// one table of keys per type, instead of a `CodingKeys` enum and hand-written
/// `init(from:)`/`encode(to:)` each.
///
/// A conforming type's `init(from:)` and `encode(to:)` call ``init(keyTable:)`` and
/// ``encodeKeyTable(to:)`` (public requirements need public witnesses).
package protocol _KeyTableCodable {
    /// The defaults (`Self()` with every argument left out).
    static var defaults: Self { get }
    /// Every key, in the order they are written.
    static var keys: [_TableKey<Self>] { get }
    /// The first decoded value out of its range, as (key, message); `nil` when all are in range.
    func rangeProblem() -> (key: String, message: String)?
}

extension _KeyTableCodable {
    package func rangeProblem() -> (key: String, message: String)? { nil }

    /// Decodes the keys of ``keys`` present in `decoder` over the defaults.
    /// - Throws: `DecodingError` for a value of the wrong type, a missing required key, or a
    ///   value out of range (``rangeProblem()``).
    package init(keyTable decoder: any Decoder) throws {
        self = Self.defaults
        let container = try decoder.container(keyedBy: _NamedCodingKey.self)
        for key in Self.keys { try key.decode(&self, container) }
        if let problem = rangeProblem() {
            throw DecodingError.dataCorruptedError(
                forKey: _NamedCodingKey(problem.key), in: container, debugDescription: problem.message)
        }
    }

    /// Encodes every key of ``keys`` (an optional that is `nil` is left out).
    package func encodeKeyTable(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: _NamedCodingKey.self)
        for key in Self.keys { try key.encode(self, &container) }
    }
}

/// One key of a ``_KeyTableCodable``: its name and the property it reads and writes.
package struct _TableKey<Section> {
    let decode: (inout Section, KeyedDecodingContainer<_NamedCodingKey>) throws -> Void
    let encode: (Section, inout KeyedEncodingContainer<_NamedCodingKey>) throws -> Void

    /// The key `name` for the property at `path`; `required`: a missing key is an error.
    package init<Value: Codable>(_ name: String, _ path: WritableKeyPath<Section, Value>, required: Bool = false) {
        let key = _NamedCodingKey(name)
        decode = { section, container in
            if required {
                section[keyPath: path] = try container.decode(Value.self, forKey: key)
            } else if let value = try container.decodeIfPresent(Value.self, forKey: key) {
                section[keyPath: path] = value
            }
        }
        encode = { section, container in try container.encode(section[keyPath: path], forKey: key) }
    }

    /// The key `name` for the optional property at `path`: absent or `null` leaves it as it
    /// is; `nil` is not written (as synthesized `Codable` does).
    package init<Value: Codable>(_ name: String, _ path: WritableKeyPath<Section, Value?>) {
        let key = _NamedCodingKey(name)
        decode = { section, container in
            if let value = try container.decodeIfPresent(Value.self, forKey: key) { section[keyPath: path] = value }
        }
        encode = { section, container in try container.encodeIfPresent(section[keyPath: path], forKey: key) }
    }

    /// A key that is written only: a value computed from the others.
    package init<Value: Encodable>(written name: String, _ path: KeyPath<Section, Value>) {
        let key = _NamedCodingKey(name)
        decode = { _, _ in }
        encode = { section, container in try container.encode(section[keyPath: path], forKey: key) }
    }
}

/// A key named by its text.
package struct _NamedCodingKey: CodingKey {
    package let stringValue: String
    package var intValue: Int? { nil }

    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}
