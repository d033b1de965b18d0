// Scan (opset 9+), and the two ops skl2onnx's nearest-neighbour exports put after it:
// Transpose and TopK.

/// Moves one slice of a tensor laid out as `outer × length × inner`: out of it (`gather`:
/// position `index` of the middle axis into an `outer × inner` tensor) or into it.
private struct _AxisSlice: _ONNXElementMove {
    let outer: Int
    let length: Int
    let inner: Int
    let index: Int
    let gather: Bool

    func move<T>(_ source: UnsafeBufferPointer<T>, into destination: UnsafeMutableBufferPointer<T>) {
        for o in 0..<outer {
            let sliced = (o * length + index) * inner
            let packed = o * inner
            for i in 0..<inner {
                if gather {
                    destination[packed + i] = source[sliced + i]
                } else {
                    destination[sliced + i] = source[packed + i]
                }
            }
        }
    }
}

/// Scan: runs the `body` graph once per slice of the scan inputs, carrying the state
/// variables from one iteration to the next and stacking the scan outputs along a new axis
/// (`scan_input_axes`, `scan_input_directions`, `scan_output_axes`,
/// `scan_output_directions`). The body may only read its own inputs and initializers.
struct _ScanKernel: _ONNXKernel {
    let body: _ONNXPlan
    let stateCount: Int
    let scanInputCount: Int
    let inputAxes: [Int]
    let inputReversed: [Bool]
    let outputAxes: [Int]
    let outputReversed: [Bool]

    init(_ node: _ONNXNodeInfo) throws {
        guard let graph = try node.graph("body") else { throw _ONNXError("attribute 'body' is required") }
        let m = try node.int("num_scan_inputs", default: 0, in: 1...1024)
        guard m <= node.inputCount else { throw _ONNXError("'num_scan_inputs' is \(m) but the node has \(node.inputCount) inputs") }
        scanInputCount = m
        stateCount = node.inputCount - m
        do {
            body = try _ONNXPlan.build(graph: graph, opsets: node.opsets)
        } catch let e as ModelLoadingError {
            throw _ONNXError("body: \(e.message)", unsupported: e.code == .unsupported)
        }
        guard body.inputs.count == stateCount + m else {
            throw _ONNXError("the body has \(body.inputs.count) inputs, the node \(stateCount) states and \(m) scan inputs")
        }
        let scanOutputs = body.outputs.count - stateCount
        guard scanOutputs >= 0, node.outputCount <= body.outputs.count else {
            throw _ONNXError("the body has \(body.outputs.count) outputs for \(stateCount) states")
        }
        func list(_ key: String, _ count: Int, _ allowed: ClosedRange<Int64>) throws -> [Int] {
            guard let v = try node.ints(key) else { return [Int](repeating: 0, count: count) }
            guard v.count == count, v.allSatisfy({ allowed.contains($0) }) else {
                throw _ONNXError("'\(key)' must hold \(count) values in \(allowed)")
            }
            return v.map { Int($0) }
        }
        inputAxes = try list("scan_input_axes", m, -64...63)
        inputReversed = try list("scan_input_directions", m, 0...1).map { $0 == 1 }
        outputAxes = try list("scan_output_axes", scanOutputs, -64...63)
        outputReversed = try list("scan_output_directions", scanOutputs, 0...1).map { $0 == 1 }
    }

    /// Conservative: a scan may carry values from one row to the next.
    func mixesRows(of input: _ONNXTensor, rowAxis: Int) -> Bool { true }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        var states: [_ONNXTensor] = []
        for k in 0..<stateCount { states.append(try context.required(step, k)) }
        var scans: [(tensor: _ONNXTensor, axis: Int, outer: Int, length: Int, inner: Int)] = []
        var length = -1
        for k in 0..<scanInputCount {
            let t = try context.required(step, stateCount + k)
            let axis = try _onnxAxis(inputAxes[k], rank: t.rank)
            let n = t.shape[axis]
            guard length < 0 || n == length else { throw _ONNXError("scan inputs have lengths \(length) and \(n)") }
            length = n
            scans.append((t, axis, t.shape.product(0..<axis), n, t.shape.product((axis + 1)..<t.rank)))
        }
        let outputCount = body.outputs.count - stateCount
        var iterations: [[_ONNXTensor]] = Array(repeating: [], count: outputCount)
        var inner = body.makeContext()
        inner.threads = context.threads
        for t in 0..<max(length, 0) {
            for k in 0..<stateCount { inner.values[body.inputs[k].slot] = states[k] }
            for (k, s) in scans.enumerated() {
                let index = inputReversed[k] ? length - 1 - t : t
                var shape = _ONNXShape()
                for d in 0..<s.tensor.rank where d != s.axis { try shape.append(s.tensor.shape[d]) }
                var slice = _ONNXTensor()
                try slice.reset(s.tensor.type, shape: shape)
                slice.moveElements(from: s.tensor, _AxisSlice(outer: s.outer, length: s.length, inner: s.inner, index: index, gather: true))
                inner.values[body.inputs[stateCount + k].slot] = slice
            }
            try body.run(&inner)
            for k in 0..<stateCount { states[k] = inner.values[body.outputs[k].slot] }
            for k in 0..<outputCount { iterations[k].append(inner.values[body.outputs[stateCount + k].slot]) }
        }
        for k in 0..<stateCount { context.setOutput(step, k, states[k]) }
        for k in 0..<outputCount where context.wantsOutput(step, stateCount + k) {
            var out = context.takeOutput(step, stateCount + k)
            let first = iterations[k].first ?? _ONNXTensor()
            let axis = try _onnxAxis(outputAxes[k], rank: first.rank + 1)
            var shape = _ONNXShape()
            for d in 0..<first.rank {
                if d == axis { try shape.append(length) }
                try shape.append(first.shape[d])
            }
            if axis == first.rank { try shape.append(length) }
            try out.reset(first.type, shape: shape)
            let outer = first.shape.product(0..<axis)
            let innerCount = first.shape.product(axis..<first.rank)
            for (t, value) in iterations[k].enumerated() {
                guard value.type == first.type, value.shape == first.shape else {
                    throw _ONNXError("scan output \(k) changes shape between iterations (\(first.shape), \(value.shape))")
                }
                let index = outputReversed[k] ? length - 1 - t : t
                out.moveElements(from: value, _AxisSlice(outer: outer, length: length, inner: innerCount, index: index, gather: false))
            }
            context.setOutput(step, stateCount + k, out)
        }
    }
}

/// Transpose by `perm` (default: reversed axes).
struct _TransposeKernel: _ONNXKernel {
    let perm: [Int]?

    init(_ node: _ONNXNodeInfo) throws {
        perm = try node.ints("perm").map { p in
            try p.map { a in
                guard a >= 0, a < 64 else { throw _ONNXError("'perm' holds \(a)") }
                return Int(a)
            }
        }
    }

    /// Moving the row axis elsewhere keeps rows apart only if it stays first.
    func mixesRows(of input: _ONNXTensor, rowAxis: Int) -> Bool {
        let p = perm ?? Array((0..<input.rank).reversed())
        return p.first != rowAxis
    }

    private struct Permute: _ONNXElementMove {
        let outShape: [Int]
        let sourceStrides: [Int]

        func move<T>(_ source: UnsafeBufferPointer<T>, into destination: UnsafeMutableBufferPointer<T>) {
            let rank = outShape.count
            var index = [Int](repeating: 0, count: rank)
            var from = 0
            for i in 0..<destination.count {
                destination[i] = source[from]
                var d = rank - 1
                while d >= 0 {
                    index[d] += 1
                    from += sourceStrides[d]
                    if index[d] < outShape[d] { break }
                    from -= sourceStrides[d] * outShape[d]
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        let r = x.rank
        let p = perm ?? Array((0..<r).reversed())
        guard p.count == r, Set(p).count == r, p.allSatisfy({ $0 < r }) else {
            throw _ONNXError("'perm' \(p) is not a permutation of \(r) axes")
        }
        var strides = [Int](repeating: 1, count: r)
        for d in stride(from: r - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * x.shape[d + 1] }
        var shape = _ONNXShape()
        for d in p { try shape.append(x.shape[d]) }
        var out = context.takeOutput(step, 0)
        try out.reset(x.type, shape: shape)
        if out.count > 0 {
            out.moveElements(from: x, Permute(outShape: p.map { x.shape[$0] }, sourceStrides: p.map { strides[$0] }))
        }
        context.setOutput(step, 0, out)
    }
}

/// TopK along `axis` (default −1): the `k` largest (or, with `largest` = 0, smallest) values
/// and their int64 indices, sorted; equal values keep the lower index first (onnxruntime).
/// `k` is an attribute before opset 10, an input from then on. NaN sorts as the largest.
struct _TopKKernel: _ONNXKernel {
    let axis: Int
    let largest: Bool
    let attributeK: Int?

    init(_ node: _ONNXNodeInfo) throws {
        axis = Int(try node.int("axis", default: -1))
        largest = try node.int("largest", default: 1) != 0
        if node.opsetVersion < 10 {
            let k = try node.int("k", default: -1)
            guard k >= 0, k <= Int64(_ONNXTensor.maximumElementCount) else { throw _ONNXError("'k' is \(k)") }
            attributeK = Int(k)
        } else {
            attributeK = nil
        }
    }

    func mixesRows(of input: _ONNXTensor, rowAxis: Int) -> Bool {
        (try? _onnxAxis(axis, rank: input.rank)) == rowAxis
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.arithmetic)
        let a = try _onnxAxis(axis, rank: x.rank)
        let k: Int
        if let attributeK {
            k = attributeK
        } else {
            guard let v = try context.required(step, 1).integerValues(), v.count == 1, let first = v.first else {
                throw _ONNXError("'K' must be one int64 value")
            }
            guard first >= 0 else { throw _ONNXError("'K' is \(first)") }
            k = Int(clamping: first)
        }
        let n = x.shape[a]
        guard k <= n else { throw _ONNXError("k = \(k) is larger than the axis (\(n))") }
        let outer = x.shape.product(0..<a)
        let inner = x.shape.product((a + 1)..<x.rank)
        var shape = x.shape
        shape[a] = k
        var values = context.takeOutput(step, 0)
        var indices = context.takeOutput(step, 1)
        try values.reset(x.type, shape: shape)
        try indices.reset(.int64, shape: shape)
        let v = x.doubleValues()
        var order = [Int](repeating: 0, count: n)
        var picked = [Int64](repeating: 0, count: outer * k * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                for j in 0..<n { order[j] = j }
                let base = o * n * inner + i
                // Stable order: by value (NaN largest), ties by index.
                order.sort { p, q in
                    let vp = v[base + p * inner]
                    let vq = v[base + q * inner]
                    if vp.isNaN || vq.isNaN {
                        if vp.isNaN && vq.isNaN { return p < q }
                        return largest ? vp.isNaN : vq.isNaN
                    }
                    if vp != vq { return largest ? vp > vq : vp < vq }
                    return p < q
                }
                for j in 0..<k { picked[(o * k + j) * inner + i] = Int64(order[j]) }
            }
        }
        indices.i64 = picked
        values.moveElements(from: x, Gathered(picked: picked, outer: outer, k: k, n: n, inner: inner))
        context.setOutput(step, 0, values)
        context.setOutput(step, 1, indices)
    }

    private struct Gathered: _ONNXElementMove {
        let picked: [Int64]
        let outer: Int
        let k: Int
        let n: Int
        let inner: Int

        func move<T>(_ source: UnsafeBufferPointer<T>, into destination: UnsafeMutableBufferPointer<T>) {
            for o in 0..<outer {
                for j in 0..<k {
                    for i in 0..<inner {
                        let at = (o * k + j) * inner + i
                        destination[at] = source[(o * n + Int(picked[at])) * inner + i]
                    }
                }
            }
        }
    }
}
