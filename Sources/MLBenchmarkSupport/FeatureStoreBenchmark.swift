import MLCore
import MLFeatures

/// Online reads of a feature store timed in-process: ``FeatureStore/get(view:entities:features:pinnedVersion:)``
/// of one entity's features, for `calls` entities drawn (seeded) from the view's online store.
/// Used by `mlctl bench store-get` and recorded in `Docs/Performance.md`; never asserted in tests.
public enum FeatureStoreBenchmark {
    /// The result: the view, its feature count, the online entities, and the timing.
    public struct Result: Sendable, Hashable, Codable {
        public var view: String
        public var features: Int
        public var onlineEntities: Int
        public var timing: RegistryBenchmark.Timing

        enum CodingKeys: String, CodingKey {
            case view, features, timing
            case onlineEntities = "online_entities"
        }
    }

    /// Times `calls` single-entity online reads of `view` in `store`.
    /// - Throws: ``FeatureError`` `.unknownView`, `.invalidParameter` when the view has no online
    ///   records (materialize first), `.storage`.
    public static func run(store: FeatureStore, view: String, calls: Int, seed: UInt64 = 1) throws -> Result {
        let definition = try store.view(named: view).view
        let entities = try store.backend.onlineEntities(view: view)
        guard !entities.isEmpty else {
            throw FeatureError(.invalidParameter, "view '\(view)' has no online records (materialize it first)", field: view)
        }
        var rng = SplitMix64(seed: seed)
        let picks = (0..<max(1, calls)).map { _ in entities[Int(rng.next() % UInt64(entities.count))] }
        var i = 0
        let timing = try RegistryBenchmark.time("online get, one entity", picks.count) {
            _ = try store.get(view: view, entities: [picks[i % picks.count]])
            i += 1
        }
        return Result(view: view, features: definition.features.count, onlineEntities: entities.count, timing: timing)
    }
}
