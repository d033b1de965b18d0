import Dispatch
import FoundationEssentials
import MLCore
import Synchronization

/// A named, versioned list of features computed from price bars, identified by the SHA-256 of
/// its definition, so a model can record exactly which features it was trained on and serving
/// can refuse another definition.
///
/// One set exists today, ``technicalV1`` (29 technical features; formulas in `Docs/Features.md`).
/// Its batch form (``compute(_:)``) and its streaming form (``makeStream()``) run the same state,
/// so the values are bit-identical.
///
/// ```swift
/// let set = try FeatureSet.named("technical-v1")
/// let frame = try set.compute(bars)          // 29 columns, NaN during each lookback
/// frame.definitionHash == set.definitionHash // true; frame.inputHash names the bars
/// var stream = set.makeStream()
/// let latest = stream.update(OHLCVBar(open: 1, high: 2, low: 0.5, close: 1.5, volume: 900))
/// ```
public struct FeatureSet: Sendable, Hashable {
    /// The set's name, e.g. `technical-v1`.
    public let name: String
    /// The definition's version (semantic versioning); any change to a formula changes it.
    public let version: String
    /// The features, in column order.
    public let features: [FeatureDefinition]

    /// The SHA-256 of the definition: a ``ContentHasher`` (kind `"mlops-feature-set-v1"`) over the
    /// name, the version, the feature count, then each feature's name, formula and lookback.
    public var definitionHash: ContentHash {
        var hasher = ContentHasher(kind: "mlops-feature-set-v1")
        hasher.combine(name)
        hasher.combine(version)
        hasher.combine(features.count)
        for feature in features {
            hasher.combine(feature.name)
            hasher.combine(feature.formula)
            hasher.combine(feature.lookback)
        }
        return hasher.finalize()
    }

    /// Bars before every feature is defined: the largest lookback.
    public var lookback: Int { features.map(\.lookback).max() ?? 0 }

    /// The feature names, in column order.
    public var names: [String] { features.map(\.name) }

    /// Every set this version of the library defines, by name.
    public static let all: [FeatureSet] = [.technicalV1]

    /// The set named `name`.
    /// - Throws: ``FeatureError`` `.unknownIndicator` (field: the name) listing the known sets.
    public static func named(_ name: String) throws -> FeatureSet {
        guard let set = all.first(where: { $0.name == name }) else {
            throw FeatureError(
                .unknownIndicator, "no feature set has this name (known: \(all.map(\.name).joined(separator: ", ")))",
                field: String(name.prefix(100)))
        }
        return set
    }

    /// The features of every bar: a frame of `bars.count` rows, NaN where a feature is in its
    /// lookback (and where a NaN input propagates). One loop per feature over whole columns, no
    /// allocation per bar.
    ///
    /// With `threads` > 1 (default: every active processor) the input hash and two halves of the
    /// features are computed concurrently; each column is computed the same way on any thread,
    /// so the frame is bit-identical at every thread count.
    public func compute(_ bars: OHLCVBars, threads: Int? = nil) -> FeatureFrame {
        let threads = Swift.max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        var columns = [[Double]](repeating: [], count: features.count)
        let inputHash: ContentHash
        if threads == 1 {
            inputHash = bars.contentHash
            columns = _TechnicalV1Batch.compute(high: bars.high, low: bars.low, close: bars.close, volume: bars.volume)
        } else {
            let results = Mutex<(hash: ContentHash?, parts: [(Int, [Double])])>((nil, []))
            DispatchQueue.concurrentPerform(iterations: 3) { task in
                if task == 0 {
                    let hash = bars.contentHash
                    results.withLock { $0.hash = hash }
                } else {
                    let part = _TechnicalV1Batch.compute(
                        part: task - 1, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume)
                    results.withLock { $0.parts += part }
                }
            }
            let (hash, parts) = results.withLock { ($0.hash, $0.parts) }
            for (j, values) in parts { columns[j] = values }
            inputHash = hash ?? bars.contentHash
        }
        return FeatureFrame(
            setName: name, setVersion: version, definitionHash: definitionHash, inputHash: inputHash,
            names: names, timestamps: bars.timestamps, rowCount: bars.count, columns: columns)
    }

    /// A streaming computation of this set: feed bars one at a time, get each bar's features.
    public func makeStream() -> FeatureStream {
        FeatureStream(definitionHash: definitionHash, featureCount: features.count)
    }
}
