import FoundationEssentials

/// The SDK's JSON reading and writing for documents off the hot paths (registry records,
/// profiles, reports, rules): Foundation's coders with one output policy, so equal values
/// always give equal bytes. (Model files and HTTP bodies have their own byte-level readers,
/// for speed and for the load cost contract.)
package enum _JSONCoding {
    /// `value` as JSON: object keys sorted, `/` not escaped; indented when `pretty`.
    /// - Throws: what `JSONEncoder` throws (a non-finite number, a failing `encode(to:)`).
    package static func encode(_ value: some Encodable, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// ``encode(_:pretty:)`` as UTF-8 text.
    package static func text(_ value: some Encodable, pretty: Bool = false) throws -> String {
        String(decoding: try encode(value, pretty: pretty), as: UTF8.self)
    }

    /// A `T` decoded from JSON bytes.
    /// - Throws: what `JSONDecoder` throws (see ``describe(_:)`` for a message).
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: some Sequence<UInt8>) throws -> T {
        try JSONDecoder().decode(type, from: Data(bytes))
    }

    /// A short description of a decoding error without Foundation's localized wrapping: the
    /// underlying error of corrupted data (or the context's description), the context of
    /// type, value and key errors.
    package static func describe(_ error: any Error) -> String {
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
}
