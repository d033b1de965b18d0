import Foundation
import MLModels
import MLTesting
import Testing

/// `mlctl predict` on every ONNX fixture: `label,p0..pK-1` / `label,score` columns matching
/// `expected.csv`, and exit 2 for `--raw` or a feature-count mismatch.
@Suite struct ONNXCommandLineTests {
    struct CLIMissing: Error, CustomStringConvertible {
        var description: String { "mlctl is not built next to the test bundle" }
    }

    /// The `mlctl` binary next to the test bundle (built with the tests).
    static var mlctl: URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("mlctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        guard let binary = Self.mlctl else { throw CLIMissing() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ONNXFixture.all)
    func predictWritesExpectedColumns(_ fixture: ONNXFixture) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-\(fixture.name)-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try run(["predict", "--model", fixture.modelPath, "--input", fixture.folder + "/X.csv", "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let actual = try FixtureCSV(path: out.path)
        let expected = try FixtureCSV(path: fixture.folder + "/expected.csv")
        #expect(actual.header == expected.header)
        let tolerance = try fixture.fixture.tolerance(for: "p0")
        for (j, name) in expected.header.enumerated() {
            let a = actual.rows.map { $0[j] }
            let e = expected.rows.map { $0[j] }
            expectClose(a, e, name == "label" ? .exact : .absolute(tolerance), "\(fixture.name) \(name) via mlctl")
        }
    }

    @Test func rawAndMismatchedInputsExitTwo() throws {
        let rf = ONNXFixture(name: "onnx_random_forest")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-raw-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let raw = try run(["predict", "--model", rf.modelPath, "--input", rf.folder + "/X.csv", "--output", out.path, "--raw"])
        #expect(raw.status == 2)
        #expect(raw.stderr.hasPrefix("error:"))
        let other = ONNXFixture(name: "onnx_xgboost_binary")
        let mismatch = try run(["predict", "--model", rf.modelPath, "--input", other.folder + "/X.csv", "--output", out.path])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("8 features"))
    }
}
