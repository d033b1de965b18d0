#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MLTesting
import Testing

@testable import MLModels

/// One reference case of `Fixtures/onnx_ops/cases.json`: a small graph, its inputs and what
/// onnxruntime 1.32.0 computed (made by `generate.py`).
struct ONNXOperatorCase: Decodable, Sendable, CustomStringConvertible {
    struct Value: Decodable, Sendable {
        let name: String
        let type: String
        let shape: [Int]
        let data: [Scalar]
    }

    /// A JSON element: a float as its repr text, an integer, a bool or a string.
    enum Scalar: Decodable, Sendable {
        case number(String)
        case integer(Int64)
        case bool(Bool)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int64.self) {
                self = .integer(i)
            } else {
                self = .number(try c.decode(String.self))
            }
        }

        var text: String {
            switch self {
            case .number(let s): return s
            case .integer(let i): return String(i)
            case .bool(let b): return b ? "1" : "0"
            }
        }

        var double: Double {
            switch self {
            case .number(let s): return Double(s) ?? .nan
            case .integer(let i): return Double(i)
            case .bool(let b): return b ? 1 : 0
            }
        }

        var int64: Int64 {
            if case .integer(let i) = self { return i }
            return Int64(double)
        }
    }

    let name: String
    let model: String
    let inputs: [Value]
    let outputs: [Value]
    let tolerance: Double

    var description: String { name }

    static let all: [ONNXOperatorCase] = {
        struct File: Decodable { let cases: [ONNXOperatorCase] }
        let path = FixtureLocator(testFile: #filePath).path("onnx_ops/cases.json")
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.cases
    }()
}

extension ONNXOperatorCase.Value {
    func tensor() throws -> _ONNXTensor {
        let shape = try _ONNXShape(self.shape)
        switch type {
        case "float": return _ONNXTensor(floats: data.map { Float($0.double) }, shape: shape)
        case "double": return _ONNXTensor(doubles: data.map(\.double), shape: shape)
        case "int64": return _ONNXTensor(int64s: data.map(\.int64), shape: shape)
        case "int32": return _ONNXTensor(int32s: data.map { Int32($0.int64) }, shape: shape)
        case "uint8": return _ONNXTensor(uint8s: data.map { UInt8($0.int64) }, shape: shape)
        case "int8": return _ONNXTensor(int8s: data.map { Int8($0.int64) }, shape: shape)
        case "bool": return _ONNXTensor(bools: data.map { $0.double != 0 }, shape: shape)
        default: return _ONNXTensor(strings: data.map(\.text), shape: shape)
        }
    }
}

/// Every op family against onnxruntime on hand-made graphs: broadcasting, integer and
/// special-value semantics, opset differences, ai.onnx.ml ops and tree-ensemble corner cases
/// (modes, NaN routing, aggregates, base values, the binary one-column case, transforms).
/// Tree ensembles run twice: on the generic evaluator and on the flat tree engine.
@Suite struct ONNXOperatorTests {
    @Test func casesArePresent() {
        #expect(ONNXOperatorCase.all.count >= 200)
    }

    @Test(arguments: ONNXOperatorCase.all)
    func matchesOnnxRuntime(_ c: ONNXOperatorCase) throws {
        guard let bytes = Data(base64Encoded: c.model) else {
            Issue.record("bad base64 in \(c.name)")
            return
        }
        let plan = try _ONNXPlan.build(try _ONNXPlan.decode([UInt8](bytes)))
        var context = plan.makeContext()
        for input in c.inputs {
            guard let slot = plan.inputs.first(where: { $0.name == input.name })?.slot else {
                Issue.record("\(c.name): no input \(input.name)")
                return
            }
            context.values[slot] = try input.tensor()
        }
        var flat = plan.replacingKernels { step in
            guard let k = step.kernel as? _TreeEnsembleKernel, let s = step.inputs.first, s >= 0 else { return nil }
            let x = context.values[s]
            guard x.rank == 2 else { return nil }
            let prepared = k.preparingForest(featureCount: x.shape[1])
            return prepared.usesForest ? prepared : nil
        }
        try check(plan, context, c, "generic")
        let usesFlatEngine = flat.steps.contains { ($0.kernel as? _TreeEnsembleKernel)?.usesForest == true }
        if usesFlatEngine {
            try check(flat, context, c, "flat tree engine")
        }
        // Plain float trees with LEQ/LT/GTE/GT, SUM/AVERAGE and a fixed set of scored classes
        // must take the flat engine.
        let flatEligible = ["TreeClassifier_binary", "TreeRegressor_BRANCH_LEQ",
            "TreeRegressor_BRANCH_LT", "TreeRegressor_BRANCH_GT", "TreeRegressor_SUM", "TreeRegressor_AVERAGE"]
        if flatEligible.contains(where: { c.name.hasPrefix($0) }) {
            #expect(usesFlatEngine, "\(c.name) should run on the flat tree engine")
        }
        flat = plan
    }

    private func check(_ plan: _ONNXPlan, _ start: _ONNXRunContext, _ c: ONNXOperatorCase, _ path: String) throws {
        var context = start
        try plan.run(&context)
        for expected in c.outputs {
            guard let slot = plan.outputs.first(where: { $0.name == expected.name })?.slot else {
                Issue.record("\(c.name): no output \(expected.name)")
                continue
            }
            let actual = context.values[slot]
            #expect(actual.shape.dims == expected.shape || expected.type == "float" && actual.count == expected.data.count,
                "\(c.name) (\(path)) \(expected.name): shape \(actual.shape) vs \(expected.shape)")
            switch expected.type {
            case "float", "double":
                let values = (0..<actual.count).map { actual.doubleValue(at: $0) ?? .nan }
                let tolerance = Tolerance(absolute: c.tolerance, relative: c.tolerance)
                expectClose(values, expected.data.map(\.double), tolerance, "\(c.name) (\(path)) \(expected.name)")
            case "string":
                #expect(actual.strings == expected.data.map(\.text), "\(c.name) (\(path)) \(expected.name)")
            case "bool":
                #expect(actual.bools == expected.data.map { $0.double != 0 }, "\(c.name) (\(path)) \(expected.name)")
            default:
                let values = (0..<actual.count).map { actual.doubleValue(at: $0) ?? .nan }
                #expect(values == expected.data.map(\.double), "\(c.name) (\(path)) \(expected.name): \(actual.type)")
            }
        }
    }
}
