import MLCore

// Data-movement and reduction ops: Identity, Reshape, Flatten, Concat, Gather, Cast,
// ArgMax, Softmax.

/// Normalizes an axis attribute (negative counts from the end) into `0..<rank` (or
/// `0...rank` when `inclusive`, for Flatten).
func _onnxAxis(_ axis: Int, rank: Int, inclusive: Bool = false) throws -> Int {
    let limit = inclusive ? rank + 1 : rank
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0, a < limit else { throw _ONNXError("axis \(axis) is out of range for rank \(rank)") }
    return a
}

/// Copies the element storage of `t` into `out` and gives it `shape` (same element count).
func _onnxCopy(_ t: _ONNXTensor, into out: inout _ONNXTensor, shape: _ONNXShape) throws {
    try out.assign(t)
    guard try shape.elementCount() == t.count else {
        throw _ONNXError("cannot give \(t.count) elements the shape \(shape)")
    }
    out.shape = shape
}

struct _IdentityKernel: _ONNXKernel {
    func copiedInput(_ inputs: [Int], output: _ONNXTensor, probe: _ONNXProbeValues) -> Int? { inputs.first }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        var out = context.takeOutput(step, 0)
        try out.assign(a)
        context.setOutput(step, 0, out)
    }
}

/// Reshape (shape from the second input; from the `shape` attribute before opset 5).
/// `0` copies the input's dimension unless `allowzero` is set; one `-1` is inferred.
struct _ReshapeKernel: _ONNXKernel {
    let attributeShape: [Int64]?
    let allowZero: Bool

    init(_ node: _ONNXNodeInfo) throws {
        attributeShape = node.opsetVersion < 5 ? try node.ints("shape") ?? [] : nil
        allowZero = node.opsetVersion >= 14 ? try node.int("allowzero", default: 0) != 0 : false
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let data = try context.required(step, 0)
        let requested: [Int64]
        if let attributeShape {
            requested = attributeShape
        } else {
            let s = try context.required(step, 1)
            try s.require(.int64, "shape")
            guard s.rank == 1 else { throw _ONNXError("shape must be 1-D, got \(s.shape)") }
            requested = s.i64
        }
        guard requested.count <= _ONNXShape.maximumRank else {
            throw _ONNXError("target rank \(requested.count) is above the supported \(_ONNXShape.maximumRank)", unsupported: true)
        }
        var shape = _ONNXShape()
        var inferred = -1
        var known = 1
        for (i, r) in requested.enumerated() {
            var d: Int
            if r == -1 {
                guard inferred < 0 else { throw _ONNXError("shape \(requested) has more than one -1") }
                inferred = i
                d = 1
            } else if r == 0 && !allowZero {
                guard i < data.rank else { throw _ONNXError("shape \(requested) copies dimension \(i) of \(data.shape)") }
                d = data.shape[i]
            } else {
                guard r >= 0, r <= Int64(_ONNXTensor.maximumElementCount) else {
                    throw _ONNXError("shape \(requested) has dimension \(r)")
                }
                d = Int(r)
            }
            shape.append(unchecked: d)
            if i != inferred {
                let (p, o) = known.multipliedReportingOverflow(by: d)
                guard !o else { throw _ONNXError("shape \(requested) overflows") }
                known = p
            }
        }
        if inferred >= 0 {
            guard known > 0, data.count % known == 0 else {
                throw _ONNXError("cannot reshape \(data.shape) to \(requested)")
            }
            shape[inferred] = data.count / known
        }
        var out = context.takeOutput(step, 0)
        try _onnxCopy(data, into: &out, shape: shape)
        context.setOutput(step, 0, out)
    }
}

struct _FlattenKernel: _ONNXKernel {
    let axis: Int

    init(_ node: _ONNXNodeInfo) throws {
        axis = try node.int("axis", default: 1, in: -64...64)
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let data = try context.required(step, 0)
        let a = try _onnxAxis(axis, rank: data.rank, inclusive: true)
        let shape = _ONNXShape(data.shape.product(0..<a), data.shape.product(a..<data.rank))
        var out = context.takeOutput(step, 0)
        try _onnxCopy(data, into: &out, shape: shape)
        context.setOutput(step, 0, out)
    }
}

struct _ConcatKernel: _ONNXKernel {
    let axis: Int

    init(_ node: _ONNXNodeInfo) throws {
        guard let a = try node.int("axis") else {
            if node.opsetVersion < 4 {
                axis = 1
                return
            }
            throw _ONNXError("attribute 'axis' is required")
        }
        guard a >= -64, a <= 64 else { throw _ONNXError("attribute 'axis' is \(a)") }
        axis = Int(a)
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        guard !step.inputs.isEmpty else { throw _ONNXError("needs at least one input") }
        let first = try context.required(step, 0)
        let a = try _onnxAxis(axis, rank: first.rank)
        var shape = first.shape
        var total = 0
        for k in 0..<step.inputs.count {
            let t = try context.required(step, k)
            guard t.type == first.type, t.rank == first.rank else {
                throw _ONNXError("input \(k) (\(t.type) \(t.shape)) does not match input 0 (\(first.type) \(first.shape))")
            }
            for d in 0..<t.rank where d != a && t.shape[d] != first.shape[d] {
                throw _ONNXError("input \(k) has shape \(t.shape), input 0 has \(first.shape)")
            }
            let (s, o) = total.addingReportingOverflow(t.shape[a])
            guard !o else { throw _ONNXError("concatenated dimension overflows") }
            total = s
        }
        shape[a] = total
        var out = context.takeOutput(step, 0)
        try out.reset(first.type, shape: shape)
        let outer = shape.product(0..<a)
        let inner = shape.product((a + 1)..<shape.rank)
        let rowOut = total * inner
        var offset = 0
        for k in 0..<step.inputs.count {
            let t = try context.required(step, k)
            let chunk = t.shape[a] * inner
            out.moveElements(from: t, Block(outer: outer, chunk: chunk, rowOut: rowOut, offset: offset))
            offset += chunk
        }
        context.setOutput(step, 0, out)
    }

    /// One input's `outer` blocks of `chunk` elements into the output rows of `rowOut`, at `offset`.
    private struct Block: _ONNXElementMove {
        let outer: Int, chunk: Int, rowOut: Int, offset: Int

        @inline(__always)
        func move<T>(_ s: UnsafeBufferPointer<T>, into d: UnsafeMutableBufferPointer<T>) {
            for o in 0..<outer {
                for j in 0..<chunk { d[o * rowOut + offset + j] = s[o * chunk + j] }
            }
        }
    }
}

/// Gather(data, indices) along `axis`; negative indices count from the end; an index out of
/// range is an error (onnxruntime refuses it too).
struct _GatherKernel: _ONNXKernel {
    let axis: Int

    init(_ node: _ONNXNodeInfo) throws {
        axis = try node.int("axis", default: 0, in: -64...64)
    }

    /// A Gather of every index in order along an axis (skl2onnx's IsolationForest "feature
    /// subset" of all features) returns its input.
    func copiedInput(_ inputs: [Int], output: _ONNXTensor, probe: _ONNXProbeValues) -> Int? {
        guard inputs.count == 2 else { return nil }
        let (x, i) = (inputs[0], inputs[1])
        guard x >= 0, i >= 0, probe.isConstant(i), let a = try? _onnxAxis(axis, rank: probe.value(x).rank) else { return nil }
        let data = probe.value(x)
        let indices = probe.value(i)
        guard indices.rank == 1, data.shape[a] == indices.count, data.shape == output.shape,
            indices.integerValues() == (0..<Int64(indices.count)).map({ $0 })
        else { return nil }
        return x
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let data = try context.required(step, 0)
        let indices = try context.required(step, 1)
        try indices.require(.indices, "indices")
        let a = try _onnxAxis(axis, rank: data.rank)
        let dim = data.shape[a]
        var shape = _ONNXShape()
        for i in 0..<a { try shape.append(data.shape[i]) }
        for i in 0..<indices.rank { try shape.append(indices.shape[i]) }
        for i in (a + 1)..<data.rank { try shape.append(data.shape[i]) }
        let outer = data.shape.product(0..<a)
        let inner = data.shape.product((a + 1)..<data.rank)
        let count = indices.count
        // Validate every index first, so the copy loops below stay in range.
        let idx64 = indices.i64
        let idx32 = indices.i32
        let wide = indices.type == .int64
        for i in 0..<count {
            let v = wide ? idx64[i] : Int64(idx32[i])
            guard v >= -Int64(dim), v < Int64(dim) else {
                throw _ONNXError("index \(v) is out of range for axis \(a) of size \(dim)")
            }
        }
        var out = context.takeOutput(step, 0)
        try out.reset(data.type, shape: shape)
        out.moveElements(from: data, Selection(idx64: idx64, idx32: idx32, wide: wide, count: count, outer: outer, dim: dim, inner: inner))
        context.setOutput(step, 0, out)
    }

    /// The selected `inner`-element blocks of each of `outer` blocks, in index order (indices
    /// checked, negative ones counted from `dim`).
    private struct Selection: _ONNXElementMove {
        let idx64: [Int64], idx32: [Int32], wide: Bool
        let count: Int, outer: Int, dim: Int, inner: Int

        @inline(__always)
        func move<T>(_ s: UnsafeBufferPointer<T>, into d: UnsafeMutableBufferPointer<T>) {
            var k = 0
            for o in 0..<outer {
                for i in 0..<count {
                    var v = wide ? Int(idx64[i]) : Int(idx32[i])
                    if v < 0 { v += dim }
                    let base = (o * dim + v) * inner
                    for j in 0..<inner {
                        d[k] = s[base + j]
                        k += 1
                    }
                }
            }
        }
    }
}

/// Cast between float, double, int64, int32, int8, uint8 and bool. Float → integer
/// conversions truncate toward zero; NaN and out-of-range values give the x86 "integer
/// indefinite" value (the minimum), narrower integers wrap (as onnxruntime on x86-64).
struct _CastKernel: _ONNXKernel {
    let to: _ONNXElementType

    init(_ node: _ONNXNodeInfo) throws {
        let code: Int
        if node.opsetVersion < 6, let name = try node.string("to") {
            let names: [String: Int] = [
                "FLOAT": 1, "UINT8": 2, "INT8": 3, "INT32": 6, "INT64": 7, "STRING": 8, "BOOL": 9, "DOUBLE": 11,
            ]
            guard let c = names[name.uppercased()] else {
                throw _ONNXError("cast to \(name) is not supported", unsupported: true)
            }
            code = c
        } else {
            guard let c = try node.int("to") else { throw _ONNXError("attribute 'to' is required") }
            guard c >= 0, c < 64 else { throw _ONNXError("attribute 'to' is \(c), not a data type") }
            code = Int(c)
        }
        guard let t = _ONNXElementType(code: code), t != .string else {
            throw _ONNXError("cast to \(_ONNXElementType.name(ofCode: code)) is not supported", unsupported: true)
        }
        to = t
    }

    /// A Cast to the type the value already has only copies it.
    func copiedInput(_ inputs: [Int], output: _ONNXTensor, probe: _ONNXProbeValues) -> Int? {
        guard let i = inputs.first, i >= 0, probe.value(i).type == to else { return nil }
        return i
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        var out = context.takeOutput(step, 0)
        if a.type == to {
            try out.assign(a)
            context.setOutput(step, 0, out)
            return
        }
        guard a.type != .string else { throw _ONNXError("cast from string is not supported", unsupported: true) }
        try out.reset(to, shape: a.shape)
        func convert<S, D>(_ src: [S], _ dst: inout [D], _ f: (S) -> D) {
            src.withUnsafeBufferPointer { s in
                dst.withUnsafeMutableBufferPointer { d in
                    for i in 0..<min(s.count, d.count) { d[i] = f(s[i]) }
                }
            }
        }
        /// Every source element through `Double` (exact for all source types here).
        func each<D>(_ dst: inout [D], _ f: (Double) -> D) {
            switch a.storage {
            case .float(let v): convert(v, &dst) { f(Double($0)) }
            case .double(let v): convert(v, &dst, f)
            case .int64(let v): convert(v, &dst) { f(Double($0)) }
            case .int32(let v): convert(v, &dst) { f(Double($0)) }
            case .int8(let v): convert(v, &dst) { f(Double($0)) }
            case .uint8(let v): convert(v, &dst) { f(Double($0)) }
            case .bool(let v): convert(v, &dst) { f($0 ? 1 : 0) }
            case .string: break
            }
        }
        /// Integer conversions keep int64 sources exact (Double would round above 2^53).
        func wide32(_ x: Double) -> Int32 { _onnxInt32(x) }
        switch to {
        case .float:
            if case .int64(let v) = a.storage { convert(v, &out.f32) { Float($0) } } else { each(&out.f32) { Float($0) } }
        case .double:
            if case .int64(let v) = a.storage { convert(v, &out.f64) { Double($0) } } else { each(&out.f64) { $0 } }
        case .int64:
            each(&out.i64) { _onnxInt64($0) }
        case .int32:
            if case .int64(let v) = a.storage {
                convert(v, &out.i32) { Int32(truncatingIfNeeded: $0) }
            } else {
                each(&out.i32, wide32)
            }
        case .int8:
            if case .int64(let v) = a.storage {
                convert(v, &out.i8) { Int8(truncatingIfNeeded: $0) }
            } else {
                each(&out.i8) { Int8(truncatingIfNeeded: wide32($0)) }
            }
        case .uint8:
            if case .int64(let v) = a.storage {
                convert(v, &out.u8) { UInt8(truncatingIfNeeded: $0) }
            } else {
                each(&out.u8) { UInt8(truncatingIfNeeded: wide32($0)) }
            }
        case .bool:
            each(&out.bools) { $0 != 0 }
        case .string:
            break
        }
        context.setOutput(step, 0, out)
    }
}

/// ArgMax along `axis` → int64. Ties go to the first (or, with `select_last_index`, the last)
/// maximum; NaN never compares greater, as in onnxruntime.
struct _ArgMaxKernel: _ONNXKernel {
    let axis: Int
    let keepDims: Bool
    let selectLast: Bool

    init(_ node: _ONNXNodeInfo) throws {
        axis = try node.int("axis", default: 0, in: -64...64)
        keepDims = try node.int("keepdims", default: 1) != 0
        selectLast = node.opsetVersion >= 12 ? try node.int("select_last_index", default: 0) != 0 : false
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let data = try context.required(step, 0)
        try data.require(.arithmetic)
        let a = try _onnxAxis(axis, rank: data.rank)
        let dim = data.shape[a]
        guard dim > 0 else { throw _ONNXError("ArgMax over an empty axis") }
        var shape = _ONNXShape()
        for i in 0..<data.rank {
            if i == a {
                if keepDims { shape.append(unchecked: 1) }
            } else {
                shape.append(unchecked: data.shape[i])
            }
        }
        let outer = data.shape.product(0..<a)
        let inner = data.shape.product((a + 1)..<data.rank)
        var out = context.takeOutput(step, 0)
        try out.reset(.int64, shape: shape)
        let last = selectLast
        func scan<T: Comparable>(_ v: [T]) {
            v.withUnsafeBufferPointer { x in
                out.i64.withUnsafeMutableBufferPointer { o in
                    for p in 0..<outer {
                        for q in 0..<inner {
                            let base = p * dim * inner + q
                            var best = x[base]
                            var bestIndex = 0
                            for i in 1..<dim {
                                let y = x[base + i * inner]
                                if last ? y >= best : y > best {
                                    best = y
                                    bestIndex = i
                                }
                            }
                            o[p * inner + q] = Int64(bestIndex)
                        }
                    }
                }
            }
        }
        switch data.type {
        case .float: scan(data.f32)
        case .double: scan(data.f64)
        case .int64: scan(data.i64)
        case .int32: scan(data.i32)
        default: break
        }
        context.setOutput(step, 0, out)
    }
}

/// Softmax. Opset ≥ 13: along `axis` (default -1). Before 13: the input is seen as a matrix
/// `[prod(dims before axis), prod(dims from axis)]` (axis default 1) and each row is normalized.
/// `exp(x − max)` scaled by the reciprocal of the row sum, as onnxruntime's MLAS does.
struct _SoftmaxKernel: _ONNXKernel {
    let axis: Int
    let flattening: Bool
    /// LogSoftmax: `x − max − log Σ exp(x − max)`, stable for large scores.
    let logarithmic: Bool

    init(_ node: _ONNXNodeInfo, logarithmic: Bool = false) throws {
        self.logarithmic = logarithmic
        flattening = node.opsetVersion < 13
        axis = try node.int("axis", default: flattening ? 1 : -1, in: -64...64)
    }

    /// Softmax mixes along its axis (before opset 13, along all axes from it on).
    func mixesRows(of input: _ONNXTensor, rowAxis: Int) -> Bool {
        guard let a = try? _onnxAxis(axis, rank: input.rank, inclusive: flattening) else { return false }
        return flattening ? a <= rowAxis : a == rowAxis
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let data = try context.required(step, 0)
        try data.require(.floating)
        let a = try _onnxAxis(axis, rank: data.rank, inclusive: flattening)
        let outer = data.shape.product(0..<a)
        let dim = flattening ? data.shape.product(a..<data.rank) : data.shape[a]
        let inner = flattening ? 1 : data.shape.product((a + 1)..<data.rank)
        var out = context.takeOutput(step, 0)
        try out.reset(data.type, shape: data.shape)
        if data.count == 0 {
            context.setOutput(step, 0, out)
            return
        }
        if logarithmic {
            if data.type == .float {
                Self.logNormalize(data.f32, &out.f32, outer: outer, dim: dim, inner: inner, exp: { _Math.exp($0) }, log: { _Math.log($0) })
            } else {
                Self.logNormalize(data.f64, &out.f64, outer: outer, dim: dim, inner: inner, exp: { _Math.exp($0) }, log: { _Math.log($0) })
            }
        } else if data.type == .float {
            // float: scaled by the reciprocal of the sum (MLAS); double: divided by the sum.
            Self.normalize(data.f32, &out.f32, outer: outer, dim: dim, inner: inner, exp: { _Math.exp($0) }, by: { 1 / $0 }, scale: *)
        } else {
            Self.normalize(data.f64, &out.f64, outer: outer, dim: dim, inner: inner, exp: { _Math.exp($0) }, by: { $0 }, scale: /)
        }
        context.setOutput(step, 0, out)
    }

    /// `x − max − log Σ exp(x − max)` over each run of `dim` elements `inner` apart.
    private static func logNormalize<T: BinaryFloatingPoint>(
        _ data: [T], _ out: inout [T], outer: Int, dim: Int, inner: Int, exp: (T) -> T, log: (T) -> T
    ) {
        forEachRun(data, &out, outer: outer, dim: dim, inner: inner) { x, o, base, m in
            var sum: T = 0
            for i in 0..<dim { sum += exp(x[base + i * inner] - m) }
            let logSum = log(sum)
            for i in 0..<dim { o[base + i * inner] = x[base + i * inner] - m - logSum }
        }
    }

    /// `exp(x − max)` over each run of `dim` elements `inner` apart, then each scaled by
    /// `scale(e, by(sum))`.
    @inline(__always)
    private static func normalize<T: BinaryFloatingPoint>(
        _ data: [T], _ out: inout [T], outer: Int, dim: Int, inner: Int, exp: (T) -> T, by: (T) -> T, scale: (T, T) -> T
    ) {
        forEachRun(data, &out, outer: outer, dim: dim, inner: inner) { x, o, base, m in
            var sum: T = 0
            for i in 0..<dim {
                let e = exp(x[base + i * inner] - m)
                o[base + i * inner] = e
                sum += e
            }
            let factor = by(sum)
            for i in 0..<dim { o[base + i * inner] = scale(o[base + i * inner], factor) }
        }
    }

    /// Calls `body(x, out, base, max)` for each run of `dim` elements `inner` apart starting
    /// at `base`, with the run's maximum.
    @inline(__always)
    private static func forEachRun<T: BinaryFloatingPoint>(
        _ data: [T], _ out: inout [T], outer: Int, dim: Int, inner: Int,
        _ body: (UnsafeBufferPointer<T>, UnsafeMutableBufferPointer<T>, Int, T) -> Void
    ) {
        data.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for p in 0..<outer {
                    for q in 0..<inner {
                        let base = p * dim * inner + q
                        var m = -T.greatestFiniteMagnitude
                        for i in 0..<dim { m = Swift.max(m, x[base + i * inner]) }
                        body(x, o, base, m)
                    }
                }
            }
        }
    }
}
