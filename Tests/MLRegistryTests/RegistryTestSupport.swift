import Foundation
import MLRegistry
import MLTesting
import Synchronization

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
