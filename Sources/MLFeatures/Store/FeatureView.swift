import MLCore

/// The type of a stored feature. Every type is held as a `Double` (NaN = missing): `int64`
/// values must be whole and within ±2⁵³ (exact as doubles), `bool` values 0 or 1 (`true`/`false`
/// in text files).
public enum FeatureValueType: String, Sendable, Codable, CaseIterable {
    /// A 64-bit float.
    case float64
    /// A whole number within ±2⁵³.
    case int64
    /// 0 or 1.
    case bool
}

/// One feature of a ``FeatureView``: a name and a type.
public struct FeatureField: Sendable, Codable, Equatable, Hashable {
    /// The feature's name (letters, digits, `_`, `.`, `-`; at most 128 bytes).
    public var name: String
    /// The feature's type.
    public var type: FeatureValueType

    public init(name: String, type: FeatureValueType = .float64) {
        self.name = name
        self.type = type
    }
}

/// A named group of features about one kind of entity (a card, a customer, a ticker), kept in a
/// ``FeatureStore``: the entity key's name, the typed features, how long a value stays valid
/// (TTL), and where the rows come from.
///
/// A view's ``version`` is the SHA-256 of its definition (canonical JSON of every field), so any
/// change to the features, types, TTL or source makes a new version; the store records the
/// version each batch of rows was written under, and a read that pins a version is refused when
/// the data was written under another.
///
/// **TTL.** A row with event time `e` is valid for a read at time `t` when `t − e ≤ ttl`
/// (inclusive, as pandas' `merge_asof(tolerance=)`); otherwise the read says `expired`. The same
/// rule applies to offline point-in-time reads (`t` = the request time) and online reads
/// (`t` = the store's clock). No TTL: rows never expire.
public struct FeatureView: Sendable, Codable, Equatable {
    /// The view's name (letters, digits, `_`, `.`, `-`; at most 128 bytes).
    public let name: String
    /// The name of the entity key (`card`, `customer_id`).
    public let entity: String
    /// The features, in the order reads return them (names unique; at least one, at most 4,096).
    public let features: [FeatureField]
    /// How long a row stays valid after its event time, in seconds; nil = forever.
    public let ttlSeconds: Int64?
    /// Free text naming where the rows come from (a file, a job); part of the version.
    public let source: String?

    /// The most features a view may have.
    public static let maximumFeatures = 4_096

    /// A view, validated.
    /// - Throws: ``FeatureError`` `.invalidParameter` naming the field: a bad or repeated name,
    ///   no features or more than ``maximumFeatures``, a TTL that is not positive or above 100 years.
    public init(
        name: String, entity: String, features: [FeatureField], ttlSeconds: Int64? = nil, source: String? = nil
    ) throws {
        try Self.requireName(name, "name")
        try Self.requireName(entity, "entity")
        guard !features.isEmpty, features.count <= Self.maximumFeatures else {
            throw FeatureError(
                .invalidParameter, "a view needs 1...\(Self.maximumFeatures) features, got \(features.count)",
                field: "features")
        }
        var seen = Set<String>()
        for feature in features {
            try Self.requireName(feature.name, "features")
            guard seen.insert(feature.name).inserted else {
                throw FeatureError(.invalidParameter, "feature '\(feature.name)' is listed twice", field: "features")
            }
        }
        if let ttlSeconds {
            guard ttlSeconds > 0, ttlSeconds <= _DurationText.maximumSeconds else {
                throw FeatureError(
                    .invalidParameter, "the TTL must be 1 s ... 100 years, got \(ttlSeconds) s", field: "ttl")
            }
        }
        if let source, source.utf8.count > 4_096 {
            throw FeatureError(.invalidParameter, "the source is longer than 4096 bytes", field: "source")
        }
        self.name = name
        self.entity = entity
        self.features = features
        self.ttlSeconds = ttlSeconds
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case name, entity, features, ttlSeconds = "ttl_seconds", source
    }

    /// Decodes and validates a view (as ``init(name:entity:features:ttlSeconds:source:)``).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: c.decode(String.self, forKey: .name), entity: c.decode(String.self, forKey: .entity),
            features: c.decode([FeatureField].self, forKey: .features),
            ttlSeconds: c.decodeIfPresent(Int64.self, forKey: .ttlSeconds),
            source: c.decodeIfPresent(String.self, forKey: .source))
    }

    /// The seconds of a TTL written as a whole number and a unit: `90s`, `15m`, `36h`, `7d`, `2w`.
    /// - Throws: ``FeatureError`` `.invalidParameter` (field `ttl`) for any other text, zero, or more than 100 years.
    public static func ttlSeconds(parsing text: String) throws -> Int64 {
        guard let seconds = _DurationText.seconds(Substring(text)), seconds > 0 else {
            throw FeatureError(
                .invalidParameter, "'\(text.prefix(32))' is not a TTL (a positive number and s, m, h, d or w: 7d)", field: "ttl")
        }
        return seconds
    }

    /// The feature names, in order.
    public var featureNames: [String] { features.map(\.name) }

    /// The TTL in nanoseconds (nil = forever).
    var ttlNanoseconds: Int64? { ttlSeconds.map { $0 * EventTime.nanosecondsPerSecond } }

    /// Whether a row with event time `event` is expired for a read at `time` (ns): `time − event >
    /// ttl`, computed without overflow for any two times (a store's times are outside data).
    static func isExpired(event: Int64, at time: Int64, ttl: Int64?) -> Bool {
        guard let ttl else { return false }
        let (age, overflow) = time.subtractingReportingOverflow(event)
        return overflow ? time > event : age > ttl
    }

    /// The canonical JSON of the definition: keys in a fixed order, no spaces, features in order.
    public var canonicalJSON: String {
        var out = #"{"name":"# + Self.quoted(name) + #","entity":"# + Self.quoted(entity) + #","features":["#
        out += features.map { #"{"name":"# + Self.quoted($0.name) + #","type":""# + $0.type.rawValue + #""}"# }
            .joined(separator: ",")
        out += #"],"ttl_seconds":"# + (ttlSeconds.map { String($0) } ?? "null")
        out += #","source":"# + (source.map(Self.quoted) ?? "null") + "}"
        return out
    }

    /// The version: the SHA-256 (64 lowercase hex digits) of ``canonicalJSON``.
    public var version: String { _SHA256Hex.digest(ofText: canonicalJSON) }

    /// Whether `other` stores the same columns (names and types in the same order): rows written
    /// under one can be read under the other.
    func hasSameColumns(as other: FeatureView) -> Bool { entity == other.entity && features == other.features }

    static func requireName(_ text: String, _ field: String) throws {
        let ok =
            !text.isEmpty && text.utf8.count <= 128
            && text.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            }
        guard ok else {
            throw FeatureError(
                .invalidParameter,
                "'\(text.prefix(64))' is not a name (1-128 letters, digits, '_', '.', '-')", field: field)
        }
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String { _TextEscaping.jsonQuoted(text) }
}

/// Whether a stored feature value may be used for a read.
public enum FeatureStatus: String, Sendable, Codable, CaseIterable {
    /// A row was found and is within the view's TTL of the read time.
    case present
    /// The latest row is older than the view's TTL at the read time; its values are not returned.
    case expired
    /// No row at or before the read time (offline), or none stored (online).
    case missing
}
