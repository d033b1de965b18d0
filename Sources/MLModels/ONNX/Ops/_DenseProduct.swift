import MLCore

// The float32 matrix product behind MatMul, Gemm and the fused dense layers.
//
// Why by hand and not OpenBLAS's sgemm: sgemm rounds a row differently depending on where it
// sits in the call (measured with OpenBLAS 0.3.21's Zen kernels: of 40 rows multiplied at once,
// 22 differ in some bits from the same row multiplied alone; the tail rows of a call differ
// from the FMA chain in most columns). A row scored alone, in a 512-row chunk or in a short last
// chunk would then get different bits, and the executor promises the same value for a row
// whatever the batch, the chunking and the thread count. Here every output element is the
// same arithmetic wherever its row sits:
//
//     c[i, j] = (…((0 + a[i, 0]·b[0, j]) + a[i, 1]·b[1, j]) + …) + a[i, k−1]·b[k−1, j]
//
// in float32, each product and each sum rounded (no fused multiply-add: the baseline x86-64
// target has none, and a fused step in one kernel and not in another would break the promise).
// The tile kernel (6 rows) and the row kernel (1 row) below both compute exactly that sequence,
// so which one a row goes through does not matter. The result differs from onnxruntime's MLAS
// (fused multiply-adds) by a few units in the last place.
//
// Speed: B is packed once (at load for constant weights) into panels of 8 columns, k-major, so
// the kernels stream it with aligned 16-byte loads; six rows of A are expanded into broadcast
// vectors so that the inner loop is 8 loads, 6 register copies, 12 multiplies and 12 adds for 48
// products — 0.85 instructions per multiply-add, the floor for SSE2 (the baseline target, no
// unsafe flags: every 4-lane product needs a fresh register, a multiply and an add). Measured
// at 30–37 GFLOP/s per core on the W11 layer shapes (Docs/Performance.md, W11; OpenBLAS's
// AVX2/FMA sgemm: 60–64). Tried and slower: the k loop unrolled by two, 4 × 12 and 12 × 4 tiles.

/// A `k × n` float matrix packed for ``_DenseProduct``: panels of 8 columns (the last one padded
/// with zeros), each stored k-major as two 4-vectors per row of B.
struct _PackedMatrix: Sendable {
    /// Rows of B (the inner dimension of the product).
    let k: Int
    /// Columns of B (the output width).
    let n: Int
    /// `⌈n / 8⌉`.
    let panelCount: Int
    /// `[panel][k][2]` vectors.
    let storage: [SIMD4<Float>]

    /// Packs `B[r, j] = b[r·rowStride + j·columnStride]` for `r < k`, `j < n`.
    init(_ b: UnsafePointer<Float>, k: Int, n: Int, rowStride: Int, columnStride: Int) {
        self.init(k: k, n: n) { r, j in b[r * rowStride + j * columnStride] }
    }

    /// Packs a constant `k × n` weight tensor of `k·n` values, row-major (`transposed`: stored
    /// as `n × k`, Gemm's `transB`).
    init(_ b: [Float], k: Int, n: Int, transposed: Bool) {
        self.init(k: k, n: n) { r, j in transposed ? b[j * k + r] : b[r * n + j] }
    }

    @inline(__always)
    private init(k: Int, n: Int, _ element: (Int, Int) -> Float) {
        let panels = (n + 7) / 8
        var packed = [SIMD4<Float>](repeating: .zero, count: Swift.max(1, panels * k * 2))
        packed.withUnsafeMutableBufferPointer { d in
            for p in 0..<panels {
                let width = Swift.min(8, n - p * 8)
                for r in 0..<k {
                    let base = (p * k + r) * 2
                    for j in 0..<width { d[base + j / 4][j % 4] = element(r, p * 8 + j) }
                }
            }
        }
        self.k = k
        self.n = n
        panelCount = panels
        storage = packed
    }
}

/// What a dense layer does to the product, in order, element by element; each stage is the
/// arithmetic of the op it stands for (so a fused layer gives the unfused graph's bits).
enum _DenseStage: Sendable, Equatable {
    /// Gemm's `alpha · v`.
    case scale(Float)
    /// Add of a per-column constant (`n` values): `v + b[j]`, or `b[j] + v` when the bias is
    /// the Add's first input.
    case add([Float], biasFirst: Bool)
    /// Relu: `v > 0 ? v : 0`, NaN kept.
    case relu
    /// Sigmoid: MLAS's logistic, as the Sigmoid op.
    case sigmoid
    /// Tanh.
    case tanh
}

/// `out = stages(A · B)` for float32 rows: the product of ``_PackedMatrix`` weights followed by
/// bias and activation stages. The leading scale, bias and Relu stages are applied by the
/// kernels to their accumulators before the store; the others (Sigmoid, Tanh and whatever
/// follows them) to each block of rows right after, while it is in cache.
struct _DenseLayer: Sendable {
    let weights: _PackedMatrix
    let stages: [_DenseStage]
    /// The leading stages the kernels apply in registers (``_DenseEpilogue``).
    private let epilogue: _DenseEpilogue
    /// The stages after those, applied to stored rows.
    private let storedStages: [_DenseStage]

    init(weights: _PackedMatrix, stages: [_DenseStage]) {
        self.weights = weights
        self.stages = stages
        epilogue = _DenseEpilogue(stages, panels: weights.panelCount)
        storedStages = Array(stages.dropFirst(epilogue.stageCount))
    }

    /// Rows of the tile kernel.
    static let tileRows = 6

    /// Computes `rows` output rows (`weights.n` values each, contiguous) into `c`, reading row
    /// `i` of A at `a + i·rowStride` with its `k` values `columnStride` apart. `a` may be `nil`
    /// only when A is empty (`k` is 0: every product is 0).
    func apply(_ a: UnsafePointer<Float>?, rows: Int, rowStride: Int, columnStride: Int, into c: UnsafeMutablePointer<Float>) {
        let (k, n) = (weights.k, weights.n)
        if rows <= 0 || n == 0 { return }
        guard let a else {
            // Nothing is read from A when k is 0; any valid address will do.
            precondition(k == 0, "a dense layer's input is missing")
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 1) { none in
                apply(UnsafePointer(none.baseAddress), rows: rows, rowStride: 0, columnStride: 0, into: c)
            }
            return
        }
        weights.storage.withUnsafeBufferPointer { packed in
            epilogue.bias.withUnsafeBufferPointer { biases in
                guard let b = packed.baseAddress, let bias = biases.baseAddress else { return }
                let finish = _DenseProduct.Epilogue(epilogue, bias: bias)
                let tiles = rows / Self.tileRows
                if tiles > 0 {
                    withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: Swift.max(1, k * Self.tileRows)) { scratch in
                        guard let expanded = scratch.baseAddress else { return }
                        for t in 0..<tiles {
                            let r0 = t * Self.tileRows
                            _DenseProduct.expand(a + r0 * rowStride, rowStride: rowStride, columnStride: columnStride, k: k, into: expanded)
                            _DenseProduct.tile(expanded, b, k: k, n: n, panels: weights.panelCount, finish, c + r0 * n)
                            applyStoredStages(c + r0 * n, count: Self.tileRows * n)
                        }
                    }
                }
                for r in (tiles * Self.tileRows)..<rows {
                    _DenseProduct.row(a + r * rowStride, columnStride: columnStride, b, k: k, n: n, panels: weights.panelCount, finish, c + r * n)
                    applyStoredStages(c + r * n, count: n)
                }
            }
        }
    }

    /// The stages after the register epilogue, over `count` contiguous output values.
    @inline(__always)
    private func applyStoredStages(_ c: UnsafeMutablePointer<Float>, count: Int) {
        if storedStages.isEmpty { return }
        let n = weights.n
        for stage in storedStages {
            switch stage {
            case .scale(let s):
                for i in 0..<count { c[i] = s * c[i] }
            case .add(let bias, let biasFirst):
                for i in 0..<count { c[i] = biasFirst ? bias[i % n] + c[i] : c[i] + bias[i % n] }
            case .relu:
                for i in 0..<count { c[i] = _DenseEpilogue.relu(c[i]) }
            case .sigmoid:
                for i in 0..<count { c[i] = _MLMath.mlasLogistic(c[i]) }
            case .tanh:
                for i in 0..<count { c[i] = _Math.tanh(c[i]) }
            }
        }
    }
}

/// The leading stages of a layer that the kernels apply to eight accumulated columns (one
/// panel) before storing — at most a scale, then a bias, then Relu, the shape of Gemm → Relu and
/// MatMul → Add → Relu — with the same float operations as ``_DenseStage``, four lanes at a time.
struct _DenseEpilogue: Sendable {
    /// How many of the layer's stages this covers (the rest run on stored rows).
    let stageCount: Int
    /// Gemm's alpha, 1 when there is no scale stage.
    let scale: Float
    let hasScale: Bool
    /// The bias packed per panel: `[panel][2]` 4-vectors, padded with zeros; one zero vector
    /// (never read) when there is no bias stage.
    let bias: [SIMD4<Float>]
    let hasBias: Bool
    let biasFirst: Bool
    let relu: Bool

    init(_ stages: [_DenseStage], panels: Int) {
        var i = 0
        if case .scale(let s)? = stages.first {
            scale = s
            hasScale = true
            i += 1
        } else {
            scale = 1
            hasScale = false
        }
        if i < stages.count, case .add(let values, let first) = stages[i] {
            var packed: [SIMD4<Float>] = []
            for p in 0..<panels {
                var lo = SIMD4<Float>(), hi = SIMD4<Float>()
                for j in 0..<8 where p * 8 + j < values.count {
                    if j < 4 { lo[j] = values[p * 8 + j] } else { hi[j - 4] = values[p * 8 + j] }
                }
                packed += [lo, hi]
            }
            bias = packed.isEmpty ? [SIMD4<Float>()] : packed
            hasBias = true
            biasFirst = first
            i += 1
        } else {
            bias = [SIMD4<Float>()]
            hasBias = false
            biasFirst = false
        }
        if i < stages.count, stages[i] == .relu {
            relu = true
            i += 1
        } else {
            relu = false
        }
        stageCount = i
    }

    /// Relu as the op computes it: `v > 0 ? v : 0`, NaN kept.
    @inline(__always)
    static func relu(_ v: Float) -> Float { v.isNaN ? v : (v > 0 ? v : 0) }

    /// ``relu(_:)`` on four lanes.
    @inline(__always)
    static func relu(_ v: SIMD4<Float>) -> SIMD4<Float> {
        // Lanes that are not > 0 and not NaN (v == v) become +0; −0 too, as in the scalar form.
        v.replacing(with: 0, where: .!(v .> 0) .& (v .== v))
    }
}

/// The two kernels of the product (see the comment at the top of the file).
enum _DenseProduct {
    /// A layer's register epilogue as the kernels read it.
    struct Epilogue {
        let any: Bool
        let hasScale: Bool
        let scale: SIMD4<Float>
        let bias: UnsafePointer<SIMD4<Float>>?
        let biasFirst: Bool
        let relu: Bool

        init(_ e: _DenseEpilogue, bias: UnsafePointer<SIMD4<Float>>) {
            any = e.stageCount > 0
            hasScale = e.hasScale
            scale = SIMD4(repeating: e.scale)
            self.bias = e.hasBias ? bias : nil
            biasFirst = e.biasFirst
            relu = e.relu
        }

        /// Applies the stages to the eight values `lo, hi` of panel `panel`.
        @inline(__always)
        func apply(_ lo: inout SIMD4<Float>, _ hi: inout SIMD4<Float>, panel: Int) {
            if hasScale {
                lo = scale * lo
                hi = scale * hi
            }
            if let bias {
                let b0 = bias[2 * panel], b1 = bias[2 * panel + 1]
                if biasFirst {
                    lo = b0 + lo
                    hi = b1 + hi
                } else {
                    lo = lo + b0
                    hi = hi + b1
                }
            }
            if relu {
                lo = _DenseEpilogue.relu(lo)
                hi = _DenseEpilogue.relu(hi)
            }
        }
    }

    /// Expands six rows of A into broadcast vectors, `[k][6]`: the tile kernel's operand.
    @inline(__always)
    static func expand(
        _ a: UnsafePointer<Float>, rowStride: Int, columnStride: Int, k: Int, into e: UnsafeMutablePointer<SIMD4<Float>>
    ) {
        let step = _DenseLayer.tileRows
        for i in 0..<step {
            var source = a + i * rowStride
            var target = e + i
            var p = 0
            if columnStride == 1 {
                // Four values per load, each splatted to a vector.
                while p + 4 <= k {
                    let v = UnsafeRawPointer(source).loadUnaligned(as: SIMD4<Float>.self)
                    target[0] = SIMD4(repeating: v[0])
                    target[step] = SIMD4(repeating: v[1])
                    target[2 * step] = SIMD4(repeating: v[2])
                    target[3 * step] = SIMD4(repeating: v[3])
                    source += 4
                    target += 4 * step
                    p += 4
                }
            }
            while p < k {
                target.pointee = SIMD4(repeating: source.pointee)
                source += columnStride
                target += step
                p += 1
            }
        }
    }

    /// Six rows: `c[i, j] = Σ_p a[i, p]·b[p, j]` for every panel, from the expanded rows `a`.
    @inline(never)
    static func tile(
        _ a: UnsafePointer<SIMD4<Float>>, _ b: UnsafePointer<SIMD4<Float>>, k: Int, n: Int, panels: Int, _ epilogue: Epilogue,
        _ c: UnsafeMutablePointer<Float>
    ) {
        for p in 0..<panels {
            var c00 = SIMD4<Float>(), c01 = SIMD4<Float>(), c10 = SIMD4<Float>(), c11 = SIMD4<Float>()
            var c20 = SIMD4<Float>(), c21 = SIMD4<Float>(), c30 = SIMD4<Float>(), c31 = SIMD4<Float>()
            var c40 = SIMD4<Float>(), c41 = SIMD4<Float>(), c50 = SIMD4<Float>(), c51 = SIMD4<Float>()
            var bp = b + p * k * 2
            var ap = a
            for _ in 0..<k {
                let v0 = bp[0], v1 = bp[1]
                let a0 = ap[0], a1 = ap[1], a2 = ap[2]
                c00 += a0 * v0
                c01 += a0 * v1
                c10 += a1 * v0
                c11 += a1 * v1
                c20 += a2 * v0
                c21 += a2 * v1
                let a3 = ap[3], a4 = ap[4], a5 = ap[5]
                c30 += a3 * v0
                c31 += a3 * v1
                c40 += a4 * v0
                c41 += a4 * v1
                c50 += a5 * v0
                c51 += a5 * v1
                ap += 6
                bp += 2
            }
            if epilogue.any {
                epilogue.apply(&c00, &c01, panel: p)
                epilogue.apply(&c10, &c11, panel: p)
                epilogue.apply(&c20, &c21, panel: p)
                epilogue.apply(&c30, &c31, panel: p)
                epilogue.apply(&c40, &c41, panel: p)
                epilogue.apply(&c50, &c51, panel: p)
            }
            let width = Swift.min(8, n - p * 8)
            let o = c + p * 8
            store(c00, c01, o, width)
            store(c10, c11, o + n, width)
            store(c20, c21, o + 2 * n, width)
            store(c30, c31, o + 3 * n, width)
            store(c40, c41, o + 4 * n, width)
            store(c50, c51, o + 5 * n, width)
        }
    }

    /// One row: `c[j] = Σ_p x[p]·b[p, j]`, four panels at a time (then one at a time).
    @inline(never)
    static func row(
        _ x: UnsafePointer<Float>, columnStride: Int, _ b: UnsafePointer<SIMD4<Float>>, k: Int, n: Int, panels: Int,
        _ epilogue: Epilogue, _ c: UnsafeMutablePointer<Float>
    ) {
        let panelStride = k * 2
        var p = 0
        while p + 4 <= panels {
            var c0 = SIMD4<Float>(), c1 = SIMD4<Float>(), c2 = SIMD4<Float>(), c3 = SIMD4<Float>()
            var c4 = SIMD4<Float>(), c5 = SIMD4<Float>(), c6 = SIMD4<Float>(), c7 = SIMD4<Float>()
            // Panels p and p + 1 through `near`, p + 2 and p + 3 through `far`; one step of k each.
            var near = b + p * panelStride
            var far = near + 2 * panelStride
            var xp = x
            for _ in 0..<k {
                let a = SIMD4<Float>(repeating: xp.pointee)
                c0 += a * near[0]
                c1 += a * near[1]
                c2 += a * near[panelStride]
                c3 += a * near[panelStride + 1]
                c4 += a * far[0]
                c5 += a * far[1]
                c6 += a * far[panelStride]
                c7 += a * far[panelStride + 1]
                near += 2
                far += 2
                xp += columnStride
            }
            if epilogue.any {
                epilogue.apply(&c0, &c1, panel: p)
                epilogue.apply(&c2, &c3, panel: p + 1)
                epilogue.apply(&c4, &c5, panel: p + 2)
                epilogue.apply(&c6, &c7, panel: p + 3)
            }
            let o = c + p * 8
            store(c0, c1, o, Swift.min(8, n - p * 8))
            store(c2, c3, o + 8, Swift.min(8, n - p * 8 - 8))
            store(c4, c5, o + 16, Swift.min(8, n - p * 8 - 16))
            store(c6, c7, o + 24, Swift.min(8, n - p * 8 - 24))
            p += 4
        }
        while p < panels {
            var c0 = SIMD4<Float>(), c1 = SIMD4<Float>()
            var bp = b + p * panelStride
            var xp = x
            for _ in 0..<k {
                let a = SIMD4<Float>(repeating: xp.pointee)
                c0 += a * bp[0]
                c1 += a * bp[1]
                bp += 2
                xp += columnStride
            }
            if epilogue.any { epilogue.apply(&c0, &c1, panel: p) }
            store(c0, c1, c + p * 8, Swift.min(8, n - p * 8))
            p += 1
        }
    }

    /// Writes the first `width` (1…8) of the eight values `lo, hi` at `c`.
    @inline(__always)
    static func store(_ lo: SIMD4<Float>, _ hi: SIMD4<Float>, _ c: UnsafeMutablePointer<Float>, _ width: Int) {
        if width == 8 {
            UnsafeMutableRawPointer(c).storeBytes(of: lo, as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(c + 4).storeBytes(of: hi, as: SIMD4<Float>.self)
            return
        }
        var j = 0
        while j < width {
            c[j] = j < 4 ? lo[j] : hi[j - 4]
            j += 1
        }
    }
}
