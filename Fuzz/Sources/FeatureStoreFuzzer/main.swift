import FuzzSupport
import MLCore

@testable import MLFeatures

// The feature store's stored bytes: the input's first byte picks the view's width (1-4), the
// rest is one offline segment piece as a store file would hold it. It is decoded, then stored in
// an in-memory store and read back through retrieval, materialization and parity. Only typed
// errors may come out; nothing the bytes declare may allocate or loop beyond them.
runFuzzer { input in
    guard let first = input.first else { return }
    let width = Int(first % 4) + 1
    let blob = Array(input.dropFirst())
    _ = try? blob.withUnsafeBytes { try _OfflineSegmentCodec.decode($0, width: width) }
    guard
        let view = try? FeatureView(
            name: "v", entity: "id", features: (0..<width).map { FeatureField(name: "f\($0)") }, ttlSeconds: 60)
    else { return }
    let backend = InMemoryFeatureStoreBackend()
    let store = FeatureStore(backend: backend, options: .init(clock: { 100_000_000_000 }, maximumThreads: 1))
    guard (try? store.apply(view)) != nil,
        (try? backend.appendSegment(view: "v", version: view.version, rows: 1 << 40, pieces: [blob, blob], replacing: [])) != nil
    else { return }
    _ = try? store.retrieve(view: "v", entities: ["a", "b", "c"], times: [0, 50_000_000_000, Int64.max], asOfCreated: true)
    _ = try? store.materialize(view: "v", to: 100_000_000_000)
    _ = try? store.parity(view: "v")
    _ = try? store.get(view: "v", entities: ["a"])
}
