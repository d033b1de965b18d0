import Foundation
import MLModels
import MLTesting
import Testing

/// `mlctl predict` on every ONNX fixture: `label,p0..pK-1` / `label,score` columns matching
/// `expected.csv`, and exit 2 for `--raw` or a feature-count mismatch.
@Suite struct ONNXCommandLineTests {
    func run(_ arguments: [String]) throws -> CommandResult { try BuiltCommand("mlctl").run(arguments) }

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
