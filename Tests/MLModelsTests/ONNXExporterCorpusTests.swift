import Foundation
import MLCore
import MLModels
import MLTesting
import Testing

/// One export of `Tests/Fixtures/onnx-exporters` (made by skl2onnx 1.20 / onnxmltools 1.16
/// with default options; see its README): the model, held-out inputs and onnxruntime's outputs.
struct ExporterCase: Sendable, CustomTestStringConvertible {
    let name: String
    var testDescription: String { name }

    static let folder = "onnx-exporters"

    static var all: [ExporterCase] {
        let dir = FixtureLocator().path(folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().map { ExporterCase(name: String($0.dropLast(5))) }
    }

    func document() throws -> [String: Any] { try FixtureLocator().json("\(Self.folder)/\(name).json") }
    var modelPath: String { FixtureLocator().path("\(Self.folder)/\(name).onnx") }

    /// The case's inputs by name, and the row count.
    static func inputs(_ doc: [String: Any]) throws -> ([String: ONNXInputValues], Int) {
        guard let list = doc["inputs"] as? [[String: Any]] else { throw FixtureFileError("no inputs") }
        var values: [String: ONNXInputValues] = [:]
        var rows = 0
        for input in list {
            guard let name = input["name"] as? String, let type = input["type"] as? String,
                let shape = input["shape"] as? [Int], let raw = input["values"] as? [Any], let n = shape.first
            else { throw FixtureFileError("malformed input") }
            rows = n
            let numbers = { raw.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
            switch type {
            case "float": values[name] = .float(numbers().map { Float($0) })
            case "double": values[name] = .double(numbers())
            case "int64": values[name] = .int64(numbers().map { Int64($0) })
            case "string": values[name] = .string(raw.map { $0 as? String ?? "" })
            default: throw FixtureFileError("input type \(type)")
            }
        }
        return (values, rows)
    }
}

/// Every export in the corpus loads and matches onnxruntime on its held-out rows: labels
/// equal, probabilities and values within 1e-5 (relative for magnitudes above 1).
@Suite struct ONNXExporterCorpusTests {
    @Test func corpusIsPresent() {
        #expect(ExporterCase.all.count >= 40)
    }

    /// Exports that use an op the executor lacks: loading must fail naming it.
    static let unsupported: [String: String] = [:]

    @Test(arguments: ExporterCase.all)
    func exportMatchesOnnxRuntime(_ c: ExporterCase) throws {
        let doc = try c.document()
        if let op = Self.unsupported[c.name] {
            let error = #expect(throws: ModelLoadingError.self) { try ONNXModel(contentsOf: c.modelPath) }
            #expect(error?.code == .unsupported)
            #expect(error?.message.contains(op) == true, "\(error?.message ?? "")")
            #expect(error?.node != nil)
            return
        }
        let model = try ONNXModel(contentsOf: c.modelPath)
        let (inputs, rows) = try ExporterCase.inputs(doc)
        #expect(model.inputs.map(\.name).sorted() == inputs.keys.sorted())
        let prediction = try model.predictWithLabels(inputs: inputs, rowCount: rows)
        guard let outputs = doc["outputs"] as? [[String: Any]] else { throw FixtureFileError("no outputs") }
        let labelOutput = outputs.first { ($0["type"] as? String) == "int64" || ($0["type"] as? String) == "string" }
        let scoreOutput = outputs.first { ($0["type"] as? String) != "int64" && ($0["type"] as? String) != "string" }
        if let labelOutput, let expected = labelOutput["values"] as? [Any] {
            let texts = expected.map { v -> String in
                if let s = v as? String { return s }
                return String((v as? NSNumber)?.int64Value ?? .min)
            }
            #expect(prediction.labels.map(\.description) == texts, "labels")
        }
        let expected = try #require(scoreOutput?["values"] as? [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
        let got = prediction.scores.elements
        try #require(got.count == expected.count, "\(got.count) scores, onnxruntime has \(expected.count)")
        var worst = 0.0
        var worstIndex = 0
        for (i, (a, b)) in zip(got, expected).enumerated() {
            let error = a.isNaN && b.isNaN ? 0 : abs(a - b) / max(1, abs(b))
            if !(error <= worst) {
                worst = error.isNaN ? .infinity : error
                worstIndex = i
            }
        }
        #expect(worst <= 1e-5, "worst relative error \(worst) at \(worstIndex): \(got[worstIndex]) vs \(expected[worstIndex])")
    }

    /// Named inputs through the chunked, threaded path: the held-out rows tiled past several
    /// chunks give, at 1 and 3 threads, bit-identical values equal to the 25-row call's.
    @Test(arguments: ["sk_coltrans_num_cat_2inputs", "sk_coltrans_df_percolumn", "sk_svc_rbf_proba_multiclass", "te5_member", "sk_pipe_imputer_mean_logreg"])
    func namedInputsDoNotDependOnChunksOrThreads(_ name: String) throws {
        let c = ExporterCase(name: name)
        let model = try ONNXModel(contentsOf: c.modelPath)
        let (inputs, rows) = try ExporterCase.inputs(try c.document())
        let copies = 60
        func tiled(_ v: ONNXInputValues) -> ONNXInputValues {
            switch v {
            case .float(let a): return .float(Array(repeating: a, count: copies).flatMap { $0 })
            case .double(let a): return .double(Array(repeating: a, count: copies).flatMap { $0 })
            case .int64(let a): return .int64(Array(repeating: a, count: copies).flatMap { $0 })
            case .int32(let a): return .int32(Array(repeating: a, count: copies).flatMap { $0 })
            case .string(let a): return .string(Array(repeating: a, count: copies).flatMap { $0 })
            }
        }
        let big = inputs.mapValues(tiled)
        let once = try model.predictWithLabels(inputs: inputs, rowCount: rows)
        let one = try model.predictWithLabels(inputs: big, rowCount: rows * copies, options: PredictionOptions(threads: 1))
        let three = try model.predictWithLabels(inputs: big, rowCount: rows * copies, options: PredictionOptions(threads: 3))
        let expected = Array(repeating: once.scores.elements, count: copies).flatMap { $0 }
        #expect(one.scores.elements.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(three.scores.elements.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(one.labels == Array(repeating: once.labels, count: copies).flatMap { $0 })
        #expect(three.labels == one.labels)
    }
}
