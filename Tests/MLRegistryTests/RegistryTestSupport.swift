import Foundation
import MLRegistry
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

/// Where the package's built products are (`mlctl`, `RegistryLifecycle`): next to the test
/// bundle, which `swift test` builds together with every other product.
enum BuiltProducts {
    static var directory: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (exe as NSString).deletingLastPathComponent
    }

    static func path(_ name: String) -> String? {
        let candidates = [
            directory + "/" + name,
            packageRoot + "/.build/debug/" + name,
            packageRoot + "/.build/release/" + name,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
}

/// The result of running a command.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs `executable` with `arguments`, waits, and collects its output.
func runProcess(_ executable: String, _ arguments: [String], cwd: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Parses JSON output into a dictionary.
func jsonObject(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw CocoaError(.coderReadCorrupt)
    }
    return object
}
