import FoundationEssentials
import MLCore
import MLModels
import MLTesting
import Testing

/// The native JSON format (``ModelFormat/swiftMLOpsJSON``): every fixture model converts,
/// loads back to bit-identical values, raw margins and leaf indices, and converts again to
/// the same bytes.
@Suite struct NativeFormatTests {
    struct Case: ModelFileCase {
        let modelPath: String
        let inputPath: String
    }

    static let cases: [Case] = {
        var cases = ModelFixture.all.map { Case(modelPath: $0.modelPath, inputPath: $0.folder + "/X.csv") }
        cases += ONNXFixture.all.map { Case(modelPath: $0.modelPath, inputPath: $0.folder + "/X.csv") }
        for name in ExtraParityTests.allCases {
            let folder = FixtureLocator(testFile: #filePath).path("models-extra/" + name)
            cases.append(Case(modelPath: ExtraParityTests.modelPath(name), inputPath: folder + "/X.csv"))
        }
        return cases
    }()

    static func bitsEqual(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Bool {
        a.rows == b.rows && a.columns == b.columns
            && zip(a.elements, b.elements).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    @Test func coversEveryFixture() {
        #expect(Self.cases.count == 8 + 9 + ExtraParityTests.allCases.count)
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: cases)
    func roundTripsBitForBit(_ c: Case) throws {
        let original = try ModelLoader.load(contentsOf: c.modelPath)
        let conversion = try ModelConverter.convert(contentsOf: c.modelPath)
        // Detected from content, loaded through the generic loader.
        #expect(try ModelLoader.detectFormat(of: conversion.json) == .swiftMLOpsJSON)
        let converted = try ModelLoader.load(bytes: conversion.json)
        #expect(converted.modelDescription.format == .swiftMLOpsJSON)
        #expect(converted.schema == original.schema)
        #expect(converted.outputKind == original.outputKind)
        #expect(converted.hasLinkFunction == original.hasLinkFunction)
        #expect(try converted.outputColumnNames() == original.outputColumnNames())
        let x = try FixtureCSV(path: c.inputPath).floatMatrix()
        var outputs: [PredictionOutput] = [.value]
        if original.hasLinkFunction { outputs.append(.rawMargin) }
        if original is TreeEnsembleModel { outputs.append(.leafIndex) }
        for output in outputs {
            let options = PredictionOptions(output: output)
            let a = try original.predict(x, options: options)
            let b = try converted.predict(x, options: options)
            #expect(Self.bitsEqual(a, b), "\(c) \(output)")
            #expect(a.rows == x.rows)
            // The single-row path agrees too.
            let scorer = try converted.makeSingleRowScorer(options: options)
            let row = try scorer.predict(Array(x.elements[0..<x.columns]))
            #expect(row.map(\.bitPattern) == Array(a.elements[0..<a.columns]).map(\.bitPattern), "\(c) \(output) single row")
        }
        if let tree = original as? TreeEnsembleModel, let back = converted as? TreeEnsembleModel {
            #expect(back.treeCount == tree.treeCount)
            #expect(back.iterationCount == tree.iterationCount)
            #expect(back.bestIteration == tree.bestIteration)
            #expect(back.modelDescription.nodeCount == tree.modelDescription.nodeCount)
            #expect(back.modelDescription.objective == tree.modelDescription.objective)
            if tree.iterationCount > 1 {
                let options = PredictionOptions(iterations: .range(1..<tree.iterationCount))
                #expect(Self.bitsEqual(try tree.predict(x, options: options), try back.predict(x, options: options)))
            }
        }
        if let onnx = original as? ONNXModel, let back = converted as? ONNXModel {
            let a = try onnx.predictWithLabels(x)
            let b = try back.predictWithLabels(x)
            #expect(a.columnNames == b.columnNames)
            #expect(a.labels.map(\.description) == b.labels.map(\.description))
            #expect(Self.bitsEqual(a.scores, b.scores))
            #expect(back.classLabels == onnx.classLabels)
        } else {
            #expect((original is ONNXModel) == (converted is ONNXModel))
        }
        // Converting the converted file gives the same bytes.
        let again = try ModelConverter.convert(bytes: conversion.json)
        #expect(again.json == conversion.json, "\(c): re-conversion differs")
        #expect(again.provenance == conversion.provenance)
        #expect(again.sourceFormat == .swiftMLOpsJSON)
    }

    @Test func provenanceAndFeatureNames() throws {
        let fixture = ModelFixture.all[0]
        let conversion = try ModelConverter.convert(contentsOf: fixture.modelPath)
        #expect(conversion.provenance.sourceFormat == .xgboostJSON)
        #expect(conversion.provenance.sourceSHA256 == (try FileDigest.sha256Hex(ofFileAt: fixture.modelPath)))
        #expect(conversion.provenance.sourceFile == "model.json")
        #expect(conversion.provenance.convertedBy == ModelConverter.converterName)
        let model = try ModelLoader.load(bytes: conversion.json)
        #expect(model.schema.featureNames == ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7"])
        let d = model.modelDescription
        #expect(d.details["source_sha256"] == conversion.provenance.sourceSHA256)
        #expect(d.details["source_format"] == "xgboost-json")
        #expect(d.framework == "xgboost")
        #expect(d.frameworkVersion == "3.2.0")
        let text = String(decoding: conversion.json, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"format\": \"swift-mlops-model\",\n  \"version\": 1,\n"))
        #expect(!text.contains("time"))
    }

    /// Text of a converted fixture, for hand edits.
    static func convertedText(_ fixture: String = "xgb_binary_logistic", file: String = "model.json") throws -> String {
        let path = FixtureLocator(testFile: #filePath).path("models/\(fixture)/\(file)")
        return String(decoding: try ModelConverter.convert(contentsOf: path).json, as: UTF8.self)
    }

    static func load(_ text: String) throws -> any PredictiveModel { try ModelLoader.load(bytes: Array(text.utf8)) }

    /// A hand edit of a converted fixture's text that loading refuses, and what the error says
    /// (`nil`: not checked).
    struct HandEdit: Sendable, CustomStringConvertible {
        let description: String
        let code: ModelLoadingError.Code?
        var key: String?
        var tree: Int?
        var node: Int?
        var messageContains: String?
        let replacing: String
        let with: String

        init(
            _ description: String, _ code: ModelLoadingError.Code?, key: String? = nil, tree: Int? = nil,
            node: Int? = nil, message: String? = nil, replacing: String, with: String
        ) {
            (self.description, self.code, self.key, self.tree, self.node) = (description, code, key, tree, node)
            (messageContains, self.replacing, self.with) = (message, replacing, with)
        }
    }

    static let handEdits: [HandEdit] = [
        HandEdit("an unknown version", .unsupported, key: "version", message: "version 2",
                 replacing: "\"version\": 1,", with: "\"version\": 2,"),
        HandEdit("a child index outside the tree", .inconsistent, tree: 0, node: 0,
                 replacing: "\"left\": 1, \"right\": 2}", with: "\"left\": 1, \"right\": 99}"),
        HandEdit("a cycle back to the root", .inconsistent, message: "reached twice",
                 replacing: "\"left\": 1, \"right\": 2}", with: "\"left\": 1, \"right\": 0}"),
        HandEdit("a non-finite leaf", .invalidValue, tree: 0, node: 3,
                 replacing: "{\"leaf\": -0.43251234,", with: "{\"leaf\": \"NaN\","),
        HandEdit("a feature index beyond the schema", .inconsistent, message: "feature index 8",
                 replacing: "\"feature\": 2, \"threshold\": 2.2350333",
                 with: "\"feature\": 8, \"threshold\": 2.2350333"),
        HandEdit("feature names and a count that disagree", .inconsistent, key: "schema.feature_names",
                 replacing: "\"feature_count\": 8", with: "\"feature_count\": 9"),
        HandEdit("an output kind the trees do not give", .inconsistent, key: "output",
                 replacing: "{\"kind\": \"binary_probability\"",
                 with: "{\"kind\": \"multiclass_probabilities\", \"class_count\": 3"),
        HandEdit("iteration starts that do not start at 0", nil, key: "model.iteration_starts",
                 replacing: "\"iteration_starts\": [0,", with: "\"iteration_starts\": [1,"),
        HandEdit("a missing key", .missingKey, key: "model.trees[0].nodes[0].threshold",
                 replacing: "\"threshold\": 2.2350333, ", with: ""),
        HandEdit("an unknown split kind", .unsupported, message: "oblique",
                 replacing: "{\"split\": \"numeric\", \"feature\": 2, \"threshold\": 2.2350333",
                 with: "{\"split\": \"oblique\", \"feature\": 2, \"threshold\": 2.2350333"),
    ]

    /// Each hand edit is refused with a ``ModelLoadingError`` whose code, key, tree, node and
    /// message words are those the case gives.
    @Test(arguments: handEdits)
    func handEditsAreRefusedWithTheirLocation(_ edit: HandEdit) throws {
        let text = try Self.convertedText()
        let e = loadingError { _ = try Self.load(text.replacingOccurrences(of: edit.replacing, with: edit.with)) }
        #expect(e != nil, "\(edit): loaded or threw another error")
        if let code = edit.code { #expect(e?.code == code) }
        if let key = edit.key { #expect(e?.key == key) }
        if let tree = edit.tree { #expect(e?.tree == tree) }
        if let node = edit.node { #expect(e?.node == node) }
        if let words = edit.messageContains { #expect(e?.message.contains(words) == true) }
    }

    @Test func keyOrderDoesNotMatterAndNamesAreRecognized() throws {
        let text = try Self.convertedText()
        // Move "format" after "version": still detected as the native format by the loader.
        let moved = text.replacingOccurrences(
            of: "\"format\": \"swift-mlops-model\",\n  \"version\": 1,", with: "\"version\": 1,\n  \"format\": \"swift-mlops-model\",")
        #expect(try ModelLoader.detectFormat(of: Array(moved.utf8)) == .xgboostJSON)
        let model = try Self.load(moved)
        #expect(model.modelDescription.format == .swiftMLOpsJSON)
        // Forcing another format on a native file is refused cleanly.
        let e = loadingError { _ = try ModelLoader.load(bytes: Array(text.utf8), format: .lightGBMText) }
        #expect(e != nil)
    }

    @Test func specialFloatsRoundTrip() throws {
        // An XGBoost split on -inf (nothing goes left) is stored as a NaN threshold.
        let bytes = TinyModels.xgboost(trees: [.stump(cond: "-1e39", lo: "1", hi: "2")])
        let original = try TreeEnsembleModel(bytes: bytes)
        let conversion = try ModelConverter.convert(bytes: bytes)
        #expect(String(decoding: conversion.json, as: UTF8.self).contains("\"threshold\": \"NaN\""))
        let x = try Matrix<Float>(rows: 4, columns: original.schema.featureCount, elements: [Float](
            [-.infinity, .nan, 0, .infinity].flatMap { Array(repeating: $0, count: original.schema.featureCount) }))
        #expect(Self.bitsEqual(try original.predict(x), try conversion.model.predict(x)))
    }
}
