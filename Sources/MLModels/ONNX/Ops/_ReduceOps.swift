import MLCore

// The Reduce* ops: Sum, Mean, Prod, Max, Min, SumSquare, LogSumExp, LogSum, L1, L2 over
// `axes` (an attribute before opset 13 for ReduceSum and 18 for the others, an input from
// then on), with `keepdims` and `noop_with_empty_axes`. Floating-point sums accumulate in
// double and round once (onnxruntime's float sums differ from these by rounding only).

struct _ReduceKernel: _ONNXKernel {
    enum Op: Sendable { case sum, mean, prod, max, min, sumSquare, logSumExp, logSum, l1, l2 }
    let op: Op
    let keepDims: Bool
    let noopWithEmptyAxes: Bool
    /// Axes from the attribute (`nil`: from input 1, or all axes when neither is given).
    let attributeAxes: [Int]?
    let axesFromInput: Bool

    init(_ node: _ONNXNodeInfo, _ op: Op) throws {
        self.op = op
        keepDims = try node.int("keepdims", default: 1) != 0
        noopWithEmptyAxes = try node.int("noop_with_empty_axes", default: 0) != 0
        let inputSince = op == .sum ? 13 : 18
        axesFromInput = node.opsetVersion >= inputSince
        if axesFromInput {
            guard !node.has("axes") else { throw _ONNXError("'axes' is an input from opset \(inputSince), not an attribute") }
            attributeAxes = nil
        } else {
            attributeAxes = try node.ints("axes").map { list in
                try list.map { a in
                    guard a >= -64, a < 64 else { throw _ONNXError("axis \(a) is out of range") }
                    return Int(a)
                }
            }
        }
    }

    /// The normalized, sorted axes to reduce for an input of `rank`, or `nil` for a no-op.
    func axes(rank: Int, input: _ONNXTensor?) throws -> [Int]? {
        var raw: [Int] = []
        if let attributeAxes {
            raw = attributeAxes
        } else if axesFromInput, let t = input {
            guard let v = t.integerValues() else { throw _ONNXError("axes input has type \(t.type), expected int64") }
            raw = try v.map { a in
                guard a >= -64, a < 64 else { throw _ONNXError("axis \(a) is out of range") }
                return Int(a)
            }
        }
        if raw.isEmpty {
            if noopWithEmptyAxes && axesFromInput { return nil }
            return Array(0..<rank)
        }
        var set = Set<Int>()
        for a in raw { set.insert(try _onnxAxis(a, rank: rank)) }
        return set.sorted()
    }

    func mixesRows(_ step: _ONNXStep, probe: _ONNXRunContext, rowAxis: Int) -> Bool {
        guard let x = probe.input(step, 0) else { return true }
        guard let reduced = try? axes(rank: x.rank, input: probe.input(step, 1)) else { return false }
        return reduced.contains(rowAxis)
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        var out = context.takeOutput(step, 0)
        defer { context.setOutput(step, 0, out) }
        guard let reduced = try axes(rank: x.rank, input: context.input(step, 1)) else {
            try out.assign(x)
            return
        }
        // Output shape and, per input axis, the output stride (0 for a reduced axis).
        var isReduced = [Bool](repeating: false, count: x.rank)
        for a in reduced { isReduced[a] = true }
        var shape = _ONNXShape()
        for d in 0..<x.rank {
            if !isReduced[d] {
                try shape.append(x.shape[d])
            } else if keepDims {
                try shape.append(1)
            }
        }
        var strides = [Int](repeating: 0, count: x.rank)
        var s = 1
        for d in stride(from: x.rank - 1, through: 0, by: -1) where !isReduced[d] {
            strides[d] = s
            s *= x.shape[d]
        }
        let outCount = s
        let groupSize = outCount == 0 ? 0 : x.count / outCount
        switch x.type {
        case .float, .double:
            var acc = [Double](repeating: 0, count: outCount)
            var peak = [Double](repeating: -.infinity, count: outCount)
            let values = x.type == .float ? x.f32.map { Double($0) } : x.f64
            if op == .logSumExp {
                forEach(x.shape, strides) { i, o in peak[o] = Swift.max(peak[o], values[i]) }
            }
            initialize(&acc)
            forEach(x.shape, strides) { i, o in accumulate(&acc[o], values[i], peak[o]) }
            for o in 0..<outCount { acc[o] = finish(acc[o], count: groupSize, peak: peak[o]) }
            if x.type == .float {
                try out.reset(.float, shape: shape)
                out.f32 = acc.map { Float($0) }
            } else {
                try out.reset(.double, shape: shape)
                out.f64 = acc
            }
        case .int64, .int32:
            guard let values = x.integerValues(), [.sum, .mean, .prod, .max, .min].contains(op) else {
                throw _ONNXError("input has type \(x.type), which this reduction does not support")
            }
            var acc = [Int64](repeating: op == .prod ? 1 : 0, count: outCount)
            var seen = [Bool](repeating: false, count: outCount)
            forEach(x.shape, strides) { i, o in
                let v = values[i]
                switch op {
                case .prod: acc[o] = acc[o] &* v
                case .max: acc[o] = seen[o] ? Swift.max(acc[o], v) : v
                case .min: acc[o] = seen[o] ? Swift.min(acc[o], v) : v
                default: acc[o] = acc[o] &+ v
                }
                seen[o] = true
            }
            if op == .mean, groupSize > 0 { for o in 0..<outCount { acc[o] /= Int64(groupSize) } }
            try out.reset(x.type, shape: shape)
            if x.type == .int64 {
                out.i64 = acc
            } else {
                out.i32 = acc.map { Int32(truncatingIfNeeded: $0) }
            }
        default:
            throw _ONNXError("input has type \(x.type), expected a numeric type")
        }
    }

    private func initialize(_ acc: inout [Double]) {
        switch op {
        case .prod: for o in acc.indices { acc[o] = 1 }
        case .max: for o in acc.indices { acc[o] = -.infinity }
        case .min: for o in acc.indices { acc[o] = .infinity }
        default: break
        }
    }

    @inline(__always)
    private func accumulate(_ a: inout Double, _ v: Double, _ peak: Double) {
        switch op {
        case .sum, .mean, .logSum: a += v
        case .prod: a *= v
        case .max: a = v.isNaN || a.isNaN ? .nan : Swift.max(a, v)
        case .min: a = v.isNaN || a.isNaN ? .nan : Swift.min(a, v)
        case .sumSquare, .l2: a += v * v
        case .l1: a += Swift.abs(v)
        case .logSumExp: a += _Math.exp(v - peak)
        }
    }

    @inline(__always)
    private func finish(_ a: Double, count: Int, peak: Double) -> Double {
        switch op {
        case .mean: return count > 0 ? a / Double(count) : .nan
        case .logSum: return _Math.log(a)
        case .l2: return a.squareRoot()
        case .logSumExp: return peak.isFinite ? _Math.log(a) + peak : peak
        default: return a
        }
    }

    /// Calls `body(inputIndex, outputIndex)` for every element of a tensor of `shape`, the
    /// output index from the per-axis `strides` (0 on reduced axes).
    private func forEach(_ shape: _ONNXShape, _ strides: [Int], _ body: (Int, Int) -> Void) {
        let rank = shape.rank
        var count = 1
        for d in 0..<rank { count *= shape[d] }
        if count == 0 { return }
        var coordinate = [Int](repeating: 0, count: rank)
        var o = 0
        for i in 0..<count {
            body(i, o)
            var d = rank - 1
            while d >= 0 {
                coordinate[d] += 1
                o += strides[d]
                if coordinate[d] < shape[d] { break }
                o -= strides[d] * shape[d]
                coordinate[d] = 0
                d -= 1
            }
        }
    }
}
