import Foundation
import MLCore
import MLModels
import MLTesting
import Testing

/// `mlctl convert`: the converted file predicts the same CSV through `mlctl predict`, inspects
/// as the native format, re-converts to the same bytes; bad input and output paths are exit 2.
@Suite struct ConvertCommandLineTests {
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let binary = ONNXCommandLineTests.mlctl else { throw ONNXCommandLineTests.CLIMissing() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        let errors = Pipe()
        process.standardOutput = out
        process.standardError = errors
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("convert-\(getpid())-\(name)").path
    }

    @Test(arguments: ["xgb_multiclass_softprob/model.json", "lgbm_binary/model.txt", "onnx_logreg_multiclass/model.onnx"])
    func convertedModelPredictsTheSameFile(_ relative: String) throws {
        let locator = FixtureLocator(testFile: #filePath)
        let model = locator.path("models/" + relative)
        let folder = String(model[..<(model.lastIndex(of: "/") ?? model.endIndex)])
        let name = relative.replacingOccurrences(of: "/", with: "-")
        let converted = temporary(name + ".json")
        let again = temporary(name + ".again.json")
        let a = temporary(name + ".a.csv")
        let b = temporary(name + ".b.csv")
        defer { for p in [converted, again, a, b] { try? FileManager.default.removeItem(atPath: p) } }

        let result = try run(["convert", "--model", model, "--output", converted, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try _JSONCoding.decode([String: _JSONTree].self, from: result.stdout.utf8)
        #expect(report["format_version"] == .number(1))
        #expect(report["source_sha256"] == .string(try sha256(model)))
        #expect(report["output_sha256"] == .string(try sha256(converted)))

        #expect(try run(["predict", "--model", model, "--input", folder + "/X.csv", "--output", a]).status == 0)
        let p = try run(["predict", "--model", converted, "--input", folder + "/X.csv", "--output", b])
        #expect(p.status == 0, "\(p.stderr)")
        let original = try String(contentsOfFile: a, encoding: .utf8)
        #expect(!original.isEmpty)
        #expect(try String(contentsOfFile: b, encoding: .utf8) == original)

        let inspect = try run(["inspect", "--model", converted, "--json"])
        #expect(inspect.status == 0)
        #expect(inspect.stdout.contains("\"format\":\"swift-mlops-json\""))
        #expect(inspect.stdout.contains("\"source_sha256\""))

        #expect(try run(["convert", "--model", converted, "--output", again]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: converted)))
    }

    @Test func helpListsTheOptions() throws {
        let r = try run(["convert", "--help"])
        #expect(r.status == 0)
        for option in ["--model", "--output", "--json"] { #expect(r.stdout.contains(option)) }
    }

    @Test func unreadableInputAndUnwritableOutputExitTwo() throws {
        let model = FixtureLocator(testFile: #filePath).path("models/xgb_regression/model.json")
        let missing = try run(["convert", "--model", "/nonexistent/model.json", "--output", temporary("x.json")])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error:"))
        let garbage = temporary("garbage.bin")
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: garbage))
        let invalid = try run(["convert", "--model", garbage, "--output", temporary("y.json")])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.hasPrefix("error:"))
        let unwritable = try run(["convert", "--model", model, "--output", "/nonexistent-dir/out.json"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.hasPrefix("error:"))
    }

    func sha256(_ path: String) throws -> String { try FileDigest.sha256Hex(ofFileAt: path) }
}

/// `mlctl quantize`: exit 0 with zero mismatches and a loadable output; exit 2 for an ONNX
/// model or data of the wrong width.
@Suite struct QuantizeCommandLineTests {
    @Test func quantizesAndReportsZeroMismatches() throws {
        let fixture = ModelFixture.all[2]  // xgb_multiclass_softprob
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("quantize-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let cli = ConvertCommandLineTests()
        let r = try cli.run(["quantize", "--model", fixture.modelPath, "--data", fixture.folder + "/X.csv", "--output", out, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONDecoder().decode(QuantizationReport.self, from: Data(r.stdout.utf8))
        #expect(report.passed)
        #expect(report.nodeDecisionMismatches == 0)
        #expect(report.nodeDecisions > 0)
        #expect(report.outputWidth == 3)
        let model = try ModelLoader.load(contentsOf: out)
        #expect(model is QuantizedTreeEnsembleModel)

        let onnx = ONNXFixture(name: "onnx_xgboost_binary")
        let refused = try cli.run(["quantize", "--model", onnx.modelPath, "--data", onnx.folder + "/X.csv", "--output", out])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("error:"))
        let other = ModelFixture.all[4]  // lgbm_binary: another width
        let mismatch = try cli.run(["quantize", "--model", fixture.modelPath, "--data", other.folder + "/X.csv", "--output", out])
        #expect(mismatch.status == 2)
        let help = try cli.run(["quantize", "--help"])
        for option in ["--model", "--data", "--output", "--json"] { #expect(help.stdout.contains(option)) }
    }
}
