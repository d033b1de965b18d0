#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MLCore
import MLTesting
import Testing

@testable import MLModels

/// Builds small ONNX models with the generated protobuf types.
enum GraphBuilder {
    static func value(_ name: String, _ type: Int32 = 1, _ dims: [Int64?]) -> Onnx_ValueInfoProto {
        var v = Onnx_ValueInfoProto()
        v.name = name
        var t = Onnx_TypeProto.Tensor()
        t.elemType = type
        var shape = Onnx_TensorShapeProto()
        for d in dims {
            var dim = Onnx_TensorShapeProto.Dimension()
            if let d { dim.dimValue = d } else { dim.dimParam = "N" }
            shape.dim.append(dim)
        }
        t.shape = shape
        v.type.tensorType = t
        return v
    }

    static func floats(_ name: String, _ dims: [Int64], _ values: [Float]) -> Onnx_TensorProto {
        tensor(name, dims, dataType: 1) { $0.floatData = values }
    }

    static func int64s(_ name: String, _ dims: [Int64], _ values: [Int64]) -> Onnx_TensorProto {
        tensor(name, dims, dataType: 7) { $0.int64Data = values }
    }

    /// A named tensor of `dims` and ONNX `dataType` whose values `fill` sets.
    static func tensor(_ name: String, _ dims: [Int64], dataType: Int32, _ fill: (inout Onnx_TensorProto) -> Void) -> Onnx_TensorProto {
        var t = Onnx_TensorProto()
        t.name = name
        t.dataType = dataType
        t.dims = dims
        fill(&t)
        return t
    }

    enum Attribute {
        case int(Int64), float(Float), string(String), ints([Int64]), floats([Float]), strings([String])
    }

    static func node(
        _ op: String, _ inputs: [String], _ outputs: [String], name: String = "", domain: String = "",
        _ attributes: [String: Attribute] = [:]
    ) -> Onnx_NodeProto {
        var n = Onnx_NodeProto()
        n.opType = op
        n.input = inputs
        n.output = outputs
        n.name = name
        n.domain = domain
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            var a = Onnx_AttributeProto()
            a.name = key
            switch value {
            case .int(let v): a.type = .int; a.i = v
            case .float(let v): a.type = .float; a.f = v
            case .string(let v): a.type = .string; a.s = Data(v.utf8)
            case .ints(let v): a.type = .ints; a.ints = v
            case .floats(let v): a.type = .floats; a.floats = v
            case .strings(let v): a.type = .strings; a.strings = v.map { Data($0.utf8) }
            }
            n.attribute.append(a)
        }
        return n
    }

    static func model(
        _ nodes: [Onnx_NodeProto], inputs: [Onnx_ValueInfoProto], outputs: [Onnx_ValueInfoProto],
        initializers: [Onnx_TensorProto] = [], opset: Int64 = 15, ml: Int64? = 1
    ) -> Onnx_ModelProto {
        var m = Onnx_ModelProto()
        m.irVersion = 8
        m.producerName = "GraphBuilder"
        var o = Onnx_OperatorSetIdProto()
        o.domain = ""
        o.version = opset
        m.opsetImport = [o]
        if let ml {
            var mo = Onnx_OperatorSetIdProto()
            mo.domain = "ai.onnx.ml"
            mo.version = ml
            m.opsetImport.append(mo)
        }
        var g = Onnx_GraphProto()
        g.name = "g"
        g.node = nodes
        g.input = inputs
        g.output = outputs
        g.initializer = initializers
        m.graph = g
        return m
    }

    static func bytes(_ m: Onnx_ModelProto) throws -> [UInt8] { try _ONNXPlan.encode(m) }

    /// `x [N, F] → op(x, constant) → y`: a regressor graph around one binary op.
    static func binary(_ op: String, features: Int64, constant: Onnx_TensorProto, outputWidth: Int64?) throws -> [UInt8] {
        try bytes(model(
            [node(op, ["x", constant.name], ["y"])], inputs: [value("x", 1, [nil, features])],
            outputs: [value("y", 1, [nil, outputWidth])], initializers: [constant]))
    }
}

/// Graphs built in Swift: broadcasting through the public model API, each family of ops in a
/// pipeline, and malformed graphs that must be refused with an error naming what is wrong.
@Suite struct ONNXGraphTests {
    typealias G = GraphBuilder

    func loadError(_ bytes: [UInt8]) -> ModelLoadingError? {
        do {
            _ = try ONNXModel(bytes: bytes)
            return nil
        } catch let e as ModelLoadingError {
            return e
        } catch {
            Issue.record("not a ModelLoadingError: \(error)")
            return nil
        }
    }

    // MARK: Broadcasting and op families through ONNXModel

    @Test func broadcastingAgainstRowAndColumnConstants() throws {
        let x = try Matrix<Float>([[1, 2, 3], [4, 5, 6]])
        // [N, 3] + [3]
        let row = try ONNXModel(bytes: G.binary("Add", features: 3, constant: G.floats("c", [3], [10, 20, 30]), outputWidth: 3))
        #expect(row.outputKind == .regressionValue)
        #expect(try row.predict(x) == Matrix<Double>([[11, 22, 33], [14, 25, 36]]))
        // [N, 3] − [1, 1] (scalar-like)
        let scalar = try ONNXModel(bytes: G.binary("Sub", features: 3, constant: G.floats("c", [1, 1], [1]), outputWidth: 3))
        #expect(try scalar.predict(x) == Matrix<Double>([[0, 1, 2], [3, 4, 5]]))
        // [N, 3] · [3, 1] → [N, 3] × … as Mul with a column broadcast against [2, 1, 3]? Not row-separable
        // shapes are refused by the model API; [N, 3] × [1, 3] stays [N, 3].
        let mul = try ONNXModel(bytes: G.binary("Mul", features: 3, constant: G.floats("c", [1, 3], [2, 0.5, -1]), outputWidth: 3))
        #expect(try mul.predict(x) == Matrix<Double>([[2, 1, -3], [8, 2.5, -6]]))
        let div = try ONNXModel(bytes: G.binary("Div", features: 3, constant: G.floats("c", [], [4]), outputWidth: 3))
        #expect(try div.predict(x) == Matrix<Double>([[0.25, 0.5, 0.75], [1, 1.25, 1.5]]))
        // Broadcasting that grows the row count is not a per-row model.
        let grow = try G.binary("Add", features: 3, constant: G.floats("c", [2, 1, 3], [Float](repeating: 0, count: 6)), outputWidth: 3)
        #expect(loadError(grow)?.code == .unsupported)
        // Incompatible shapes: [N, 3] + [4] fails at load, naming the node.
        let bad = try G.binary("Add", features: 3, constant: G.floats("c", [4], [1, 2, 3, 4]), outputWidth: 3)
        let e = loadError(bad)
        #expect(e?.code == .inconsistent)
        #expect(e?.message.contains("(Add)") == true)
        #expect(e?.message.contains("cannot be broadcast") == true)
    }

    @Test func pipelineOfEachFamily() throws {
        // Scaler → Gemm → Sigmoid → Concat(label scores) … as a regressor, and a classifier built
        // from MatMul, Add, Softmax, ArgMax, ArrayFeatureExtractor and Reshape.
        let w = G.floats("w", [2, 2], [1, -1, 0.5, 2])
        let b = G.floats("b", [2], [0.25, -0.25])
        let classes = G.int64s("classes", [2], [7, 9])
        let shape = G.int64s("shape", [1], [-1])
        let m = G.model(
            [
                G.node("Scaler", ["x"], ["s"], domain: "ai.onnx.ml", ["offset": .floats([1, 0]), "scale": .floats([2, 1])]),
                G.node("MatMul", ["s", "w"], ["mm"]),
                G.node("Add", ["mm", "b"], ["logits"]),
                G.node("Softmax", ["logits"], ["probabilities"], ["axis": .int(1)]),
                G.node("ArgMax", ["probabilities"], ["best"], ["axis": .int(1)]),
                G.node("ArrayFeatureExtractor", ["classes", "best"], ["picked"], domain: "ai.onnx.ml"),
                G.node("Reshape", ["picked", "shape"], ["label"]),
            ],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("label", 7, [nil]), G.value("probabilities", 1, [nil, 2])],
            initializers: [w, b, classes, shape])
        let model = try ONNXModel(bytes: G.bytes(m))
        #expect(model.outputKind == .binaryProbability)
        #expect(model.hasLabels)
        let x = try Matrix<Float>([[1, 1], [3, -2], [0, 0]])
        let p = try model.predictWithLabels(x)
        #expect(p.columnNames == ["label", "p0", "p1"])
        for r in 0..<x.rows {
            let s0 = (x[r, 0] - 1) * 2
            let s1 = x[r, 1]
            let l0 = Float(0).addingProduct(s0, 1).addingProduct(s1, 0.5) + 0.25
            let l1 = Float(0).addingProduct(s0, -1).addingProduct(s1, 2) - 0.25
            let top = max(l0, l1)
            let e0 = Float(_Math.exp(Double(l0 - top)))
            let e1 = Float(_Math.exp(Double(l1 - top)))
            let scale = 1 / (e0 + e1)
            expectClose(p.scores[r, 0], Double(e0 * scale), .absolute(2e-7))
            expectClose(p.scores[r, 1], Double(e1 * scale), .absolute(2e-7))
            #expect(p.labels[r] == .integer(l1 > l0 ? 9 : 7))
        }
        // classes[argmax] is [1, N] before the Reshape: rows still lie in blocks, so batches are
        // scored in chunks.
        #expect(model.modelDescription.details["row_separable"] == "true")
    }

    @Test func opsThatMixRowsAreNotChunked() throws {
        // Softmax over axis 0 normalizes down the rows: the whole batch must be one piece.
        let m = G.model(
            [G.node("Softmax", ["x"], ["y"], ["axis": .int(0)])],
            inputs: [G.value("x", 1, [nil, 1])], outputs: [G.value("y", 1, [nil, 1])])
        let model = try ONNXModel(bytes: G.bytes(m))
        #expect(model.modelDescription.details["row_separable"] == "false")
        let rows = ONNXModel.chunkRows * 2 + 7
        let x = try Matrix<Float>(rows: rows, columns: 1, repeating: 0.25)
        let y = try model.predict(x, options: .init(threads: 2))
        let expected = 1 / Float(rows)
        #expect(abs(y[0, 0] - Double(expected)) < 1e-9)
        #expect(abs(y[rows - 1, 0] - Double(expected)) < 1e-9)
        // Over axis 1 it is per row: chunked.
        let perRow = G.model(
            [G.node("Softmax", ["x"], ["y"], ["axis": .int(1)])],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])])
        #expect(try ONNXModel(bytes: G.bytes(perRow)).modelDescription.details["row_separable"] == "true")
    }

    @Test func quantizedLinearPipeline() throws {
        // DynamicQuantizeLinear → MatMulInteger → Cast → Mul(scale) → DequantizeLinear-style output.
        let wq = Onnx_TensorProto.with {
            $0.name = "wq"
            $0.dataType = 2
            $0.dims = [2, 1]
            $0.rawData = Data([3, 250])
        }
        let wz = Onnx_TensorProto.with {
            $0.name = "wz"
            $0.dataType = 2
            $0.dims = []
            $0.rawData = Data([128])
        }
        let m = G.model(
            [
                G.node("DynamicQuantizeLinear", ["x"], ["xq", "xs", "xz"]),
                G.node("MatMulInteger", ["xq", "wq", "xz", "wz"], ["acc"]),
                G.node("Cast", ["acc"], ["accf"], ["to": .int(1)]),
                G.node("Mul", ["accf", "xs"], ["y"]),
            ],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 1])], initializers: [wq, wz])
        let model = try ONNXModel(bytes: G.bytes(m))
        let x = try Matrix<Float>([[0.5, -1], [2, 0.25]])
        let y = try model.predict(x)
        // Whole-batch quantization: scale from the batch's range.
        let lo: Float = -1
        let hi: Float = 2
        let scale = (hi - lo) / 255
        let zero = (0 - lo / scale).rounded()
        func q(_ v: Float) -> Int32 { Int32(min(255, max(0, (v / scale).rounded(.toNearestOrEven) + zero))) }
        for r in 0..<2 {
            let acc = (q(x[r, 0]) - Int32(zero)) * (3 - 128) + (q(x[r, 1]) - Int32(zero)) * (250 - 128)
            #expect(y[r, 0] == Double(Float(acc) * scale))
        }
        // DynamicQuantizeLinear mixes rows (batch-wide range): the graph is not row-separable.
        #expect(model.modelDescription.details["row_separable"] == "false")
    }

    // MARK: Refused graphs

    @Test func unknownOpNamesNodeAndOp() throws {
        let m = G.model(
            [G.node("Relu", ["x"], ["r"], name: "first"), G.node("FancyOp", ["r"], ["y"], name: "mystery")],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])])
        let e = try #require(loadError(G.bytes(m)))
        #expect(e.code == .unsupported)
        #expect(e.node == 1)
        #expect(e.message.contains("'mystery'") && e.message.contains("op FancyOp (domain ai.onnx, opset 15) is not supported"))
    }

    @Test func unknownDomainAndUnimportedDomain() throws {
        let m = G.model(
            [G.node("FusedGemm", ["x"], ["y"], name: "ms", domain: "com.microsoft")],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])])
        let e = try #require(loadError(G.bytes(m)))
        #expect(e.code == .unsupported)
        #expect(e.message.contains("com.microsoft") && e.message.contains("FusedGemm") && e.message.contains("'ms'"))
        let noML = G.model(
            [G.node("Scaler", ["x"], ["y"], name: "s", domain: "ai.onnx.ml", ["offset": .floats([0]), "scale": .floats([1])])],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])], ml: nil)
        let e2 = try #require(loadError(G.bytes(noML)))
        #expect(e2.message.contains("imports no opset for domain ai.onnx.ml"))
    }

    @Test func unsupportedOpsetsAndOpVersions() throws {
        let tooNew = G.model([G.node("Relu", ["x"], ["y"])], inputs: [G.value("x", 1, [nil, 2])],
            outputs: [G.value("y", 1, [nil, 2])], opset: 99)
        #expect(loadError(try G.bytes(tooNew))?.code == .unsupported)
        let mlTooNew = G.model([G.node("Relu", ["x"], ["y"])], inputs: [G.value("x", 1, [nil, 2])],
            outputs: [G.value("y", 1, [nil, 2])], ml: 7)
        #expect(loadError(try G.bytes(mlTooNew))?.message.contains("ai.onnx.ml 7") == true)
        // Where exists from opset 9.
        let early = G.model(
            [G.node("Greater", ["x", "x"], ["c"]), G.node("Where", ["c", "x", "x"], ["y"], name: "w")],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])], opset: 8)
        let e = try #require(loadError(G.bytes(early)))
        #expect(e.message.contains("Where") && e.message.contains("opset 9"))
    }

    /// LogSoftmax stays finite for large scores (x − max − log Σ exp(x − max)).
    @Test func logSoftmaxIsStable() throws {
        let m = G.model([G.node("LogSoftmax", ["x"], ["y"], ["axis": .int(1)])], inputs: [G.value("x", 1, [nil, 3])],
            outputs: [G.value("y", 1, [nil, 3])], opset: 13)
        let model = try ONNXModel(bytes: G.bytes(m))
        let y = try model.predict(try Matrix<Float>([[1, 2, 3], [1000, 0, -1000]]))
        let l = 0.40760596444438  // log(e⁻² + e⁻¹ + 1)
        #expect(abs(y[0, 0] - (-2 - l)) < 1e-6 && abs(y[0, 2] - (-l)) < 1e-6)
        #expect(y[1, 0] == 0 && y[1, 1] == -1000 && y[1, 2] == -2000)
    }

    /// TopK keeps the lower index first among equal values; Transpose moves axes.
    @Test func topKTiesAndTranspose() throws {
        let k = G.int64s("k", [1], [2])
        let m = G.model(
            [
                G.node("TopK", ["x", "k"], ["v", "i"]), G.node("Cast", ["i"], ["fi"], ["to": .int(1)]),
                G.node("Concat", ["v", "fi"], ["y"], ["axis": .int(1)]),
            ], inputs: [G.value("x", 1, [nil, 4])], outputs: [G.value("y", 1, [nil, 4])], initializers: [k], opset: 13)
        let model = try ONNXModel(bytes: G.bytes(m))
        #expect(try model.predict(try Matrix<Float>([[3, 1, 3, 2], [0, 5, -1, 5]])) == Matrix<Double>([[3, 3, 0, 2], [5, 5, 1, 3]]))
        let t = G.model(
            [G.node("Transpose", ["x"], ["t"], ["perm": .ints([1, 0])]), G.node("Transpose", ["t"], ["y"])],
            inputs: [G.value("x", 1, [nil, 3])], outputs: [G.value("y", 1, [nil, 3])], opset: 13)
        let twice = try ONNXModel(bytes: G.bytes(t))
        #expect(try twice.predict(try Matrix<Float>([[1, 2, 3], [4, 5, 6]])) == Matrix<Double>([[1, 2, 3], [4, 5, 6]]))
    }

    /// Malformed nodes of the newer ops are refused at load with an error naming the node —
    /// never a trap, and never an allocation the file does not pay for.
    @Test func malformedNewOpsAreRefused() throws {
        func refused(_ node: Onnx_NodeProto, outputs: [Onnx_ValueInfoProto] = [G.value("y", 1, [nil, 2])],
                     initializers: [Onnx_TensorProto] = [], ml: Int64 = 1) throws -> ModelLoadingError? {
            let m = G.model([node], inputs: [G.value("x", 1, [nil, 2])], outputs: outputs, initializers: initializers, opset: 15, ml: ml)
            return loadError(try G.bytes(m))
        }
        let labels = [G.value("label", 7, [nil]), G.value("y", 1, [nil, 2])]
        // SVMClassifier: vectors_per_class beyond the support vectors; rho too short; kernel_params short.
        let svm = { (attrs: [String: G.Attribute]) in
            G.node("SVMClassifier", ["x"], ["label", "y"], name: "svm", domain: "ai.onnx.ml", attrs)
        }
        let base: [String: G.Attribute] = [
            "classlabels_ints": .ints([0, 1]), "vectors_per_class": .ints([1, 1]), "support_vectors": .floats([0, 0, 1, 1]),
            "coefficients": .floats([1, -1]), "rho": .floats([0]), "kernel_type": .string("RBF"), "kernel_params": .floats([0.5, 0, 3]),
        ]
        #expect(try refused(svm(base), outputs: labels) == nil)
        for (key, value) in [
            ("vectors_per_class", G.Attribute.ints([1_000_000_000, 1])), ("vectors_per_class", .ints([-1, 1])),
            ("rho", .floats([])), ("kernel_params", .floats([0.5])), ("coefficients", .floats([1])),
            ("support_vectors", .floats([0, 0, 1])),
        ] {
            var attrs = base
            attrs[key] = value
            let e = try refused(svm(attrs), outputs: labels)
            #expect(e != nil && e?.node == 0, "\(key)")
        }
        // OneHotEncoder with zeros = 0: the probe's zeros are not an error; scoring an unknown one is.
        let oheGraph = G.model(
            [G.node("OneHotEncoder", ["x"], ["h"], domain: "ai.onnx.ml", ["cats_int64s": .ints([1, 2]), "zeros": .int(0)]),
             G.node("Flatten", ["h"], ["y"])],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 4])])
        let ohe = try ONNXModel(bytes: G.bytes(oheGraph))
        #expect(try ohe.predict(try Matrix<Float>([[1, 2.7]])) == Matrix<Double>([[1, 0, 0, 1]]))
        #expect(throws: ScoringError.self) { try ohe.predict(try Matrix<Float>([[1, 5]])) }
        // FeatureVectorizer declaring 2^30 columns: refused at the probe (element limit), not allocated.
        let fv = G.node("FeatureVectorizer", ["x"], ["y"], domain: "ai.onnx.ml", ["inputdimensions": .ints([1 << 30])])
        let wide = try refused(fv)
        #expect(wide?.node == 0 && wide?.message.contains("probe rows failed") == true, "\(wide?.message ?? "loaded")")
        // ConstantOfShape from a data-independent huge shape.
        let huge = G.int64s("s", [2], [1 << 20, 1 << 20])
        let cos = G.node("ConstantOfShape", ["s"], ["y"], name: "big")
        #expect(try refused(cos, initializers: [huge]) != nil)
        // TreeEnsemble (ml 5): a child index outside the nodes, a leaf in two trees.
        func te5(_ attrs: [String: G.Attribute]) -> Onnx_NodeProto {
            var n = G.node("TreeEnsemble", ["x"], ["y"], name: "te", domain: "ai.onnx.ml", attrs)
            var modes = Onnx_AttributeProto()
            modes.name = "nodes_modes"
            modes.type = .tensor
            modes.t = G.tensor("", [1], dataType: 2) { $0.int32Data = [0] }
            var splits = Onnx_AttributeProto()
            splits.name = "nodes_splits"
            splits.type = .tensor
            splits.t = G.floats("", [1], [0.5])
            var weights = Onnx_AttributeProto()
            weights.name = "leaf_weights"
            weights.type = .tensor
            weights.t = G.floats("", [2], [1, 2])
            n.attribute += [modes, splits, weights]
            return n
        }
        let good: [String: G.Attribute] = [
            "tree_roots": .ints([0]), "nodes_featureids": .ints([1]), "nodes_truenodeids": .ints([0]), "nodes_trueleafs": .ints([1]),
            "nodes_falsenodeids": .ints([1]), "nodes_falseleafs": .ints([1]), "leaf_targetids": .ints([0, 0]), "n_targets": .int(1),
        ]
        let ok = G.model([te5(good)], inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 1])], ml: 5)
        let model = try ONNXModel(bytes: G.bytes(ok))
        #expect(try model.predict(try Matrix<Float>([[0, 0.2], [0, 0.9]])) == Matrix<Double>([[1], [2]]))
        for (key, value) in [
            ("nodes_falsenodeids", G.Attribute.ints([7])), ("tree_roots", .ints([0, 0])), ("leaf_targetids", .ints([0, 3])),
            ("nodes_trueleafs", .ints([0])),
        ] {
            var attrs = good
            attrs[key] = value
            let m = G.model([te5(attrs)], inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 1])], ml: 5)
            let e = loadError(try G.bytes(m))
            #expect(e != nil && e?.node == 0, "\(key)")
        }
        // Scan whose body reads a value from the outer graph: refused, naming the body's input.
        var body = Onnx_GraphProto()
        body.name = "body"
        body.input = [G.value("s", 1, [2]), G.value("e", 1, [2])]
        body.output = [G.value("s2", 1, [2]), G.value("o", 1, [2])]
        body.node = [G.node("Add", ["s", "outer"], ["s2"]), G.node("Identity", ["e"], ["o"])]
        var scan = G.node("Scan", ["x", "x"], ["y", "z"], name: "loop", ["num_scan_inputs": .int(1)])
        var g = Onnx_AttributeProto()
        g.name = "body"
        g.type = .graph
        g.g = body
        scan.attribute.append(g)
        let scanError = try refused(scan, outputs: [G.value("y", 1, [nil, 2])])
        #expect(scanError?.node == 0 && scanError?.message.contains("'outer'") == true)
    }

    /// skl2onnx lists the default domain twice with the same version; onnxruntime accepts it.
    @Test func repeatedOpsetImportOfOneVersionIsAccepted() throws {
        var m = G.model([G.node("Relu", ["x"], ["y"])], inputs: [G.value("x", 1, [nil, 2])],
            outputs: [G.value("y", 1, [nil, 2])], opset: 15)
        var again = Onnx_OperatorSetIdProto()
        again.domain = "ai.onnx"
        again.version = 15
        m.opsetImport.append(again)
        let model = try ONNXModel(bytes: G.bytes(m))
        let x = try Matrix<Float>([[-1, 2]])
        #expect(try model.predict(x) == Matrix<Double>([[0, 2]]))
        // Conflicting versions of one domain: an error naming both.
        again.version = 13
        m.opsetImport.append(again)
        let e = try #require(loadError(G.bytes(m)))
        #expect(e.code == .inconsistent)
        #expect(e.key == "opset_import")
        #expect(e.message.contains("ai.onnx") && e.message.contains("15") && e.message.contains("13"))
    }

    @Test func danglingInputIsRefused() throws {
        let m = G.model(
            [G.node("Add", ["x", "ghost"], ["y"], name: "adder")],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])])
        let e = try #require(loadError(G.bytes(m)))
        #expect(e.code == .inconsistent)
        #expect(e.message.contains("'ghost'") && e.message.contains("'adder'"))
    }

    @Test func cyclicGraphIsRefused() throws {
        let m = G.model(
            [
                G.node("Add", ["x", "b"], ["a"], name: "one"),
                G.node("Relu", ["a"], ["b"], name: "two"),
                G.node("Identity", ["a"], ["y"]),
            ],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])])
        let e = try #require(loadError(G.bytes(m)))
        #expect(e.code == .inconsistent)
        #expect(e.message.contains("cycle"))
    }

    @Test func wrongAttributeTypeIsRefused() throws {
        let m = G.model(
            [G.node("Gemm", ["x", "w"], ["y"], name: "g", ["alpha": .int(2)])],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])],
            initializers: [G.floats("w", [2, 2], [1, 0, 0, 1])])
        let e = try #require(loadError(G.bytes(m)))
        #expect(e.code == .invalidValue)
        #expect(e.message.contains("'alpha'") && e.message.contains("INT") && e.message.contains("FLOAT"))
        #expect(e.message.contains("(Gemm)"))
    }

    @Test func duplicateOutputAndBadInitializerAreRefused() throws {
        let dup = G.model(
            [G.node("Relu", ["x"], ["y"]), G.node("Neg", ["x"], ["y"], name: "again")],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])])
        #expect(loadError(try G.bytes(dup))?.message.contains("already defined") == true)
        // dims say 10^12 elements, the data has 2: refused without allocating.
        let huge = try G.binary("Add", features: 2, constant: G.floats("c", [1_000_000, 1_000_000], [1, 2]), outputWidth: 2)
        #expect(loadError(huge)?.code == .invalidValue)
        let short = try G.binary("Add", features: 2, constant: G.floats("c", [3], [1, 2]), outputWidth: 2)
        #expect(loadError(short)?.message.contains("holds 2") == true)
    }

    @Test func broadcastBombIsRefusedAtLoad() throws {
        // Two 120 KB constants whose broadcast is 9·10^8 floats (3.6 GB): the load-time probe
        // caps tensors at 2^24 elements and refuses the graph without allocating it.
        let column = G.floats("a", [30_000, 1], [Float](repeating: 1, count: 30_000))
        let row = G.floats("b", [1, 30_000], [Float](repeating: 2, count: 30_000))
        let m = G.model(
            [G.node("Mul", ["a", "b"], ["big"], name: "bomb"), G.node("Add", ["x", "big"], ["y"])],
            inputs: [G.value("x", 1, [nil, 30_000])], outputs: [G.value("y", 1, [nil, 30_000])],
            initializers: [column, row])
        let e = try #require(loadError(G.bytes(m)))
        #expect(e.message.contains("'bomb'") && e.message.contains("more than"))
    }

    @Test func formatDetectedWhateverTheFieldOrder() throws {
        let good = try G.binary("Add", features: 2, constant: G.floats("c", [2], [1, 2]), outputWidth: 2)
        #expect(try ModelLoader.detectFormat(of: good) == .onnx)
        // Move the leading ir_version field (tag 0x08, one-byte varint 8) to the end.
        #expect(good[0] == 0x08 && good[1] == 8)
        let reordered = Array(good[2...]) + [0x08, 8]
        #expect(try ModelLoader.detectFormat(of: reordered) == .onnx)
        let model = try ModelLoader.load(bytes: reordered)
        #expect(try model.predict(try Matrix<Float>([[1, 1]])) == Matrix<Double>([[2, 3]]))
    }

    @Test func truncatedAndGarbageBytesAreRefused() throws {
        let good = try G.binary("Add", features: 2, constant: G.floats("c", [2], [1, 2]), outputWidth: 2)
        for n in [0, 1, 5, good.count / 2, good.count - 1] {
            let e = loadError(Array(good.prefix(n)))
            #expect(e != nil, "prefix \(n) loaded")
        }
        #expect(loadError(Array("not a model at all".utf8))?.code != nil)
        #expect(try ONNXModel(bytes: good).schema.featureCount == 2)
    }

    @Test func malformedTreesAreRefused() throws {
        func tree(_ attributes: [String: G.Attribute]) throws -> ModelLoadingError? {
            var a: [String: G.Attribute] = [
                "nodes_treeids": .ints([0, 0, 0]), "nodes_nodeids": .ints([0, 1, 2]),
                "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_values": .floats([0.5, 0, 0]),
                "nodes_featureids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]),
                "nodes_falsenodeids": .ints([2, 0, 0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]),
                "target_treeids": .ints([0, 0]), "target_weights": .floats([1, 2]), "n_targets": .int(1),
            ]
            for (k, v) in attributes { a[k] = v }
            let m = G.model(
                [G.node("TreeEnsembleRegressor", ["x"], ["y"], name: "trees", domain: "ai.onnx.ml", a)],
                inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 1])])
            return loadError(try G.bytes(m))
        }
        #expect(try tree([:]) == nil)
        #expect(try tree(["nodes_truenodeids": .ints([7, 0, 0])])?.message.contains("true child 7 does not exist") == true)
        // 0 → 1 → 0: a cycle.
        let cycle = try tree([
            "nodes_modes": .strings(["BRANCH_LEQ", "BRANCH_LEQ", "LEAF"]), "nodes_truenodeids": .ints([1, 0, 0]),
            "nodes_falsenodeids": .ints([2, 2, 0]),
        ])
        #expect(cycle?.message.contains("cycle") == true)
        #expect(try tree(["nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "SIDEWAYS"])])?.message.contains("SIDEWAYS") == true)
        #expect(try tree(["nodes_values": .floats([0.5])])?.message.contains("'nodes_values' has 1") == true)
        #expect(try tree(["target_ids": .ints([0, 3])])?.message.contains("outside 0..<1") == true)
        #expect(try tree(["nodes_modes": .ints([1, 2, 3])])?.message.contains("expected STRINGS") == true)
        // A feature beyond the input's 2 columns fails the load-time probe, naming the node.
        let wide = try #require(try tree(["nodes_featureids": .ints([5, 0, 0])]))
        #expect(wide.message.contains("'trees'") && wide.message.contains("feature 5"))
        #expect(wide.node == 0)
    }

    @Test func modelInputAndOutputShapesAreChecked() throws {
        let noWidth = G.model([G.node("Relu", ["x"], ["y"])], inputs: [G.value("x", 1, [nil, nil])],
            outputs: [G.value("y", 1, [nil, 2])])
        let e = loadError(try G.bytes(noWidth))
        #expect(e?.code == .unsupported && e?.message.contains("[N, k] with a fixed k") == true)
        let complexInput = G.model([G.node("Relu", ["x"], ["y"])], inputs: [G.value("x", 14, [nil, 2])],
            outputs: [G.value("y", 1, [nil, 2])])
        #expect(loadError(try G.bytes(complexInput))?.code == .unsupported)
    }

    /// Several inputs: their columns, in declaration order, form the feature row; named
    /// values feed them directly, with numbers converted to each input's type.
    @Test func severalInputsFeedByPositionAndByName() throws {
        let m = G.model(
            [G.node("Cast", ["z"], ["zf"], ["to": .int(1)]), G.node("Add", ["x", "zf"], ["y"])],
            inputs: [G.value("x", 1, [nil, 2]), G.value("z", 7, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])])
        let model = try ONNXModel(bytes: G.bytes(m))
        #expect(model.schema.featureCount == 4)
        #expect(model.inputs.map(\.name) == ["x", "z"])
        #expect(model.inputs.map(\.elementType) == ["float", "int64"])
        #expect(model.inputs.map(\.featureOffset) == [0, 2])
        // z is int64: 3.9 truncates to 3, as numpy's astype.
        let x = try Matrix<Float>([[1, 2, 10, 3.9], [0.5, 0, -1, 7]])
        #expect(try model.predict(x) == Matrix<Double>([[11, 5], [-0.5, 7]]))
        let named = try model.predictWithLabels(
            inputs: ["x": .float([1, 2, 0.5, 0]), "z": .int64([10, 3, -1, 7])], rowCount: 2)
        #expect(try named.scores == Matrix<Double>([[11, 5], [-0.5, 7]]))
        // NaN cannot be fed to an int64 input; names are checked.
        let nan = try Matrix<Float>([[1, 2, .nan, 0]])
        #expect(throws: ScoringError.self) { try model.predict(nan) }
        let missing = #expect(throws: ScoringError.self) { try model.predictWithLabels(inputs: ["x": .float([1, 2])], rowCount: 1) }
        #expect(missing?.code == .invalidInput && missing?.field == "z")
        let unknown = #expect(throws: ScoringError.self) {
            try model.predictWithLabels(inputs: ["x": .float([1, 2]), "z": .int64([1, 2]), "w": .float([0])], rowCount: 1)
        }
        #expect(unknown?.code == .invalidInput && unknown?.field == "w")
        let short = #expect(throws: ScoringError.self) {
            try model.predictWithLabels(inputs: ["x": .float([1]), "z": .int64([1, 2])], rowCount: 1)
        }
        #expect(short?.code == .invalidShape)
        let wrongType = #expect(throws: ScoringError.self) {
            try model.predictWithLabels(inputs: ["x": .string(["a", "b"]), "z": .int64([1, 2])], rowCount: 1)
        }
        #expect(wrongType?.code == .invalidInput)
    }

    // MARK: Scoring paths

    @Test(arguments: ONNXFixture.all)
    func singleRowScorerMatchesBatch(_ fixture: ONNXFixture) throws {
        let model = try ONNXModel(contentsOf: fixture.modelPath)
        let x = try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()
        let batch = try model.predict(x)
        let scorer = try model.makeSingleRowScorer()
        for r in 0..<x.rows {
            let one = try scorer.predict(Array(x.row(r)))
            #expect(one == Array(batch.row(r)), "\(fixture.name) row \(r)")
        }
    }

    /// Graphs that are one tree ensemble score single rows directly on the flat engine; the
    /// others run the graph executor. Both give the batch path's values, bit for bit, also
    /// on rows with missing values (regression test for the validate-export latency gap).
    @Test(arguments: [
        ("onnx_xgboost_binary", "tree engine"), ("onnx_lightgbm_binary", "tree engine"),
        ("onnx_random_forest", "tree engine"), ("onnx_gradient_boosting", "tree engine"),
        ("onnx_logreg_binary", "graph executor"), ("onnx_mlp_classifier", "graph executor"),
        ("onnx_isolation_forest", "graph executor"),
    ])
    func singleRowPathFollowsTheGraph(_ name: String, _ path: String) throws {
        let fixture = ONNXFixture(name: name)
        let model = try ONNXModel(contentsOf: fixture.modelPath)
        #expect(model.modelDescription.details["single_row"] == path)
        let x = try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()
        var elements = x.elements
        for i in stride(from: 0, to: elements.count, by: 3) { elements[i] = .nan }
        let holes = try Matrix<Float>(rows: x.rows, columns: x.columns, elements: elements)
        let batch = try model.predict(holes)
        let scorer = try model.makeSingleRowScorer()
        for r in 0..<holes.rows {
            let one = try scorer.predict(Array(holes.row(r)))
            #expect(one.map(\.bitPattern) == Array(batch.row(r)).map(\.bitPattern), "\(name) row \(r)")
        }
    }

    /// A tree classifier of `classes` stumps on feature 0, one per class, every class scored.
    static func stumpClassifier(classes: Int) throws -> [UInt8] {
        let k = Int64(classes)
        var treeIDs: [Int64] = [], nodeIDs: [Int64] = [], features: [Int64] = [], modes: [String] = []
        var values: [Float] = [], trueIDs: [Int64] = [], falseIDs: [Int64] = []
        var classTrees: [Int64] = [], classNodes: [Int64] = [], classIDs: [Int64] = [], weights: [Float] = []
        for t in 0..<k {
            for (node, mode) in [(Int64(0), "BRANCH_LEQ"), (1, "LEAF"), (2, "LEAF")] {
                treeIDs.append(t)
                nodeIDs.append(node)
                features.append(0)
                modes.append(mode)
                values.append(mode == "LEAF" ? 0 : 0.5)
                trueIDs.append(node == 0 ? 1 : 0)
                falseIDs.append(node == 0 ? 2 : 0)
            }
            for (leaf, weight) in [(Int64(1), Float(t) * 0.01), (2, 1 - Float(t) * 0.01)] {
                classTrees.append(t)
                classNodes.append(leaf)
                classIDs.append(t)
                weights.append(weight)
            }
        }
        let node = G.node(
            "TreeEnsembleClassifier", ["x"], ["label", "probabilities"], domain: "ai.onnx.ml",
            [
                "nodes_treeids": .ints(treeIDs), "nodes_nodeids": .ints(nodeIDs), "nodes_featureids": .ints(features),
                "nodes_modes": .strings(modes), "nodes_values": .floats(values), "nodes_truenodeids": .ints(trueIDs),
                "nodes_falsenodeids": .ints(falseIDs), "class_treeids": .ints(classTrees),
                "class_nodeids": .ints(classNodes), "class_ids": .ints(classIDs), "class_weights": .floats(weights),
                "classlabels_int64s": .ints(Array(0..<k)), "post_transform": .string("SOFTMAX"),
            ])
        return try G.bytes(G.model(
            [node], inputs: [G.value("x", 1, [nil, 2])],
            outputs: [G.value("label", 7, [nil]), G.value("probabilities", 1, [nil, k])]))
    }

    /// The direct single-row path keeps its scratch in a fixed stack block: ensembles whose
    /// scratch does not fit (31 classes need 527 bytes of 512) must take the graph executor —
    /// regression test for a size check that undercounted and let 31 classes write past it.
    @Test(arguments: [(3, "tree engine"), (20, "tree engine"), (31, "graph executor"), (40, "graph executor")])
    func manyClassEnsemblesFitOrLeaveTheDirectPath(_ classes: Int, _ path: String) throws {
        let model = try ONNXModel(bytes: Self.stumpClassifier(classes: classes))
        #expect(model.modelDescription.details["tree_engine"]?.hasPrefix("flat") == true)
        #expect(model.modelDescription.details["single_row"] == path)
        let rows: [[Float]] = [[0.2, 1], [0.9, -1], [.nan, 0]]
        let x = try Matrix<Float>(rows: 3, columns: 2, elements: rows.flatMap { $0 })
        let batch = try model.predict(x)
        let scorer = try model.makeSingleRowScorer()
        for (r, row) in rows.enumerated() {
            #expect(try scorer.predict(row).map(\.bitPattern) == Array(batch.row(r)).map(\.bitPattern), "row \(r)")
        }
        #expect(abs(batch.row(0).reduce(0, +) - 1) < 1e-5)
    }

    @Test(arguments: ONNXFixture.all)
    func resultsDoNotDependOnThreadsOrChunks(_ fixture: ONNXFixture) throws {
        let model = try ONNXModel(contentsOf: fixture.modelPath)
        let x = try FixtureCSV(path: fixture.folder + "/X.csv").floatMatrix()
        // Enough rows for several chunks: the fixture rows repeated.
        var elements: [Float] = []
        for _ in 0..<12 { elements.append(contentsOf: x.elements) }
        let big = try Matrix<Float>(rows: x.rows * 12, columns: x.columns, elements: elements)
        let one = try model.predict(big, options: .init(threads: 1))
        let two = try model.predict(big, options: .init(threads: 2))
        let three = try model.predict(big, options: .init(threads: 3))
        #expect(one == two)
        #expect(one == three)
        let small = try model.predict(x)
        #expect(Array(one.elements.prefix(small.elements.count)) == small.elements)
        let labeled = try model.predictWithLabels(big, options: .init(threads: 2))
        #expect(labeled.labels.count == (model.hasLabels ? big.rows : 0))
    }

    @Test func fixtureModelsDescribeThemselves() throws {
        let rf = try ONNXModel(contentsOf: ONNXFixture(name: "onnx_random_forest").modelPath)
        #expect(rf.modelDescription.format == .onnx)
        #expect(rf.modelDescription.treeCount == 20)
        #expect(rf.modelDescription.details["tree_engine"]?.hasPrefix("flat") == true)
        #expect(rf.modelDescription.details["row_separable"] == "true")
        #expect(rf.classLabels == ["0", "1"])
        #expect(rf.outputNames == ["label", "probabilities"])
        let iso = try ONNXModel(contentsOf: ONNXFixture(name: "onnx_isolation_forest").modelPath)
        #expect(iso.outputKind == .anomalyScore)
        #expect(try iso.outputColumnNames() == ["score"])
        let gb = try ONNXModel(contentsOf: ONNXFixture(name: "onnx_gradient_boosting").modelPath)
        #expect(gb.outputKind == .multiclassProbabilities(classCount: 3))
        #expect(throws: ScoringError.self) { try gb.predict(try Matrix<Float>(rows: 1, columns: 6), options: .init(output: .rawMargin)) }
        #expect(throws: ScoringError.self) { try gb.outputColumnNames(for: .init(output: .rawMargin)) }
        #expect(ONNXModel.supportedOperators.contains("ai.onnx.ml:TreeEnsembleClassifier"))
        #expect(ONNXModel.supportedOperators.count >= 41)
    }
}
