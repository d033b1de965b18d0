#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SwiftProtobuf

/// A graph input or output as declared in the file.
struct _ONNXGraphValue: Sendable {
    let name: String
    let slot: Int
    /// Declared tensor element type (`nil` when undeclared or not a tensor).
    let type: _ONNXElementType?
    /// Declared dimensions (`nil` entries are symbolic or unknown); `nil` without a shape.
    let dims: [Int?]?
    /// Declared as `seq(map(...))` (ZipMap's output).
    let isSequenceOfMaps: Bool
}

/// A validated, topologically ordered execution plan for an ONNX graph.
///
/// Built once at load time: opsets checked, every node turned into a kernel (attributes
/// parsed and checked), every input produced before use (graph inputs, initializers, earlier
/// nodes), no name produced twice, no cycles. Immutable and `Sendable`; each run uses its
/// own ``_ONNXRunContext``.
final class _ONNXPlan: Sendable {
    let steps: [_ONNXStep]
    let slotCount: Int
    let constants: [(slot: Int, tensor: _ONNXTensor)]
    let inputs: [_ONNXGraphValue]
    let outputs: [_ONNXGraphValue]
    /// Per slot: whether the value depends on a graph input (not only on constants).
    let dependsOnInput: [Bool]
    /// `domain:op` of every node, in graph order.
    let operators: [String]
    let opsets: [String: Int]
    /// Nodes in the graph (before unused ones are dropped).
    let nodeCount: Int

    private init(
        steps: [_ONNXStep], slotCount: Int, constants: [(slot: Int, tensor: _ONNXTensor)], inputs: [_ONNXGraphValue],
        outputs: [_ONNXGraphValue], dependsOnInput: [Bool], operators: [String], opsets: [String: Int], nodeCount: Int
    ) {
        self.steps = steps
        self.slotCount = slotCount
        self.constants = constants
        self.inputs = inputs
        self.outputs = outputs
        self.dependsOnInput = dependsOnInput
        self.operators = operators
        self.opsets = opsets
        self.nodeCount = nodeCount
    }

    /// The same plan with some steps' kernels replaced (load-time specialization).
    func replacingKernels(_ replace: (_ONNXStep) -> (any _ONNXKernel)?) -> _ONNXPlan {
        let newSteps = steps.map { s in
            replace(s).map { _ONNXStep(kernel: $0, inputs: s.inputs, outputs: s.outputs, nodeIndex: s.nodeIndex, label: s.label) } ?? s
        }
        return _ONNXPlan(
            steps: newSteps, slotCount: slotCount, constants: constants, inputs: inputs, outputs: outputs,
            dependsOnInput: dependsOnInput, operators: operators, opsets: opsets, nodeCount: nodeCount)
    }

    /// The plan without the steps that only copy a value (each kernel says when its step does:
    /// ``_ONNXKernel/copiedInput(_:output:probe:)``; `probe` holds every slot's value from a
    /// probe run, so types and shapes are known). Readers of a removed step's output read its
    /// input instead. Results are bit-identical.
    func removingCopies(probe context: _ONNXRunContext) -> _ONNXPlan {
        var alias = Array(0..<slotCount)
        let probe = _ONNXProbeValues(context: context, constantSlots: Set(constants.map(\.slot)))
        var kept: [_ONNXStep] = []
        for step in steps {
            let inputs = step.inputs.map { $0 >= 0 ? alias[$0] : $0 }
            if step.outputs.count == 1, let out = step.outputs.first, out >= 0,
                let source = step.kernel.copiedInput(inputs, output: probe.value(out), probe: probe), source >= 0
            {
                alias[out] = source
                continue
            }
            kept.append(_ONNXStep(kernel: step.kernel, inputs: inputs, outputs: step.outputs, nodeIndex: step.nodeIndex, label: step.label))
        }
        let newOutputs = outputs.map {
            _ONNXGraphValue(name: $0.name, slot: alias[$0.slot], type: $0.type, dims: $0.dims, isSequenceOfMaps: $0.isSequenceOfMaps)
        }
        return _ONNXPlan(
            steps: kept, slotCount: slotCount, constants: constants, inputs: inputs, outputs: newOutputs,
            dependsOnInput: dependsOnInput, operators: operators, opsets: opsets, nodeCount: nodeCount)
    }

    /// A fresh run context with the constants in place (shared storage, never written).
    func makeContext() -> _ONNXRunContext {
        var c = _ONNXRunContext(slotCount: slotCount)
        for (slot, t) in constants { c.values[slot] = t }
        return c
    }

    /// Runs every step in order.
    /// - Throws: ``_ONNXError`` whose message starts with the failing node's label.
    func run(_ context: inout _ONNXRunContext) throws {
        for step in steps {
            do {
                try step.kernel.run(&context, step)
            } catch let e as _ONNXError {
                throw _ONNXError("\(step.label): \(e.message)", unsupported: e.isUnsupported, nodeIndex: step.nodeIndex)
            }
        }
    }

    // MARK: - Building

    static let supportedIRVersions = 3...12

    /// Serializes a `ModelProto` (tests build graphs with the generated types).
    static func encode(_ model: Onnx_ModelProto) throws -> [UInt8] {
        try model.serializedBytes()
    }

    /// Whether `bytes` decode as a `ModelProto` with an IR version and a graph (format detection).
    static func looksLikeModel(_ bytes: [UInt8]) -> Bool {
        guard let m = try? decode(bytes) else { return false }
        return m.hasIrVersion && m.hasGraph
    }

    /// Decodes a serialized `ModelProto`.
    /// - Throws: ``ModelLoadingError/Code/malformed`` for bytes that are not one.
    static func decode(_ bytes: [UInt8]) throws -> Onnx_ModelProto {
        do {
            var options = BinaryDecodingOptions()
            options.messageDepthLimit = 64
            return try Onnx_ModelProto(serializedBytes: bytes, options: options)
        } catch {
            throw ModelLoadingError(.malformed, "not a valid ONNX protobuf (\(error))")
        }
    }

    /// Parses and validates `model` into a plan.
    /// - Throws: ``ModelLoadingError`` naming the node, op and attribute at fault.
    static func build(_ model: Onnx_ModelProto) throws -> _ONNXPlan {
        guard model.hasIrVersion else { throw ModelLoadingError(.missingKey, "the model has no ir_version", key: "ir_version") }
        guard supportedIRVersions.contains(Int(clamping: model.irVersion)) else {
            throw ModelLoadingError(
                .unsupported, "IR version \(model.irVersion) is not supported (supported: \(supportedIRVersions))", key: "ir_version")
        }
        guard model.hasGraph else { throw ModelLoadingError(.missingKey, "the model has no graph", key: "graph") }
        // Opsets.
        var opsets: [String: Int] = [:]
        for o in model.opsetImport {
            let domain = o.domain.isEmpty ? "ai.onnx" : o.domain
            guard o.version >= 1, o.version <= 1000 else {
                throw ModelLoadingError(.invalidValue, "opset import \(domain) has version \(o.version)", key: "opset_import")
            }
            // A repeated import of one version is harmless (skl2onnx writes the default domain
            // twice); onnxruntime accepts it. Two versions of one domain cannot both hold.
            if let earlier = opsets[domain], earlier != Int(o.version) {
                throw ModelLoadingError(
                    .inconsistent, "opset \(domain) is imported with two versions, \(earlier) and \(o.version)", key: "opset_import")
            }
            opsets[domain] = Int(o.version)
        }
        for (domain, version) in opsets {
            guard let range = _ONNXOperators.supportedOpsets[domain] else { continue }
            guard range.contains(version) else {
                throw ModelLoadingError(
                    .unsupported, "opset \(domain) \(version) is not supported (supported: \(range.lowerBound)...\(range.upperBound))", key: "opset_import")
            }
        }
        return try build(graph: model.graph, opsets: opsets)
    }

    /// Parses and validates `graph` into a plan, its nodes resolved against `opsets` (the
    /// model's graph, or a loop body, whose inputs are the body's own inputs).
    /// - Throws: ``ModelLoadingError`` naming the node, op and attribute at fault.
    static func build(graph: Onnx_GraphProto, opsets: [String: Int]) throws -> _ONNXPlan {
        if !graph.sparseInitializer.isEmpty {
            throw ModelLoadingError(.unsupported, "sparse initializers are not supported", key: "sparse_initializer")
        }
        var slots: [String: Int] = [:]
        var depends: [Bool] = []
        var constants: [(slot: Int, tensor: _ONNXTensor)] = []
        func newSlot(_ name: String, dependsOnInput: Bool) -> Int {
            let s = depends.count
            slots[name] = s
            depends.append(dependsOnInput)
            return s
        }
        // Initializers.
        for (i, t) in graph.initializer.enumerated() {
            guard !t.name.isEmpty else { throw ModelLoadingError(.missingKey, "initializer \(i) has no name", key: "initializer") }
            guard slots[t.name] == nil else {
                throw ModelLoadingError(.inconsistent, "initializer '\(t.name)' is defined twice", key: "initializer")
            }
            let tensor: _ONNXTensor
            do {
                tensor = try _ONNXTensorProto.decode(t, what: "initializer '\(t.name)'")
            } catch let e as _ONNXError {
                throw ModelLoadingError(e.isUnsupported ? .unsupported : .invalidValue, e.message, key: "initializer")
            }
            constants.append((newSlot(t.name, dependsOnInput: false), tensor))
        }
        // Graph inputs (those that are not initializers; IR < 4 lists initializers as inputs too).
        var inputs: [_ONNXGraphValue] = []
        for v in graph.input where slots[v.name] == nil {
            guard !v.name.isEmpty else { throw ModelLoadingError(.missingKey, "a graph input has no name", key: "input") }
            let (type, dims, _) = try declaredType(v, what: "input '\(v.name)'")
            inputs.append(_ONNXGraphValue(
                name: v.name, slot: newSlot(v.name, dependsOnInput: true), type: type, dims: dims, isSequenceOfMaps: false))
        }
        // Nodes: kernels and slots.
        struct Pending {
            let info: _ONNXNodeInfo
            let kernel: any _ONNXKernel
            let inputNames: [String]
            let outputNames: [String]
        }
        var pending: [Pending] = []
        var producers: [String: Int] = [:]
        var operators: [String] = []
        for (index, node) in graph.node.enumerated() {
            let domain = node.domain.isEmpty ? "ai.onnx" : node.domain
            let shownName = node.name.isEmpty ? "#\(index)" : "'\(node.name)'"
            let label = "node \(shownName) (\(domain == "ai.onnx" ? node.opType : domain + ":" + node.opType))"
            operators.append("\(domain):\(node.opType)")
            guard let version = opsets[domain] else {
                throw ModelLoadingError(
                    .unsupported, "\(label): the model imports no opset for domain \(domain)", node: index, key: "opset_import")
            }
            guard let entry = _ONNXOperators.entry(domain: domain, op: node.opType) else {
                let known = _ONNXOperators.supportedOpsets[domain] != nil
                throw ModelLoadingError(
                    .unsupported,
                    known
                        ? "\(label): op \(node.opType) (domain \(domain), opset \(version)) is not supported"
                        : "\(label): domain \(domain) is not supported (op \(node.opType))", node: index)
            }
            guard version >= entry.since else {
                throw ModelLoadingError(
                    .unsupported, "\(label): \(node.opType) is supported from \(domain) opset \(entry.since), the model imports \(version)", node: index)
            }
            let info: _ONNXNodeInfo
            let kernel: any _ONNXKernel
            do {
                info = try _ONNXNodeInfo(index: index, node: node, domain: domain, opsetVersion: version, opsets: opsets)
                kernel = try entry.make(info)
            } catch let e as _ONNXError {
                throw ModelLoadingError(e.isUnsupported ? .unsupported : .invalidValue, "\(label): \(e.message)", node: index)
            }
            for name in node.output where !name.isEmpty {
                guard slots[name] == nil, producers[name] == nil else {
                    throw ModelLoadingError(
                        .inconsistent, "\(label): output '\(name)' is already defined by another node, an input or an initializer", node: index)
                }
                producers[name] = index
            }
            pending.append(Pending(info: info, kernel: kernel, inputNames: node.input, outputNames: node.output))
        }
        // Topological order (Kahn), keeping file order among ready nodes.
        for (index, p) in pending.enumerated() {
            for name in p.inputNames where !name.isEmpty && slots[name] == nil && producers[name] == nil {
                throw ModelLoadingError(
                    .inconsistent, "\(p.info.label): input '\(name)' is not produced by any node, input or initializer", node: index)
            }
        }
        // Kahn's algorithm; among ready nodes the earliest in the file runs first.
        var unresolved = [Int](repeating: 0, count: pending.count)
        var consumers: [String: [Int]] = [:]
        for (index, p) in pending.enumerated() {
            for name in p.inputNames where !name.isEmpty && slots[name] == nil {
                unresolved[index] += 1
                consumers[name, default: []].append(index)
            }
        }
        var ready = _MinHeap()
        for index in 0..<pending.count where unresolved[index] == 0 { ready.push(index) }
        var steps: [_ONNXStep] = []
        steps.reserveCapacity(pending.count)
        while let index = ready.pop() {
            let p = pending[index]
            let inputSlots = p.inputNames.map { $0.isEmpty ? -1 : slots[$0] ?? -1 }
            let dependent = inputSlots.contains { $0 >= 0 && depends[$0] }
            let outputSlots = p.outputNames.map { $0.isEmpty ? -1 : newSlot($0, dependsOnInput: dependent) }
            steps.append(_ONNXStep(kernel: p.kernel, inputs: inputSlots, outputs: outputSlots, nodeIndex: index, label: p.info.label))
            for name in p.outputNames where !name.isEmpty {
                for c in consumers[name] ?? [] {
                    unresolved[c] -= 1
                    if unresolved[c] == 0 { ready.push(c) }
                }
            }
        }
        if steps.count < pending.count, let stuck = unresolved.firstIndex(where: { $0 > 0 }) {
            let info = pending[stuck].info
            throw ModelLoadingError(
                .inconsistent, "\(info.label) is part of a cycle: its inputs depend on its own outputs", node: info.index)
        }
        // Graph outputs.
        var outputs: [_ONNXGraphValue] = []
        for v in graph.output {
            guard let slot = slots[v.name] else {
                throw ModelLoadingError(.inconsistent, "graph output '\(v.name)' is not produced by any node", key: "output")
            }
            let (type, dims, seqMap) = try declaredType(v, what: "output '\(v.name)'")
            outputs.append(_ONNXGraphValue(name: v.name, slot: slot, type: type, dims: dims, isSequenceOfMaps: seqMap))
        }
        guard !outputs.isEmpty else { throw ModelLoadingError(.missingKey, "the graph has no outputs", key: "output") }
        // Keep only the steps the outputs need.
        var needed = Set(outputs.map(\.slot))
        var kept: [_ONNXStep] = []
        for step in steps.reversed() where step.outputs.contains(where: { needed.contains($0) }) {
            kept.append(step)
            for s in step.inputs where s >= 0 { needed.insert(s) }
        }
        return _ONNXPlan(
            steps: kept.reversed(), slotCount: depends.count, constants: constants, inputs: inputs, outputs: outputs,
            dependsOnInput: depends, operators: operators, opsets: opsets, nodeCount: graph.node.count)
    }

    /// The declared element type and dimensions of a graph input/output.
    private static func declaredType(_ v: Onnx_ValueInfoProto, what: String) throws -> (_ONNXElementType?, [Int?]?, Bool) {
        guard v.hasType, let value = v.type.value else { return (nil, nil, false) }
        switch value {
        case .tensorType(let t):
            let code = Int(t.elemType)
            let type = _ONNXElementType(code: code)
            if type == nil && code != 0 {
                throw ModelLoadingError(
                    .unsupported, "\(what) has element type \(_ONNXElementType.name(ofCode: code)), which is not supported")
            }
            guard t.hasShape else { return (type, nil, false) }
            let dims: [Int?] = t.shape.dim.map { d in
                if case .dimValue(let n)? = d.value, n >= 0, n <= Int64(_ONNXTensor.maximumElementCount) { return Int(n) }
                return nil
            }
            return (type, dims, false)
        case .sequenceType(let s):
            if case .mapType? = s.elemType.value { return (nil, nil, true) }
            throw ModelLoadingError(.unsupported, "\(what) is a sequence, which is not supported")
        default:
            throw ModelLoadingError(.unsupported, "\(what) is not a tensor, which is not supported")
        }
    }
}

/// A binary min-heap of node indices (ready nodes of the topological sort).
struct _MinHeap {
    private var items: [Int] = []

    mutating func push(_ v: Int) {
        items.append(v)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= items[i] { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> Int? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if items.isEmpty { return first }
        items[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < items.count && items[l] < items[m] { m = l }
            if r < items.count && items[r] < items[m] { m = r }
            if m == i { break }
            items.swapAt(m, i)
            i = m
        }
        return first
    }
}
