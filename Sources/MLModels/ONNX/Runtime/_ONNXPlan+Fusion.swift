/// Load-time fusion of dense layers: a float MatMul or Gemm with fixed weights, and the bias
/// Add and activation (Relu, Sigmoid, Tanh) that follow it — what skl2onnx writes for an
/// `MLPClassifier` (`MatMul → Add → Relu` per layer) and PyTorch for `Linear` (`Gemm → Relu`) —
/// become one step that computes the product of a block of rows and applies the bias and
/// activation while the block is still in cache (``_DenseLayer``), instead of four passes over
/// whole tensors.
///
/// Each kernel answers for its own op (``_ONNXDenseFusing``); the pass only follows the chain.
/// The fused step writes the chain's last value into the product's output slot, and each
/// absorbed step becomes a ``_ONNXFusedAwayKernel`` whose value is that slot's, so that
/// ``_ONNXPlan/removingCopies(probe:)`` drops it and its readers read the fused value. Every stage
/// is the op's own arithmetic in the same order, so the fused plan's values are bit-identical
/// to the unfused plan's.
extension _ONNXPlan {
    /// The plan with its dense layers fused (see the extension's comment), judged on `probe`
    /// (every slot's value from a load-time probe run of this plan). Call
    /// ``removingCopies(probe:)`` on the result to drop the absorbed steps.
    func fusingDenseLayers(probe context: _ONNXRunContext) -> _ONNXPlan {
        // Values that do not depend on the input are the same in every run: weights can be packed.
        let fixed = Set((0..<slotCount).filter { !dependsOnInput[$0] })
        let probe = _ONNXProbeValues(context: context, constantSlots: fixed)
        // Who reads each slot: a step may absorb its producer's value only as that value's one reader.
        var readerCount = [Int](repeating: 0, count: slotCount)
        var reader = [Int](repeating: -1, count: slotCount)
        for (position, step) in steps.enumerated() {
            for slot in step.inputs where slot >= 0 {
                readerCount[slot] += 1
                reader[slot] = position
            }
        }
        for output in outputs { readerCount[output.slot] += 1 }
        var replacements: [Int: any _ONNXKernel] = [:]
        for (position, step) in steps.enumerated() where replacements[step.nodeIndex] == nil {
            guard step.outputs.count == 1, let product = step.outputs.first, product >= 0,
                let fusing = step.kernel as? any _ONNXDenseFusing,
                var layer = fusing.denseLayer(step, probe: probe)
            else { continue }
            var value = product
            while readerCount[value] == 1, reader[value] > position {
                let next = steps[reader[value]]
                guard next.outputs.count == 1, next.outputs[0] >= 0,
                    let stage = (next.kernel as? any _ONNXDenseFusing)?.denseStage(next, reading: value, width: layer.weights.n, probe: probe),
                    let input = next.inputs.firstIndex(of: value)
                else { break }
                layer = _DenseLayer(weights: layer.weights, stages: layer.stages + [stage])
                replacements[next.nodeIndex] = _ONNXFusedAwayKernel(input: input)
                value = next.outputs[0]
            }
            replacements[step.nodeIndex] = _DenseLayerKernel(layer: layer)
        }
        if replacements.isEmpty { return self }
        return replacingKernels { replacements[$0.nodeIndex] }
    }
}

/// What a kernel contributes to a fused dense layer (``_ONNXPlan/fusingDenseLayers(probe:)``).
/// The defaults contribute nothing.
protocol _ONNXDenseFusing {
    /// For a product op: the layer computing `step`'s output from its first input, when its
    /// other inputs are fixed (`probe.isConstant`) float values; `nil` otherwise.
    func denseLayer(_ step: _ONNXStep, probe: _ONNXProbeValues) -> _DenseLayer?

    /// For an elementwise op whose input `slot` is a dense layer's output (`width` columns):
    /// the stage that computes `step`'s output from it, exactly as the op does; `nil` when the
    /// op cannot be expressed as one (another type or shape, a non-constant operand).
    func denseStage(_ step: _ONNXStep, reading slot: Int, width: Int, probe: _ONNXProbeValues) -> _DenseStage?
}

extension _ONNXDenseFusing {
    func denseLayer(_ step: _ONNXStep, probe: _ONNXProbeValues) -> _DenseLayer? { nil }
    func denseStage(_ step: _ONNXStep, reading slot: Int, width: Int, probe: _ONNXProbeValues) -> _DenseStage? { nil }
}

extension _BinaryArithmeticKernel: _ONNXDenseFusing {
    /// Add of a fixed float bias that broadcasts along the rows (`[n]`, `[1, n]`, one value)
    /// and leaves the layer's shape as it is.
    func denseStage(_ step: _ONNXStep, reading slot: Int, width: Int, probe: _ONNXProbeValues) -> _DenseStage? {
        guard op == .add, step.inputs.count == 2, step.inputs[0] != step.inputs[1], let position = step.inputs.firstIndex(of: slot)
        else { return nil }
        let other = step.inputs[1 - position]
        guard other >= 0, probe.isConstant(other) else { return nil }
        let value = probe.value(slot)
        let bias = probe.value(other)
        guard value.type == .float, bias.type == .float, probe.value(step.outputs[0]).shape == value.shape else { return nil }
        let dims = (0..<bias.rank).map { bias.shape[$0] }
        if bias.count == 1 {
            return .add([Float](repeating: bias.f32[0], count: width), biasFirst: position == 1)
        }
        guard bias.count == width, dims.last == width, dims.dropLast().allSatisfy({ $0 == 1 }) else { return nil }
        return .add(bias.f32, biasFirst: position == 1)
    }
}

extension _UnaryKernel: _ONNXDenseFusing {
    /// Relu, Sigmoid and Tanh of a float layer.
    func denseStage(_ step: _ONNXStep, reading slot: Int, width: Int, probe: _ONNXProbeValues) -> _DenseStage? {
        guard probe.value(slot).type == .float else { return nil }
        switch op {
        case .relu: return .relu
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        default: return nil
        }
    }
}

/// A fused dense layer: reads the float input `[…, k]` (input 0 of the product step it
/// replaces) and writes `[…, n]` — the product, bias and activation — to output 0.
struct _DenseLayerKernel: _ONNXKernel {
    let layer: _DenseLayer

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        let (k, n) = (layer.weights.k, layer.weights.n)
        guard a.type == .float, a.rank >= 1, a.shape[a.rank - 1] == k else {
            throw _ONNXError("input has type \(a.type) and shape \(a.shape), expected float [..., \(k)]")
        }
        var shape = a.shape
        shape[a.rank - 1] = n
        let rows = a.shape.product(0..<(a.rank - 1))
        var out = context.takeOutput(step, 0)
        try out.reset(.float, shape: shape)
        a.f32.withUnsafeBufferPointer { x in
            out.f32.withUnsafeMutableBufferPointer { o in
                guard let base = o.baseAddress else { return }
                layer.apply(x.baseAddress, rows: rows, rowStride: k, columnStride: 1, into: base)
            }
        }
        context.setOutput(step, 0, out)
    }
}

/// A step absorbed into a fused dense layer: its value is already in its input `input` (the
/// layer's output slot), so ``_ONNXPlan/removingCopies(probe:)`` drops it.
struct _ONNXFusedAwayKernel: _ONNXKernel {
    let input: Int

    func copiedInput(_ inputs: [Int], output: _ONNXTensor, probe: _ONNXProbeValues) -> Int? {
        input < inputs.count ? inputs[input] : nil
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        var out = context.takeOutput(step, 0)
        try out.assign(try context.required(step, input))
        context.setOutput(step, 0, out)
    }
}
