// MatMul (numpy semantics), Gemm and MatMulInteger.
//
// float32 products go through ``_DenseLayer`` (`_DenseProduct.swift`): every output element is
// summed over k in ascending order from zero, each product and sum rounded, by the same
// arithmetic whatever the row's position in the batch. Double and integer products keep the
// plain loop below (the same order; integers wrap). Gemm then scales by alpha and adds beta·C.
// MatMul and Gemm with fixed weights are replaced at load time by fused dense layers
// (`_ONNXPlan+Fusion.swift`), which compute the same values.

/// `a·b + c` rounded once, for float32: the product of two floats is exact in double, so one
/// double addition and the conversion back give the fused result (a double rounding can differ
/// only when the double sum lands exactly halfway between two floats without being so — about
/// one operation in 2^29). Unlike `Float.addingProduct`, which is a libm call per element on the
/// baseline x86-64 target (no unsafe flags), this vectorizes.
@inline(__always)
func _onnxFusedMultiplyAdd(_ a: Float, _ b: Float, _ c: Float) -> Float {
    Float(Double(a) * Double(b) + Double(c))
}

/// The layout of a (batched) matrix product `A[..., M, K] × B[..., K, N]`.
struct _MatMulLayout {
    var m = 1
    var k = 1
    var n = 1
    var outShape = _ONNXShape()
    /// Broadcast batch shape and, per input, the element stride of each batch dimension.
    var batchShape = _ONNXShape()
    var aBatchStrides = _ONNXShape()
    var bBatchStrides = _ONNXShape()

    /// numpy `matmul` shapes: 1-D operands are promoted (and the extra dimension dropped).
    init(_ a: _ONNXShape, _ b: _ONNXShape) throws {
        guard a.rank >= 1, b.rank >= 1 else { throw _ONNXError("MatMul inputs must have rank ≥ 1, got \(a) and \(b)") }
        var sa = a
        var sb = b
        let aVector = a.rank == 1
        let bVector = b.rank == 1
        if aVector { sa = _ONNXShape(1, a[0]) }
        if bVector { sb = _ONNXShape(b[0], 1) }
        m = sa[sa.rank - 2]
        k = sa[sa.rank - 1]
        n = sb[sb.rank - 1]
        guard sb[sb.rank - 2] == k else { throw _ONNXError("cannot multiply shapes \(a) and \(b): inner dimensions differ") }
        var aBatch = _ONNXShape()
        for i in 0..<(sa.rank - 2) { aBatch.append(unchecked: sa[i]) }
        var bBatch = _ONNXShape()
        for i in 0..<(sb.rank - 2) { bBatch.append(unchecked: sb[i]) }
        batchShape = try _ONNXShape.broadcast(aBatch, bBatch)
        // Batch strides in units of whole matrices, then scaled to elements.
        aBatchStrides = aBatch.broadcastStrides(to: batchShape)
        bBatchStrides = bBatch.broadcastStrides(to: batchShape)
        for i in 0..<batchShape.rank {
            aBatchStrides[i] = aBatchStrides[i] &* (m &* k)
            bBatchStrides[i] = bBatchStrides[i] &* (k &* n)
        }
        outShape = batchShape
        if !aVector { try outShape.append(m) }
        if !bVector { try outShape.append(n) }
        _ = try outShape.elementCount()
    }

    var batchCount: Int { batchShape.product(0..<batchShape.rank) }

    /// Calls `body(aOffset, bOffset, outOffset)` for every matrix of the batch, in order.
    @inline(__always)
    func forEachBatch(_ body: (Int, Int, Int) -> Void) {
        let r = batchShape.rank
        let count = batchCount
        if count == 0 { return }
        var index = _ONNXShape()
        for _ in 0..<r { index.append(unchecked: 0) }
        var offA = 0
        var offB = 0
        for c in 0..<count {
            body(offA, offB, c * m * n)
            var d = r - 1
            while d >= 0 {
                index[d] += 1
                offA += aBatchStrides[d]
                offB += bBatchStrides[d]
                if index[d] < batchShape[d] { break }
                offA -= aBatchStrides[d] * batchShape[d]
                offB -= bBatchStrides[d] * batchShape[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}

/// `C[m×n] = A[m×k] · B[k×n]` (row-major): each element summed over k in order from zero with
/// `multiplyAdd(x, y, sum)` (fused for float32, wrapping for integers).
@inline(__always)
func _onnxGemmBlock<T: Numeric>(
    _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>, m: Int, k: Int, n: Int,
    _ multiplyAdd: (T, T, T) -> T
) {
    for i in 0..<m {
        let row = c + i * n
        for j in 0..<n { row[j] = 0 }
        for p in 0..<k {
            let x = a[i * k + p]
            let bRow = b + p * n
            for j in 0..<n { row[j] = multiplyAdd(x, bRow[j], row[j]) }
        }
    }
}

struct _MatMulKernel: _ONNXKernel {
    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        let b = try context.required(step, 1)
        guard a.type == b.type else { throw _ONNXError("inputs have different types \(a.type) and \(b.type)") }
        let layout = try _MatMulLayout(a.shape, b.shape)
        var out = context.takeOutput(step, 0)
        try out.reset(a.type, shape: layout.outShape)
        let (m, k, n) = (layout.m, layout.k, layout.n)
        func run<T>(_ x: [T], _ y: [T], _ o: inout [T], _ block: (UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void) {
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeBufferPointer { yp in
                    o.withUnsafeMutableBufferPointer { op in
                        guard let xb = xp.baseAddress, let yb = yp.baseAddress, let ob = op.baseAddress else { return }
                        layout.forEachBatch { oa, ob2, oc in block(xb + oa, yb + ob2, ob + oc) }
                    }
                }
            }
        }
        switch a.type {
        case .float:
            // B is packed once per distinct batch matrix (once when it is broadcast).
            var packed: (source: UnsafePointer<Float>, layer: _DenseLayer)?
            run(a.f32, b.f32, &out.f32) { x, y, o in
                if packed?.source != y {
                    packed = (y, _DenseLayer(weights: _PackedMatrix(y, k: k, n: n, rowStride: n, columnStride: 1), stages: []))
                }
                packed?.layer.apply(x, rows: m, rowStride: k, columnStride: 1, into: o)
            }
        case .double: run(a.f64, b.f64, &out.f64) { _onnxGemmBlock($0, $1, $2, m: m, k: k, n: n) { x, y, sum in sum + x * y } }
        case .int64: run(a.i64, b.i64, &out.i64) { _onnxGemmBlock($0, $1, $2, m: m, k: k, n: n) { x, y, sum in sum &+ x &* y } }
        case .int32: run(a.i32, b.i32, &out.i32) { _onnxGemmBlock($0, $1, $2, m: m, k: k, n: n) { x, y, sum in sum &+ x &* y } }
        default: throw _ONNXError("inputs have type \(a.type), expected float, double, int64 or int32")
        }
        context.setOutput(step, 0, out)
    }
}

/// Gemm: `Y = alpha·A'·B' + beta·C` with optional transposes and C broadcast to `[M, N]`.
struct _GemmKernel: _ONNXKernel {
    let alpha: Float
    let beta: Float
    let transA: Bool
    let transB: Bool

    init(_ node: _ONNXNodeInfo) throws {
        alpha = try node.float("alpha", default: 1)
        beta = try node.float("beta", default: 1)
        transA = try node.int("transA", default: 0) != 0
        transB = try node.int("transB", default: 0) != 0
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        let b = try context.required(step, 1)
        let c = context.input(step, 2)
        guard a.type == b.type, a.type == .float || a.type == .double else {
            throw _ONNXError("A and B must both be float or both double, got \(a.type) and \(b.type)")
        }
        guard a.rank == 2, b.rank == 2 else { throw _ONNXError("A and B must be matrices, got \(a.shape) and \(b.shape)") }
        let m = transA ? a.shape[1] : a.shape[0]
        let k = transA ? a.shape[0] : a.shape[1]
        let kb = transB ? b.shape[1] : b.shape[0]
        let n = transB ? b.shape[0] : b.shape[1]
        guard k == kb else { throw _ONNXError("cannot multiply \(a.shape) by \(b.shape) (transA \(transA), transB \(transB))") }
        let outShape = _ONNXShape(m, n)
        if let c {
            guard c.type == a.type else { throw _ONNXError("C has type \(c.type), A has \(a.type)") }
            let bs = try _ONNXShape.broadcast(c.shape, outShape)
            guard bs == outShape else { throw _ONNXError("C of shape \(c.shape) does not broadcast to [\(m), \(n)]") }
        }
        var out = context.takeOutput(step, 0)
        try out.reset(a.type, shape: outShape)
        let (alpha, beta, transA, transB) = (self.alpha, self.beta, self.transA, self.transB)
        /// Adds beta·C, broadcast, to the product in `o`.
        func addC<T: BinaryFloatingPoint>(_ cz: [T]?, _ o: inout [T]) {
            guard let cz, let c, beta != 0 else { return }
            let be = T(beta)
            o.withUnsafeMutableBufferPointer { op in
                cz.withUnsafeBufferPointer { cp in
                    let current = UnsafeBufferPointer(op)
                    _ONNXBroadcast.binary(current, outShape, cp, c.shape, op, outShape) { v, cv in v + (be == 1 ? cv : be * cv) }
                }
            }
        }
        if a.type == .float {
            let layer = _DenseLayer(
                weights: _PackedMatrix(b.f32, k: k, n: n, transposed: transB), stages: alpha == 1 ? [] : [.scale(alpha)])
            a.f32.withUnsafeBufferPointer { xp in
                out.f32.withUnsafeMutableBufferPointer { op in
                    guard let o = op.baseAddress else { return }
                    layer.apply(xp.baseAddress, rows: m, rowStride: transA ? 1 : k, columnStride: transA ? m : 1, into: o)
                }
            }
            addC(c?.f32, &out.f32)
        } else {
            let al = Double(alpha)
            a.f64.withUnsafeBufferPointer { xp in
                b.f64.withUnsafeBufferPointer { yp in
                    out.f64.withUnsafeMutableBufferPointer { op in
                        for i in 0..<m {
                            for j in 0..<n {
                                var acc: Double = 0
                                for p in 0..<k {
                                    let av = transA ? xp[p * m + i] : xp[i * k + p]
                                    let bv = transB ? yp[j * k + p] : yp[p * n + j]
                                    acc = acc + av * bv
                                }
                                op[i * n + j] = al == 1 ? acc : al * acc
                            }
                        }
                    }
                }
            }
            addC(c?.f64, &out.f64)
        }
        context.setOutput(step, 0, out)
    }
}

/// MatMulInteger: `Y = (A − a_zero_point) · (B − b_zero_point)` in int32, for uint8/int8
/// operands. `a_zero_point` is a scalar or per-row (length M), `b_zero_point` a scalar or
/// per-column (length N).
struct _MatMulIntegerKernel: _ONNXKernel {
    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        let b = try context.required(step, 1)
        try a.require([.uint8, .int8], "A")
        try b.require([.uint8, .int8], "B")
        let layout = try _MatMulLayout(a.shape, b.shape)
        let (m, k, n) = (layout.m, layout.k, layout.n)
        func zeroPoints(_ t: _ONNXTensor?, _ type: _ONNXElementType, _ length: Int, _ what: String) throws -> [Int32] {
            guard let t else { return [0] }
            guard t.type == type else { throw _ONNXError("\(what) has type \(t.type), expected \(type)") }
            guard t.count == 1 || (t.rank == 1 && t.count == length) else {
                throw _ONNXError("\(what) has shape \(t.shape), expected a scalar or [\(length)]")
            }
            return (0..<t.count).map { Int32(t.doubleValue(at: $0) ?? 0) }
        }
        let za = try zeroPoints(context.input(step, 2), a.type, m, "a_zero_point")
        let zb = try zeroPoints(context.input(step, 3), b.type, n, "b_zero_point")
        let av: [Int32] = a.type == .uint8 ? a.u8.map { Int32($0) } : a.i8.map { Int32($0) }
        let bv: [Int32] = b.type == .uint8 ? b.u8.map { Int32($0) } : b.i8.map { Int32($0) }
        var out = context.takeOutput(step, 0)
        try out.reset(.int32, shape: layout.outShape)
        av.withUnsafeBufferPointer { xp in
            bv.withUnsafeBufferPointer { yp in
                out.i32.withUnsafeMutableBufferPointer { op in
                    layout.forEachBatch { oa, ob, oc in
                        for i in 0..<m {
                            let zai = za.count == 1 ? za[0] : za[i]
                            for j in 0..<n {
                                let zbj = zb.count == 1 ? zb[0] : zb[j]
                                var acc: Int32 = 0
                                for p in 0..<k {
                                    acc = acc &+ (xp[oa + i * k + p] &- zai) &* (yp[ob + p * n + j] &- zbj)
                                }
                                op[oc + i * n + j] = acc
                            }
                        }
                    }
                }
            }
        }
        context.setOutput(step, 0, out)
    }
}

extension _MatMulKernel: _ONNXDenseFusing {
    /// A float `[…, k] × [k, n]` product with fixed weights.
    func denseLayer(_ step: _ONNXStep, probe: _ONNXProbeValues) -> _DenseLayer? {
        guard step.inputs.count == 2, step.inputs[0] >= 0, step.inputs[1] >= 0, probe.isConstant(step.inputs[1]) else { return nil }
        let a = probe.value(step.inputs[0])
        let b = probe.value(step.inputs[1])
        guard a.type == .float, b.type == .float, a.rank >= 1, b.rank == 2, a.shape[a.rank - 1] == b.shape[0] else { return nil }
        return _DenseLayer(weights: _PackedMatrix(b.f32, k: b.shape[0], n: b.shape[1], transposed: false), stages: [])
    }
}

extension _GemmKernel: _ONNXDenseFusing {
    /// A float Gemm without `transA`, with fixed B and a fixed C that is one value or one per
    /// column (a bias): the product, `alpha·` and `+ beta·C` as the kernel computes them.
    func denseLayer(_ step: _ONNXStep, probe: _ONNXProbeValues) -> _DenseLayer? {
        guard !transA, step.inputs.count >= 2, step.inputs[0] >= 0, step.inputs[1] >= 0, probe.isConstant(step.inputs[1]) else { return nil }
        let a = probe.value(step.inputs[0])
        let b = probe.value(step.inputs[1])
        guard a.type == .float, b.type == .float, a.rank == 2, b.rank == 2 else { return nil }
        let (k, n) = transB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        guard a.shape[1] == k else { return nil }
        var stages: [_DenseStage] = alpha == 1 ? [] : [.scale(alpha)]
        if step.inputs.count > 2, step.inputs[2] >= 0, beta != 0 {
            guard probe.isConstant(step.inputs[2]) else { return nil }
            let c = probe.value(step.inputs[2])
            let dims = (0..<c.rank).map { c.shape[$0] }
            guard c.type == .float, c.rank <= 2 else { return nil }
            let bias: [Float]
            if c.count == 1 {
                bias = [Float](repeating: c.f32[0], count: n)
            } else if c.count == n, dims.last == n, dims.dropLast().allSatisfy({ $0 == 1 }) {
                bias = c.f32
            } else {
                return nil
            }
            stages.append(.add(beta == 1 ? bias : bias.map { beta * $0 }, biasFirst: false))
        }
        return _DenseLayer(weights: _PackedMatrix(b.f32, k: k, n: n, transposed: transB), stages: stages)
    }
}
