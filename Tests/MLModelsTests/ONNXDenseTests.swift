import MLCore
import MLTesting
import Testing

@testable import MLModels

/// Dense graphs (MatMul/Gemm, bias, activation): the load-time fusion gives the unfused plan's
/// values bit for bit, hand-computed values come out exactly, and a row's value does not depend
/// on the batch it is scored in, the chunking or the thread count.
@Suite struct ONNXDenseTests {
    typealias G = GraphBuilder

    /// `count` values in [-1, 1) from a fixed seed.
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { _ in Float.random(in: -1..<1, using: &rng) }
    }

    /// An MLP as skl2onnx writes it (`MatMul → Add → Relu` per hidden layer, then
    /// `MatMul → Add → Sigmoid`), widths chosen so that panels (8 columns) and tiles (6 rows)
    /// have ragged ends; plus a PyTorch-style `Gemm(transB) → Tanh` head with alpha, beta and a
    /// `[1, n]` bias reading the same hidden layer.
    static func mlp(features: Int = 11, hidden: [Int] = [37, 20], seed: UInt64 = 7) throws -> [UInt8] {
        var nodes: [Onnx_NodeProto] = []
        var initializers: [Onnx_TensorProto] = []
        var width = features
        var value = "x"
        for (l, h) in hidden.enumerated() {
            initializers.append(G.floats("w\(l)", [Int64(width), Int64(h)], values(width * h, seed: seed + UInt64(l))))
            initializers.append(G.floats("b\(l)", [1, Int64(h)], values(h, seed: seed + 100 + UInt64(l))))
            nodes += [
                G.node("MatMul", [value, "w\(l)"], ["mm\(l)"]), G.node("Add", ["mm\(l)", "b\(l)"], ["z\(l)"]),
                G.node("Relu", ["z\(l)"], ["h\(l)"]),
            ]
            width = h
            value = "h\(l)"
        }
        initializers.append(G.floats("wo", [Int64(width), 3], values(width * 3, seed: seed + 200)))
        initializers.append(G.floats("bo", [3], values(3, seed: seed + 201)))
        nodes += [G.node("MatMul", [value, "wo"], ["mo"]), G.node("Add", ["bo", "mo"], ["zo"]), G.node("Sigmoid", ["zo"], ["y"])]
        // Gemm head: B stored [n, k] (transB), C a row of biases.
        initializers.append(G.floats("wg", [5, Int64(width)], values(5 * width, seed: seed + 300)))
        initializers.append(G.floats("cg", [1, 5], values(5, seed: seed + 301)))
        nodes += [
            G.node("Gemm", [value, "wg", "cg"], ["g"], ["transB": .int(1), "alpha": .float(0.75), "beta": .float(-1.5)]),
            G.node("Tanh", ["g"], ["t"]), G.node("Concat", ["y", "t"], ["out"], ["axis": .int(1)]),
        ]
        return try G.bytes(G.model(
            nodes, inputs: [G.value("x", 1, [nil, Int64(features)])], outputs: [G.value("out", 1, [nil, 8])],
            initializers: initializers))
    }

    /// The graph's output `name` computed by the plan as built, without load-time
    /// specialization or fusion: MatMul, Add and Relu each run as their own step.
    static func unfused(_ bytes: [UInt8], _ x: Matrix<Float>, output name: String) throws -> [Float] {
        let plan = try _ONNXPlan.build(_ONNXPlan.decode(bytes))
        var context = plan.makeContext()
        context.values[plan.inputs[0].slot] = _ONNXTensor(floats: x.elements, shape: _ONNXShape(x.rows, x.columns))
        try plan.run(&context)
        let slot = try #require(plan.outputs.first { $0.name == name }).slot
        return context.values[slot].f32
    }

    static func rows(_ count: Int, _ features: Int, seed: UInt64 = 99) throws -> Matrix<Float> {
        var x = values(count * features, seed: seed).map { $0 * 3 }
        // A few missing values: NaN must flow through the fused stages as through the ops.
        for i in stride(from: 5, to: x.count, by: 97) { x[i] = .nan }
        return try Matrix(rows: count, columns: features, elements: x)
    }

    @Test func fusedMLPGivesTheUnfusedValuesBitForBit() throws {
        let bytes = try Self.mlp()
        let model = try ONNXModel(bytes: bytes)
        // Three hidden/output layers and the Gemm head are fused; their Adds and activations are gone.
        #expect(model.plan.steps.filter { $0.kernel is _DenseLayerKernel }.count == 4)
        #expect(!model.plan.steps.contains { $0.kernel is _UnaryKernel || $0.kernel is _BinaryArithmeticKernel })
        for count in [1, 5, 6, 7, 300] {
            let x = try Self.rows(count, 11)
            let fused = try model.predict(x).elements.map { Float($0).bitPattern }
            let reference = try Self.unfused(bytes, x, output: "out").map(\.bitPattern)
            #expect(fused == reference, "\(count) rows")
        }
    }

    @Test func handComputedLayer() throws {
        // x·W = [[1, 2, 0], [3, -4, 10]]; + b; Relu (−0 and negatives to 0).
        let m = G.model(
            [G.node("MatMul", ["x", "w"], ["mm"]), G.node("Add", ["mm", "b"], ["z"]), G.node("Relu", ["z"], ["y"])],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 3])],
            initializers: [G.floats("w", [2, 3], [1, 0, 2, 0, 1, -1]), G.floats("b", [1, 3], [0.5, -10, 0])])
        let model = try ONNXModel(bytes: try G.bytes(m))
        #expect(model.plan.steps.count == 1)
        let x = try Matrix<Float>([[1, 2], [3, -4]])
        #expect(try model.predict(x) == Matrix<Double>([[1.5, 0, 0], [3.5, 0, 10]]))
        #expect(try model.makeSingleRowScorer().predict([3, -4]) == [3.5, 0, 10])
    }

    @Test func handComputedGemm() throws {
        // Y = 2·x·Bᵀ + 0.5·C, B stored [n, k] = [[1, 1], [1, -1], [0, 3]], C = [2, 4, -6]; then Relu.
        let m = G.model(
            [
                G.node("Gemm", ["x", "b", "c"], ["g"], ["transB": .int(1), "alpha": .float(2), "beta": .float(0.5)]),
                G.node("Relu", ["g"], ["y"]),
            ],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 3])],
            initializers: [G.floats("b", [3, 2], [1, 1, 1, -1, 0, 3]), G.floats("c", [3], [2, 4, -6])])
        let model = try ONNXModel(bytes: try G.bytes(m))
        #expect(model.plan.steps.count == 1)
        let x = try Matrix<Float>([[1, 2], [-1, 0.5]])
        // Row 0: x·Bᵀ = [3, -1, 6] → [6, -2, 12] + [1, 2, -3] = [7, 0, 9].
        // Row 1: x·Bᵀ = [-0.5, -1.5, 1.5] → [-1, -3, 3] + [1, 2, -3] = [0, -1, 0] → Relu [0, 0, 0].
        #expect(try model.predict(x) == Matrix<Double>([[7, 0, 9], [0, 0, 0]]))
    }

    /// Chains that must not be fused keep their steps and their values: a product read twice
    /// (the Add and the graph output) and a bias that is not a row (`[N, 1]`-like input).
    @Test func sharedOrNonBiasValuesAreNotAbsorbed() throws {
        let shared = G.model(
            [G.node("MatMul", ["x", "w"], ["mm"]), G.node("Add", ["mm", "b"], ["z"]), G.node("Concat", ["mm", "z"], ["y"], ["axis": .int(1)])],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 6])],
            initializers: [G.floats("w", [2, 3], [1, 0, 2, 0, 1, -1]), G.floats("b", [3], [0.5, -10, 0])])
        let bytes = try G.bytes(shared)
        let model = try ONNXModel(bytes: bytes)
        #expect(model.plan.steps.contains { $0.kernel is _BinaryArithmeticKernel })
        let x = try Matrix<Float>([[1, 2], [3, -4]])
        #expect(try model.predict(x) == Matrix<Double>([[1, 2, 0, 1.5, -8, 0], [3, -4, 10, 3.5, -14, 10]]))
        // The bias is the input itself: input-dependent, so the Add stays an Add.
        let own = G.model(
            [G.node("MatMul", ["x", "w"], ["mm"]), G.node("Add", ["mm", "x"], ["y"])],
            inputs: [G.value("x", 1, [nil, 2])], outputs: [G.value("y", 1, [nil, 2])],
            initializers: [G.floats("w", [2, 2], [1, 0, 0, 1])])
        let ownModel = try ONNXModel(bytes: try G.bytes(own))
        #expect(ownModel.plan.steps.contains { $0.kernel is _BinaryArithmeticKernel })
        #expect(try ownModel.predict(x) == Matrix<Double>([[2, 4], [6, -8]]))
    }

    /// 2,000 rows: four chunks of 512 (the last one ragged), tiles of 6 with ragged ends. A row's
    /// value is the same in any batch, at any thread count, and from the single-row scorer.
    @Test func rowsDoNotDependOnBatchChunksOrThreads() throws {
        let model = try ONNXModel(bytes: try Self.mlp(features: 23, hidden: [65, 17], seed: 3))
        let x = try Self.rows(2000, 23, seed: 5)
        let one = try model.predict(x, options: .init(threads: 1))
        for threads in [2, 3, 8] {
            let many = try model.predict(x, options: .init(threads: threads))
            #expect(many.elements.map(\.bitPattern) == one.elements.map(\.bitPattern), "\(threads) threads")
        }
        // Rows 701..<1300 in a batch of their own sit at other positions of other chunks.
        let part = try model.predict(x.rows(701..<1300))
        #expect(part.elements.map(\.bitPattern) == one.rows(701..<1300).elements.map(\.bitPattern))
        let scorer = try model.makeSingleRowScorer()
        for r in stride(from: 0, to: 2000, by: 7) {
            #expect(try scorer.predict(Array(x.row(r))).map(\.bitPattern) == Array(one.row(r)).map(\.bitPattern), "row \(r)")
        }
    }

    /// The product kernels on their own: the six-row tile and the one-row kernel give the same
    /// bits, and both are the float sum `(…(0 + a₀b₀) + a₁b₁) + …` in order.
    @Test(arguments: [(1, 1), (5, 8), (13, 9), (50, 33), (64, 1)])
    func productIsTheOrderedSum(_ k: Int, _ n: Int) throws {
        let rows = 13
        let a = Self.values(rows * k, seed: UInt64(k))
        let b = Self.values(k * n, seed: UInt64(n + 1000))
        let layer = _DenseLayer(weights: _PackedMatrix(b, k: k, n: n, transposed: false), stages: [])
        var batch = [Float](repeating: .nan, count: rows * n)
        a.withUnsafeBufferPointer { ap in
            batch.withUnsafeMutableBufferPointer { layer.apply(ap.baseAddress, rows: rows, rowStride: k, columnStride: 1, into: $0.baseAddress!) }
        }
        for r in 0..<rows {
            var single = [Float](repeating: .nan, count: n)
            a.withUnsafeBufferPointer { ap in
                single.withUnsafeMutableBufferPointer {
                    layer.apply(ap.baseAddress! + r * k, rows: 1, rowStride: k, columnStride: 1, into: $0.baseAddress!)
                }
            }
            var expected = [Float](repeating: 0, count: n)
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k { sum = sum + a[r * k + p] * b[p * n + j] }
                expected[j] = sum
            }
            #expect(single.map(\.bitPattern) == expected.map(\.bitPattern), "row \(r) alone")
            #expect(Array(batch[(r * n)..<(r * n + n)]).map(\.bitPattern) == expected.map(\.bitPattern), "row \(r) in the batch")
        }
    }

    /// The stages, in registers (scale, bias, Relu before any Sigmoid/Tanh) or on stored rows
    /// (after one), are the ops' arithmetic: compared with the ops written out element by element.
    @Test(arguments: 0..<3)
    func stagesAreTheOpsArithmetic(_ chain: Int) throws {
        let (rows, k, n) = (13, 9, 21)
        var a = Self.values(rows * k, seed: 41).map { $0 * 4 }
        a[3] = .nan
        let b = Self.values(k * n, seed: 42)
        let bias = Self.values(n, seed: 43)
        let stages: [_DenseStage] = [
            [.scale(0.5), .add(bias, biasFirst: false), .relu],
            [.add(bias, biasFirst: true), .sigmoid, .add(bias, biasFirst: false), .relu, .scale(-2), .tanh],
            [.relu, .add(bias, biasFirst: false), .relu],
        ][chain]
        let layer = _DenseLayer(weights: _PackedMatrix(b, k: k, n: n, transposed: false), stages: stages)
        var out = [Float](repeating: .nan, count: rows * n)
        a.withUnsafeBufferPointer { ap in
            out.withUnsafeMutableBufferPointer { layer.apply(ap.baseAddress, rows: rows, rowStride: k, columnStride: 1, into: $0.baseAddress!) }
        }
        for r in 0..<rows {
            for j in 0..<n {
                var v: Float = 0
                for p in 0..<k { v = v + a[r * k + p] * b[p * n + j] }
                for stage in stages {
                    switch stage {
                    case .scale(let s): v = s * v
                    case .add(let c, let first): v = first ? c[j] + v : v + c[j]
                    case .relu: v = v.isNaN ? v : (v > 0 ? v : 0)
                    case .sigmoid: v = _MLMath.mlasLogistic(v)
                    case .tanh: v = _Math.tanh(v)
                    }
                }
                #expect(out[r * n + j].bitPattern == v.bitPattern, "row \(r) column \(j)")
            }
        }
    }

    /// skl2onnx's MLP fixture is fused (and still matches onnxruntime: ONNXFixtureTests).
    @Test func mlpFixtureIsFused() throws {
        let model = try ONNXModel(contentsOf: ONNXFixture(name: "onnx_mlp_classifier").modelPath)
        #expect(model.plan.steps.contains { $0.kernel is _DenseLayerKernel })
        #expect(model.modelDescription.details["plan_steps"]?.contains("fused") == true)
    }
}
