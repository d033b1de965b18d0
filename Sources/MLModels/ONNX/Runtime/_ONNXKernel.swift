/// One op implementation, built once per node at load time (attributes parsed and checked)
/// and run many times. Kernels are immutable and `Sendable`: a plan is shared by all callers.
protocol _ONNXKernel: Sendable {
    /// Reads the step's inputs from `context` and writes its outputs there.
    /// - Throws: ``_ONNXError`` for inputs of the wrong type, shape or value.
    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws
}

/// A node of the execution plan: its kernel and the value slots it reads and writes.
/// A class, so that handing a step to its kernel costs one retain.
final class _ONNXStep: Sendable {
    let kernel: any _ONNXKernel
    /// Value slots of the node's inputs; -1 for an omitted optional input.
    let inputs: [Int]
    /// Value slots of the node's outputs; -1 for an output nobody reads.
    let outputs: [Int]
    /// 0-based index of the node in the graph.
    let nodeIndex: Int
    /// `node 'name' (Op)` for messages.
    let label: String

    init(kernel: any _ONNXKernel, inputs: [Int], outputs: [Int], nodeIndex: Int, label: String) {
        self.kernel = kernel
        self.inputs = inputs
        self.outputs = outputs
        self.nodeIndex = nodeIndex
        self.label = label
    }
}

/// The mutable state of one graph run: every value of the graph by slot, reused across runs.
struct _ONNXRunContext {
    var values: [_ONNXTensor]
    /// Threads a kernel may use for its own work (tree ensembles over many rows).
    var threads: Int = 1

    init(slotCount: Int) {
        values = Array(repeating: _ONNXTensor(), count: slotCount)
    }

    /// Input `k` of `step`, or `nil` when the node omits it.
    @inline(__always)
    func input(_ step: _ONNXStep, _ k: Int) -> _ONNXTensor? {
        guard k < step.inputs.count else { return nil }
        let slot = step.inputs[k]
        return slot >= 0 ? values[slot] : nil
    }

    /// Input `k` of `step`, which the op requires.
    @inline(__always)
    func required(_ step: _ONNXStep, _ k: Int) throws -> _ONNXTensor {
        guard let t = input(step, k) else { throw _ONNXError("input \(k) is missing") }
        return t
    }

    /// Moves output `k`'s storage out of the context (so the kernel owns it uniquely and
    /// can reuse its capacity); hand it back with ``setOutput(_:_:_:)``.
    @inline(__always)
    mutating func takeOutput(_ step: _ONNXStep, _ k: Int) -> _ONNXTensor {
        guard k < step.outputs.count, step.outputs[k] >= 0 else { return _ONNXTensor() }
        var t = _ONNXTensor()
        swap(&t, &values[step.outputs[k]])
        return t
    }

    @inline(__always)
    mutating func setOutput(_ step: _ONNXStep, _ k: Int, _ tensor: _ONNXTensor) {
        guard k < step.outputs.count, step.outputs[k] >= 0 else { return }
        values[step.outputs[k]] = tensor
    }

    /// Whether output `k` is read by anyone (a kernel may skip computing it).
    func wantsOutput(_ step: _ONNXStep, _ k: Int) -> Bool {
        k < step.outputs.count && step.outputs[k] >= 0
    }
}

/// How a factory turns a node into a kernel.
typealias _ONNXKernelFactory = @Sendable (_ONNXNodeInfo) throws -> any _ONNXKernel

extension _ONNXTensor {
    /// Throws unless the tensor has one of `types`.
    @inline(__always)
    func require(_ types: _ONNXTypeSet, _ what: @autoclosure () -> String = "input") throws {
        guard types.contains(type) else {
            throw _ONNXError("\(what()) has type \(type), expected \(types.names)")
        }
    }
}
