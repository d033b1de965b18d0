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

    /// Writes the inputs of a corpus export as a CSV (`header` names, columns in input order),
    /// returning onnxruntime's labels and probabilities.
    func corpusCSV(_ name: String, header: [String], order: [Int]? = nil, to url: URL) throws -> ([String], [Double]) {
        let doc = try ExporterCase(name: name).document()
        let (inputs, rows) = try ExporterCase.inputs(doc)
        let list = try #require(doc["inputs"] as? [[String: Any]])
        var columns: [[String]] = []
        for input in list {
            let inputName = try #require(input["name"] as? String)
            let shape = try #require(input["shape"] as? [Int])
            let width = shape.count > 1 ? shape[1] : 1
            let texts: [String]
            switch inputs[inputName] {
            case .float(let v): texts = v.map { $0.isNaN ? "" : "\($0)" }
            case .string(let v): texts = v
            default: texts = []
            }
            for j in 0..<width { columns.append((0..<rows).map { texts[$0 * width + j] }) }
        }
        let picked = order ?? Array(columns.indices)
        var text = picked.map { header[$0] }.joined(separator: ",") + "\n"
        for r in 0..<rows { text += picked.map { columns[$0][r] }.joined(separator: ",") + "\n" }
        try text.write(to: url, atomically: true, encoding: .utf8)
        let outputs = try #require(doc["outputs"] as? [[String: Any]])
        let labels = (outputs[0]["values"] as? [Any] ?? []).map { "\($0)" }
        let probabilities = (outputs[1]["values"] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
        return (labels, probabilities)
    }

    /// A ColumnTransformer export (float and string inputs): CSV columns by position, and by
    /// name for the one-input-per-column export (columns shuffled, an extra one ignored).
    @Test(arguments: [
        ("sk_coltrans_num_cat_2inputs", ["a", "b", "c", "d", "e"], [0, 1, 2, 3, 4]),
        ("sk_coltrans_df_percolumn", ["n0", "n1", "n2", "color", "size"], [4, 0, 3, 2, 1]),
    ])
    func predictFeedsNamedAndStringInputs(_ name: String, _ header: [String], _ order: [Int]) throws {
        let dir = FileManager.default.temporaryDirectory
        let input = dir.appendingPathComponent("onnx-\(name)-\(getpid()).csv")
        let out = dir.appendingPathComponent("onnx-\(name)-\(getpid())-out.csv")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: out)
        }
        let (labels, probabilities) = try corpusCSV(name, header: header, order: order, to: input)
        let result = try run(["predict", "--model", ExporterCase(name: name).modelPath, "--input", input.path, "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(written.first == ["label", "p0", "p1"])
        let rows = written.dropFirst()
        #expect(rows.map { $0[0] } == labels)
        let p = rows.flatMap { $0.dropFirst().map { Double($0) ?? .nan } }
        expectClose(p, probabilities, .absolute(1e-5), "\(name) via mlctl")
    }

    @Test func namedInputsWithTooFewColumnsExitTwo() throws {
        let name = "sk_coltrans_num_cat_2inputs"
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-short-\(getpid()).csv")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-short-\(getpid())-out.csv")
        defer { try? FileManager.default.removeItem(at: input) }
        _ = try corpusCSV(name, header: ["a", "b", "c", "d", "e"], order: [0, 1, 2, 3], to: input)
        let result = try run(["predict", "--model", ExporterCase(name: name).modelPath, "--input", input.path, "--output", out.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("take 5 columns"), "\(result.stderr)")
    }
}
