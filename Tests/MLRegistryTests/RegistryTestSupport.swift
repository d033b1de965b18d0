import Foundation
import MLRegistry
import MLTesting
import Synchronization

/// A scratch folder removed when the value is dropped.
final class ScratchDirectory: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "/mlregistry-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        _ = FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }
}

/// A clock tests move by hand: starts at 2026-01-01T00:00:00Z, +1 ms per reading; after
/// ``set(_:)`` the next reading is exactly that time.
final class TestClock: Sendable {
    private let ms = Mutex<Int64>(1_767_225_600_000)

    func now() -> RegistryTimestamp {
        ms.withLock { value in
            value += 1
            return RegistryTimestamp(millisecondsSince1970: value)
        }
    }

    func set(_ text: String) {
        guard let t = RegistryTimestamp(iso8601: text) else { return }
        ms.withLock { $0 = t.millisecondsSince1970 - 1 }
    }
}

/// A registry in a scratch folder with a test clock.
struct TestRegistry {
    let dir = ScratchDirectory()
    let clock = TestClock()
    let registry: ModelRegistry
    let model: String

    init(policy: GatePolicy = .standard) throws {
        let clock = self.clock
        registry = try ModelRegistry.create(
            at: dir.file("reg.sqlite"),
            options: .init(durability: .normal, defaultActor: "tester", gatePolicy: policy, clock: { clock.now() }))
        model = dir.write("model.json", #"{"trees": [1, 2, 3]}"#)
    }

    static let passing = Evidence(items: [
        "gates": .init(passed: true), "export_validation": .init(passed: true), "calibration": .init(passed: true),
    ])

    @discardableResult
    func register(
        _ name: String = "fraud", metrics: [String: Double] = [:], evidence: Evidence = Evidence(), runID: Int? = nil,
        artifact: String? = nil, key: ArtifactSigningKey? = nil
    ) throws -> ModelVersion {
        try registry.register(
            Registration(
                name: name, artifactPath: artifact ?? model, metrics: metrics, evidence: evidence, runID: runID,
                signingKey: key))
    }
}

/// Parses JSON output into a dictionary.
func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw CocoaError(.coderReadCorrupt)
    }
    return object
}
