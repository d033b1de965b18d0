import FoundationEssentials
import MLCore

/// The streaming form of a ``FeatureSet``: O(1) work per bar, the same values as the set's batch
/// ``FeatureSet/compute(_:)`` bit for bit. `Codable`, so a service can checkpoint it and resume;
/// the checkpoint records the set's ``FeatureSet/definitionHash`` and ``restore(_:for:)``
/// refuses a checkpoint of another definition.
public struct FeatureStream: Sendable, Hashable, Codable {
    /// The definition hash of the set this stream computes.
    public let definitionHash: ContentHash
    /// Features per bar.
    public let featureCount: Int
    private var state = _TechnicalV1State()

    init(definitionHash: ContentHash, featureCount: Int) {
        self.definitionHash = definitionHash
        self.featureCount = featureCount
    }

    /// Takes the next bar; returns its features in the set's column order (NaN during lookbacks).
    public mutating func update(_ bar: OHLCVBar) -> [Double] {
        var out = [Double](repeating: .nan, count: featureCount)
        update(bar, into: &out)
        return out
    }

    /// Takes the next bar and writes its features into `out` (resized to ``featureCount`` when
    /// its count differs), without allocating when it already has that count.
    public mutating func update(_ bar: OHLCVBar, into out: inout [Double]) {
        if out.count != featureCount { out = [Double](repeating: .nan, count: featureCount) }
        out.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            state.update(high: bar.high, low: bar.low, close: bar.close, volume: bar.volume, into: base)
        }
    }

    /// Decodes a checkpoint made by `JSONEncoder` (or any encoder) of a stream of `set`.
    /// - Throws: ``FeatureError`` `.invalidInput` (argument `checkpoint`) when it was made for
    ///   another definition; `DecodingError` when it is malformed or its buffers are inconsistent.
    public static func restore(_ checkpoint: Data, for set: FeatureSet) throws -> FeatureStream {
        let stream = try JSONDecoder().decode(FeatureStream.self, from: checkpoint)
        guard stream.definitionHash == set.definitionHash, stream.featureCount == set.features.count else {
            throw FeatureError(
                .invalidInput,
                "was made for feature-set definition \(stream.definitionHash.hex.prefix(12)), "
                    + "not \(set.name) \(set.version) (\(set.definitionHash.hex.prefix(12)))",
                argument: "checkpoint")
        }
        return stream
    }
}
