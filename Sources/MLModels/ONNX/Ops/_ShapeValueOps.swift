// Ops whose values are shapes: Shape (with opset 15's `start`/`end`) and ConstantOfShape.

/// Shape: the input's dimensions as int64 `[r]`, sliced to `start ..< end` (clamped, negative
/// from the end) from opset 15.
struct _ShapeKernel: _ONNXKernel {
    let start: Int64
    let end: Int64?

    init(_ node: _ONNXNodeInfo) throws {
        start = node.opsetVersion >= 15 ? try node.int("start", default: 0) : 0
        end = node.opsetVersion >= 15 ? try node.int("end") : nil
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        let r = Int64(x.rank)
        func clamp(_ v: Int64) -> Int64 { Swift.min(Swift.max(v < 0 ? v + r : v, 0), r) }
        let lo = clamp(start)
        let hi = Swift.max(lo, clamp(end ?? r))
        var out = context.takeOutput(step, 0)
        try out.reset(.int64, shape: _ONNXShape(Int(hi - lo)))
        out.i64 = (Int(lo)..<Int(hi)).map { Int64(x.shape[$0]) }
        context.setOutput(step, 0, out)
    }
}

/// ConstantOfShape: a tensor of the shape given by the int64 input, filled with the one
/// element of `value` (default float 0).
struct _ConstantOfShapeKernel: _ONNXKernel {
    let value: _ONNXTensor

    init(_ node: _ONNXNodeInfo) throws {
        if let v = try node.tensor("value") {
            guard v.count == 1 else { throw _ONNXError("'value' must hold one element, it has \(v.count)") }
            value = v
        } else {
            value = _ONNXTensor(floats: [0], shape: _ONNXShape(1))
        }
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let s = try context.required(step, 0)
        guard let dims = s.integerValues(), s.rank <= 1 else { throw _ONNXError("the shape input must be a 1-D int64 tensor") }
        guard dims.allSatisfy({ $0 >= 0 && $0 <= Int64(_ONNXTensor.maximumElementCount) }) else {
            throw _ONNXError("shape \(dims) has a negative or oversized dimension")
        }
        let shape = try _ONNXShape(dims.map { Int($0) })
        var out = context.takeOutput(step, 0)
        try out.reset(value.type, shape: shape)
        let n = out.count
        switch value.storage {
        case .float(let v): out.f32 = [Float](repeating: v[0], count: n)
        case .double(let v): out.f64 = [Double](repeating: v[0], count: n)
        case .int64(let v): out.i64 = [Int64](repeating: v[0], count: n)
        case .int32(let v): out.i32 = [Int32](repeating: v[0], count: n)
        case .int8(let v): out.i8 = [Int8](repeating: v[0], count: n)
        case .uint8(let v): out.u8 = [UInt8](repeating: v[0], count: n)
        case .bool(let v): out.bools = [Bool](repeating: v[0], count: n)
        case .string(let v): out.strings = [String](repeating: v[0], count: n)
        }
        context.setOutput(step, 0, out)
    }
}
