/// A record whose JSON prints every key, `null` when an optional is absent, so scripts see a
/// stable shape (synthesized `Encodable` omits nil optionals).
///
/// The encoding walks the stored properties (in declaration order) and writes each under the
/// `CodingKeys` case of the same name; properties without a case are not encoded, as with
/// synthesized conformances.
protocol _EncodesEveryKey: Encodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension _EncodesEveryKey {
    func encodeEveryKey(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var keys: [String: CodingKeys] = [:]
        for key in CodingKeys.allCases { keys["\(key)"] = key }
        for child in Mirror(reflecting: self).children {
            guard let label = child.label, let key = keys[label] else { continue }
            guard let value = child.value as? any Encodable else {
                throw EncodingError.invalidValue(
                    child.value, EncodingError.Context(codingPath: encoder.codingPath + [key], debugDescription: "not Encodable"))
            }
            try container.encode(value, forKey: key)
        }
    }
}

extension ModelVersion: _EncodesEveryKey {
    public func encode(to encoder: any Encoder) throws { try encodeEveryKey(to: encoder) }
}

extension AliasMove: _EncodesEveryKey {
    public func encode(to encoder: any Encoder) throws { try encodeEveryKey(to: encoder) }
}

extension StageMove: _EncodesEveryKey {
    public func encode(to encoder: any Encoder) throws { try encodeEveryKey(to: encoder) }
}

extension Deployment: _EncodesEveryKey {
    public func encode(to encoder: any Encoder) throws { try encodeEveryKey(to: encoder) }
}

extension AuditEntry: _EncodesEveryKey {
    public func encode(to encoder: any Encoder) throws { try encodeEveryKey(to: encoder) }
}
