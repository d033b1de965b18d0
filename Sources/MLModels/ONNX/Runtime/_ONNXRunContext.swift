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
