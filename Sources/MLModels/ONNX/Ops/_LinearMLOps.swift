import MLCore

// ai.onnx.ml linear ops: LinearClassifier, LinearRegressor, Scaler, Normalizer; and the
// score transforms they share with the tree ensembles (onnxruntime's ml_common.h), all in
// float32 as onnxruntime computes them.

/// `post_transform` of the ai.onnx.ml ops.
enum _PostTransform: String, Sendable {
    case none = "NONE"
    case logistic = "LOGISTIC"
    case softmax = "SOFTMAX"
    case softmaxZero = "SOFTMAX_ZERO"
    case probit = "PROBIT"

    init(_ node: _ONNXNodeInfo) throws {
        let s = try node.choice("post_transform", default: "NONE", ["NONE", "LOGISTIC", "SOFTMAX", "SOFTMAX_ZERO", "PROBIT"])
        self = _PostTransform(rawValue: s) ?? .none
    }
}

/// onnxruntime's float32 score functions (ml_common.h).
enum _MLMath {
    @inline(__always)
    static func logistic(_ v: Float) -> Float {
        let e = 1 / (1 + _Math.exp(-abs(v)))
        return v < 0 ? 1 - e : e
    }

    /// Approximate inverse error function (Winitzki, a = 0.147), as onnxruntime's `ErfInv`.
    @inline(__always)
    static func erfInv(_ x: Float) -> Float {
        let sign: Float = x < 0 ? -1 : 1
        let y = (1 - x) * (1 + x)
        let l = _Math.log(y)
        let v = 2 / (Float.pi * 0.147) + 0.5 * l
        let v2 = 1 / 0.147 * l
        let v3 = -v + (v * v - v2).squareRoot()
        return sign * v3.squareRoot()
    }

    /// onnxruntime's vectorized logistic (MLAS, the rational approximation it takes from Eigen,
    /// evaluated with fused multiply-adds as its FMA3 kernel does): used by the Sigmoid op and
    /// by batched LOGISTIC transforms (LinearClassifier with several classes, LinearRegressor).
    @inline(__always)
    static func mlasLogistic(_ x: Float) -> Float {
        if x.isNaN { return x }
        let v = Swift.min(Swift.max(x, -18), 18)
        let v2 = v * v
        var p = _onnxFusedMultiplyAdd(v2, 4.37031012579801e-11, 1.15627324459942e-07)
        p = _onnxFusedMultiplyAdd(v2, p, 6.08574864600143e-05)
        p = _onnxFusedMultiplyAdd(v2, p, 8.51377133304701e-03)
        p = _onnxFusedMultiplyAdd(v2, p, 2.48287947061529e-01)
        var q = _onnxFusedMultiplyAdd(v2, 6.10247389755681e-13, 5.76102136993427e-09)
        q = _onnxFusedMultiplyAdd(v2, q, 6.29106785017040e-06)
        q = _onnxFusedMultiplyAdd(v2, q, 1.70198817374094e-03)
        q = _onnxFusedMultiplyAdd(v2, q, 1.16817656904453e-01)
        q = _onnxFusedMultiplyAdd(v2, q, 9.93151921023180e-01)
        p = v * p
        return Swift.max(0, p / q + 0.5)
    }

    @inline(__always)
    static func probit(_ v: Float) -> Float {
        Float(2.0.squareRoot()) * erfInv(2 * v - 1)
    }

    /// Softmax of `n` scores in place: `exp(s − max) / Σ`, sums in float.
    @inline(__always)
    static func softmax(_ s: UnsafeMutablePointer<Float>, _ n: Int) {
        var m = -Float.greatestFiniteMagnitude
        for i in 0..<n where s[i] > m { m = s[i] }
        var sum: Float = 0
        for i in 0..<n {
            s[i] = _Math.exp(s[i] - m)
            sum += s[i]
        }
        for i in 0..<n { s[i] = s[i] / sum }
    }

    /// SOFTMAX_ZERO: like softmax, but values within ±1e-7 of zero stay (scaled by exp(−max)).
    @inline(__always)
    static func softmaxZero(_ s: UnsafeMutablePointer<Float>, _ n: Int) {
        var m = -Float.greatestFiniteMagnitude
        for i in 0..<n where s[i] > m { m = s[i] }
        let expNegMax = _Math.exp(-m)
        var sum: Float = 0
        for i in 0..<n {
            let v = s[i]
            if v > 0.0000001 || v < -0.0000001 {
                s[i] = _Math.exp(v - m)
                sum += s[i]
            } else {
                s[i] = v * expNegMax
            }
        }
        for i in 0..<n { s[i] = s[i] / sum }
    }

    /// Applies `transform` to `n ≥ 2` scores in place: `write_scores` of the tree ensembles
    /// (`batched` false, logistic with `exp`) or `batched_update_scores_inplace` of the linear
    /// ops (`batched` true, MLAS's vectorized logistic).
    @inline(__always)
    static func apply(_ transform: _PostTransform, _ s: UnsafeMutablePointer<Float>, _ n: Int, batched: Bool = false) {
        switch transform {
        case .none: return
        case .logistic:
            if batched {
                for i in 0..<n { s[i] = mlasLogistic(s[i]) }
            } else {
                for i in 0..<n { s[i] = logistic(s[i]) }
            }
        case .probit: for i in 0..<n { s[i] = probit(s[i]) }
        case .softmax: softmax(s, n)
        case .softmaxZero: softmaxZero(s, n)
        }
    }
}

/// Class labels of a classifier op: int64 (`classlabels_int64s`/`_ints`) or strings.
enum _ClassLabels: Sendable, Equatable {
    case ints([Int64])
    case strings([String])

    var count: Int {
        switch self {
        case .ints(let v): return v.count
        case .strings(let v): return v.count
        }
    }

    var type: _ONNXElementType {
        if case .strings = self { return .string }
        return .int64
    }

    /// Texts of the labels, for descriptions.
    var texts: [String] {
        switch self {
        case .ints(let v): return v.map { String($0) }
        case .strings(let v): return v
        }
    }

    /// The node's `classlabels_strings`, else its integer labels `integers`
    /// (`classlabels_int64s` or `classlabels_ints`, as the op names them).
    /// - Throws: ``_ONNXError`` when neither is given (or both are empty).
    init(_ node: _ONNXNodeInfo, integers: String) throws {
        if let s = try node.strings("classlabels_strings"), !s.isEmpty {
            self = .strings(s)
        } else if let i = try node.ints(integers), !i.isEmpty {
            self = .ints(i)
        } else {
            throw _ONNXError("one of 'classlabels_strings' or '\(integers)' is required")
        }
    }
}

/// The weights of a linear ml op: `outputs` rows of coefficients (`[outputs, F]`, row-major)
/// and an optional intercept per output.
struct _LinearWeights: Sendable {
    let coefficients: [Float]
    let intercepts: [Float]
    let outputs: Int

    /// `(rows, features)` of the input `x`, whose feature count must match the coefficients.
    /// - Throws: ``_ONNXError`` for an input that is not `[N, F]` or `[F]`, or another `F`.
    func rowsAndFeatures(_ x: _ONNXTensor) throws -> (Int, Int) {
        let (n, f) = try _onnxRowsAndFeatures(x)
        guard f * outputs == coefficients.count else {
            throw _ONNXError("input has \(f) features, the coefficients expect \(coefficients.count / outputs)")
        }
        return (n, f)
    }

    /// The linear scores of the `n` rows of `x` (`f` features each) into the float tensor
    /// `out` (row `r` from `r·stride`; `out` sized for them), as
    /// ``_onnxLinearScores(_:rows:features:_:classes:_:into:stride:)``; then `finish` on them.
    @inline(__always)
    func scores(
        _ x: _ONNXTensor, rows n: Int, features f: Int, into out: inout _ONNXTensor, stride: Int,
        _ finish: (UnsafeMutablePointer<Float>) -> Void
    ) throws {
        try _onnxWithFloatRows(x) { xp in
            coefficients.withUnsafeBufferPointer { w in
                out.f32.withUnsafeMutableBufferPointer { sp in
                    guard let s = sp.baseAddress else { return }
                    _onnxLinearScores(xp, rows: n, features: f, w, classes: outputs, intercepts, into: s, stride: stride)
                    finish(s)
                }
            }
        }
    }
}

/// LinearClassifier: `scores = X·Wᵀ + b` (W is `[C, F]`), labels by the largest score (or,
/// with one score column, `score > 0`), then `post_transform`.
///
/// As onnxruntime 1.32: with a single coefficient row and two class labels the output has
/// two columns, `[1 − p, p]` where `p` is the logistic of the score (LOGISTIC) or the raw score
/// (NONE, SOFTMAX, SOFTMAX_ZERO; PROBIT is refused); `multi_class` does not change the
/// computation.
struct _LinearClassifierKernel: _ONNXKernel {
    let weights: _LinearWeights
    let labels: _ClassLabels
    let transform: _PostTransform

    /// Coefficient rows: 1 (a binary model scored as `[1 − p, p]`) or one per class.
    var classCount: Int { weights.outputs }

    init(_ node: _ONNXNodeInfo) throws {
        guard let c = try node.floats("coefficients"), !c.isEmpty else {
            throw _ONNXError("attribute 'coefficients' is required")
        }
        let intercepts = try node.floats("intercepts") ?? []
        transform = try _PostTransform(node)
        labels = try _ClassLabels(node, integers: "classlabels_ints")
        let classCount = intercepts.isEmpty ? labels.count : intercepts.count
        guard classCount > 0, c.count % classCount == 0 else {
            throw _ONNXError("\(c.count) coefficients do not split into \(classCount) classes")
        }
        weights = _LinearWeights(coefficients: c, intercepts: intercepts, outputs: classCount)
        if classCount == 1 {
            guard labels.count == 2 else {
                throw _ONNXError("one coefficient row needs exactly 2 class labels, got \(labels.count)")
            }
            if transform == .probit {
                // onnxruntime writes the probits packed into the first N values of an [N, 2]
                // output and leaves the rest stale: there is no defined result to match.
                throw _ONNXError("PROBIT with one coefficient row is not supported", unsupported: true)
            }
        } else {
            guard labels.count >= classCount else {
                throw _ONNXError("\(classCount) coefficient rows but only \(labels.count) class labels")
            }
        }
    }

    /// Width of the score output.
    var outputWidth: Int { classCount == 1 ? 2 : classCount }

    var classLabels: _ClassLabels? { labels }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        let (n, f) = try weights.rowsAndFeatures(x)
        var labelsOut = context.takeOutput(step, 0)
        var scores = context.takeOutput(step, 1)
        try labelsOut.reset(labels.type, shape: _ONNXShape(n))
        try scores.reset(.float, shape: _ONNXShape(n, outputWidth))
        let c = classCount
        let width = outputWidth
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(n, 1)) { bestIndex in
        try weights.scores(x, rows: n, features: f, into: &scores, stride: width) { s in
            for r in 0..<n {
                let row = s + r * width
                let best: Int
                if c == 1 {
                    best = row[0] > 0 ? 1 : 0
                    let p = transform == .logistic ? _MLMath.logistic(row[0]) : row[0]
                    row[0] = 1 - p
                    row[1] = p
                } else {
                    var b = 0
                    for k in 1..<c where row[k] > row[b] { b = k }
                    best = b
                    if transform != .logistic { _MLMath.apply(transform, row, c, batched: true) }
                }
                bestIndex[r] = best
            }
            // The batched logistic in one contiguous pass (vectorizes).
            if c > 1 && transform == .logistic {
                for i in 0..<(n * width) { s[i] = _MLMath.mlasLogistic(s[i]) }
            }
        }
        _onnxWriteLabels(labels, bestIndex, n, into: &labelsOut)
        }
        context.setOutput(step, 0, labelsOut)
        context.setOutput(step, 1, scores)
    }
}

/// LinearRegressor: `Y = X·Wᵀ + b` with `targets` outputs, then `post_transform`
/// (onnxruntime applies only PROBIT to a single target).
struct _LinearRegressorKernel: _ONNXKernel {
    let weights: _LinearWeights
    let transform: _PostTransform

    init(_ node: _ONNXNodeInfo) throws {
        let coefficients = try node.floats("coefficients") ?? []
        let intercepts = try node.floats("intercepts") ?? []
        let targets = try node.int("targets", default: 1, in: 1...1_000_000)
        transform = try _PostTransform(node)
        guard !coefficients.isEmpty, coefficients.count % targets == 0 else {
            throw _ONNXError("\(coefficients.count) coefficients do not split into \(targets) targets")
        }
        guard intercepts.isEmpty || intercepts.count == targets else {
            throw _ONNXError("\(intercepts.count) intercepts for \(targets) targets")
        }
        weights = _LinearWeights(coefficients: coefficients, intercepts: intercepts, outputs: targets)
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        let (n, f) = try weights.rowsAndFeatures(x)
        let t = weights.outputs
        var out = context.takeOutput(step, 0)
        try out.reset(.float, shape: _ONNXShape(n, t))
        try weights.scores(x, rows: n, features: f, into: &out, stride: t) { o in
            for r in 0..<n {
                let row = o + r * t
                if t == 1 {
                    if transform == .probit { row[0] = _MLMath.probit(row[0]) }
                } else {
                    _MLMath.apply(transform, row, t, batched: true)
                }
            }
        }
        context.setOutput(step, 0, out)
    }
}

/// Scaler: `Y = (X − offset) · scale` per column (or with one offset and scale for all).
struct _ScalerKernel: _ONNXKernel {
    let offset: [Float]
    let scale: [Float]

    init(_ node: _ONNXNodeInfo) throws {
        guard let o = try node.floats("offset"), !o.isEmpty else { throw _ONNXError("attribute 'offset' is required") }
        guard let s = try node.floats("scale"), !s.isEmpty else { throw _ONNXError("attribute 'scale' is required") }
        guard o.count == s.count else {
            throw _ONNXError("'offset' has \(o.count) values and 'scale' \(s.count); they must match")
        }
        offset = o
        scale = s
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.arithmetic)
        let stride = x.rank == 0 ? 1 : x.shape[x.rank - 1]
        guard offset.count == 1 || offset.count == stride else {
            throw _ONNXError("\(offset.count) offsets for \(stride) columns")
        }
        var out = context.takeOutput(step, 0)
        try out.reset(.float, shape: x.shape)
        let n = x.count
        let one = offset.count == 1
        offset.withUnsafeBufferPointer { op in
            scale.withUnsafeBufferPointer { sp in
                out.f32.withUnsafeMutableBufferPointer { o in
                    switch x.type {
                    case .float:
                        x.f32.withUnsafeBufferPointer { xp in
                            if one {
                                for i in 0..<n { o[i] = (xp[i] - op[0]) * sp[0] }
                            } else {
                                var j = 0
                                for i in 0..<n {
                                    o[i] = (xp[i] - op[j]) * sp[j]
                                    j += 1
                                    if j == stride { j = 0 }
                                }
                            }
                        }
                    default:
                        for i in 0..<n {
                            let j = one ? 0 : i % stride
                            let v = x.doubleValue(at: i) ?? 0
                            o[i] = Float((v - Double(op[j])) * Double(sp[j]))
                        }
                    }
                }
            }
        }
        context.setOutput(step, 0, out)
    }
}

/// Normalizer (MAX, L1, L2) over each row of a 1-D or 2-D input, in float (onnxruntime's
/// formulas: L2 computes `sqrt(x² / Σx²)` with the sign of x). A zero norm copies the row.
struct _NormalizerKernel: _ONNXKernel {
    enum Norm: String, Sendable { case max = "MAX", l1 = "L1", l2 = "L2" }
    let norm: Norm

    init(_ node: _ONNXNodeInfo) throws {
        norm = Norm(rawValue: try node.choice("norm", default: "MAX", ["MAX", "L1", "L2"])) ?? .max
    }

    /// A 1-D input is one row: its norm spans every input row.
    func mixesRows(of input: _ONNXTensor, rowAxis: Int) -> Bool { input.rank != 2 || rowAxis != 0 }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.arithmetic)
        guard x.rank == 1 || x.rank == 2 else { throw _ONNXError("input must be 1-D or 2-D, got \(x.shape)") }
        let rows = x.rank == 1 ? 1 : x.shape[0]
        let width = x.rank == 1 ? x.shape[0] : x.shape[1]
        var out = context.takeOutput(step, 0)
        try out.reset(.float, shape: x.shape)
        try _onnxWithFloatElements(x) { xp in
            out.f32.withUnsafeMutableBufferPointer { o in
                for r in 0..<rows {
                    let b = r * width
                    switch norm {
                    case .max:
                        var m = -Float.greatestFiniteMagnitude
                        for j in 0..<width { m = Swift.max(m, xp[b + j]) }
                        for j in 0..<width { o[b + j] = m != 0 ? xp[b + j] / m : xp[b + j] }
                    case .l1:
                        var sum: Float = 0
                        for j in 0..<width { sum += abs(xp[b + j]) }
                        for j in 0..<width { o[b + j] = sum != 0 ? xp[b + j] / sum : xp[b + j] }
                    case .l2:
                        var sum: Float = 0
                        for j in 0..<width {
                            let v = xp[b + j]
                            o[b + j] = v * v
                            sum += v * v
                        }
                        for j in 0..<width {
                            let v = xp[b + j]
                            if sum != 0 {
                                let r = (o[b + j] / sum).squareRoot()
                                o[b + j] = v < 0 ? -r : r
                            } else {
                                o[b + j] = v
                            }
                        }
                    }
                }
            }
        }
        context.setOutput(step, 0, out)
    }
}

/// Writes `labels[index[r]]` for rows `0..<n` into `out` (an int64 or string tensor sized
/// `n`); a negative index -1/-2 stands for onnxruntime's literal label 0/1 (see the tree
/// ensembles' binary case).
func _onnxWriteLabels(_ labels: _ClassLabels, _ index: UnsafeMutableBufferPointer<Int>, _ n: Int, into out: inout _ONNXTensor) {
    switch labels {
    case .ints(let v):
        out.i64.withUnsafeMutableBufferPointer { o in
            for r in 0..<min(n, o.count) {
                let k = index[r]
                o[r] = k >= 0 ? v[k] : (k == -2 ? 1 : 0)
            }
        }
    case .strings(let v):
        out.strings.withUnsafeMutableBufferPointer { o in
            for r in 0..<min(n, o.count) {
                let k = index[r]
                o[r] = k >= 0 ? v[k] : v[k == -2 ? 1 : 0]
            }
        }
    }
}

/// `s[r·stride + k] = Σ_j x[r, j]·w[k, j] (+ b[k])` for the linear ml ops: per score a fused
/// multiply-add chain over the features in order from 0 (as onnxruntime's MLAS gemm), then the
/// intercept. Blocks of rows are transposed first so the inner loop runs across rows, which
/// vectorizes; the arithmetic per score is the same as one row at a time.
func _onnxLinearScores(
    _ x: UnsafeBufferPointer<Float>, rows n: Int, features f: Int, _ w: UnsafeBufferPointer<Float>, classes c: Int,
    _ intercepts: [Float], into s: UnsafeMutablePointer<Float>, stride: Int
) {
    // A block's transposed rows stay within 256 KB (and never scale with a huge feature count).
    let block = Swift.min(64, 65536 / Swift.max(f, 1))
    if n < 8 || f == 0 || block < 8 {
        for r in 0..<n {
            for k in 0..<c {
                var acc: Float = 0
                for j in 0..<f { acc = _onnxFusedMultiplyAdd(x[r * f + j], w[k * f + j], acc) }
                s[r * stride + k] = intercepts.isEmpty ? acc : acc + intercepts[k]
            }
        }
        return
    }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: f * block + block) { buffer in
        guard let base = buffer.baseAddress else { return }
        let xt = base
        let acc = base + f * block
        var r0 = 0
        while r0 < n {
            let b = Swift.min(block, n - r0)
            for i in 0..<b {
                let src = (r0 + i) * f
                for j in 0..<f { xt[j * block + i] = x[src + j] }
            }
            for k in 0..<c {
                for i in 0..<b { acc[i] = 0 }
                for j in 0..<f {
                    let weight = w[k * f + j]
                    let column = xt + j * block
                    for i in 0..<b { acc[i] = _onnxFusedMultiplyAdd(column[i], weight, acc[i]) }
                }
                let bias: Float? = intercepts.isEmpty ? nil : intercepts[k]
                for i in 0..<b { s[(r0 + i) * stride + k] = bias.map { acc[i] + $0 } ?? acc[i] }
            }
            r0 += b
        }
    }
}

/// `(rows, features)` of an ml-op input: `[N, F]`, or `[F]` as one row.
func _onnxRowsAndFeatures(_ x: _ONNXTensor) throws -> (Int, Int) {
    switch x.rank {
    case 1: return (1, x.shape[0])
    case 2: return (x.shape[0], x.shape[1])
    default: throw _ONNXError("input must be 1-D or 2-D, got \(x.shape)")
    }
}

/// Calls `body` with the elements of a numeric tensor as floats (a copy unless already float).
func _onnxWithFloatElements<R>(_ x: _ONNXTensor, _ body: (UnsafeBufferPointer<Float>) throws -> R) throws -> R {
    if x.type == .float { return try x.f32.withUnsafeBufferPointer(body) }
    guard x.type.isNumeric else { throw _ONNXError("input has type \(x.type), expected a numeric type") }
    let converted: [Float] = (0..<x.count).map { Float(x.doubleValue(at: $0) ?? 0) }
    return try converted.withUnsafeBufferPointer(body)
}

/// As ``_onnxWithFloatElements(_:_:)``: the input rows as a float buffer.
func _onnxWithFloatRows<R>(_ x: _ONNXTensor, _ body: (UnsafeBufferPointer<Float>) throws -> R) throws -> R {
    try _onnxWithFloatElements(x, body)
}
