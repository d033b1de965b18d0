// QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear (uint8/int8, per tensor or per axis).

/// Per-tensor or per-axis quantization parameters, checked against the data's shape.
private struct _QuantizationParameters {
    var scales: [Float]
    var zeroPoints: [Int32]
    /// Elements sharing one scale are `inner` apart along an axis of size `scales.count`.
    var inner = 1

    init(scale: _ONNXTensor, zeroPoint: _ONNXTensor?, data: _ONNXShape, axis: Int, zeroType: _ONNXElementType?) throws {
        try scale.require(.float, "scale")
        if let zeroPoint {
            if let zeroType {
                guard zeroPoint.type == zeroType else {
                    throw _ONNXError("zero point has type \(zeroPoint.type), expected \(zeroType)")
                }
            }
            guard zeroPoint.count == scale.count else {
                throw _ONNXError("zero point has \(zeroPoint.count) values, scale \(scale.count)")
            }
        }
        scales = scale.f32
        zeroPoints = (0..<scale.count).map { i in Int32(zeroPoint?.doubleValue(at: i) ?? 0) }
        if scale.count == 1 && scale.rank <= 1 { return }
        guard scale.rank == 1 else { throw _ONNXError("scale must be a scalar or 1-D, got \(scale.shape)") }
        let a = try _onnxAxis(axis, rank: data.rank)
        guard data[a] == scale.count else {
            throw _ONNXError("\(scale.count) scales for axis \(a) of size \(data[a])")
        }
        inner = data.product((a + 1)..<data.rank)
    }

    @inline(__always)
    func index(_ i: Int) -> Int { scales.count == 1 ? 0 : (i / inner) % scales.count }
}

/// QuantizeLinear: `y = saturate(round_half_even(x / scale) + zero_point)` (uint8 unless the
/// zero point or `output_dtype` says int8). NaN quantizes to the type's minimum (MLAS).
struct _QuantizeLinearKernel: _ONNXKernel {
    let axis: Int
    let outputType: _ONNXElementType?

    init(_ node: _ONNXNodeInfo) throws {
        axis = node.opsetVersion >= 13 ? try node.int("axis", default: 1, in: -64...64) : 1
        if try node.int("block_size", default: 0) != 0 {
            throw _ONNXError("blocked quantization is not supported", unsupported: true)
        }
        if let code = try node.int("output_dtype"), code != 0 {
            guard code == 2 || code == 3 else {
                throw _ONNXError("output_dtype \(_ONNXElementType.name(ofCode: Int(clamping: code))) is not supported", unsupported: true)
            }
            outputType = code == 2 ? .uint8 : .int8
        } else {
            outputType = nil
        }
        if try node.int("saturate", default: 1) != 1 {
            throw _ONNXError("saturate = 0 is not supported", unsupported: true)
        }
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require([.float, .int32], "x")
        let zero = context.input(step, 2)
        let type = zero?.type ?? outputType ?? .uint8
        guard type == .uint8 || type == .int8 else { throw _ONNXError("quantizing to \(type) is not supported", unsupported: true) }
        let p = try _QuantizationParameters(
            scale: try context.required(step, 1), zeroPoint: zero, data: x.shape, axis: axis, zeroType: type)
        var out = context.takeOutput(step, 0)
        try out.reset(type, shape: x.shape)
        let (lo, hi): (Float, Float) = type == .uint8 ? (0, 255) : (-128, 127)
        let xf = x.f32
        let xi = x.i32
        let isFloat = x.type == .float
        var q = [Float](repeating: 0, count: x.count)
        for i in 0..<q.count {
            let v = isFloat ? xf[i] : Float(xi[i])
            let k = p.index(i)
            var r = (v / p.scales[k]).rounded(.toNearestOrEven) + Float(p.zeroPoints[k])
            if r.isNaN || r < lo { r = lo }
            if r > hi { r = hi }
            q[i] = r
        }
        if type == .uint8 {
            out.u8.withUnsafeMutableBufferPointer { o in for i in 0..<q.count { o[i] = UInt8(q[i]) } }
        } else {
            out.i8.withUnsafeMutableBufferPointer { o in for i in 0..<q.count { o[i] = Int8(q[i]) } }
        }
        context.setOutput(step, 0, out)
    }
}

/// DequantizeLinear: `y = (x − zero_point) · scale` in float.
struct _DequantizeLinearKernel: _ONNXKernel {
    let axis: Int

    init(_ node: _ONNXNodeInfo) throws {
        axis = node.opsetVersion >= 13 ? try node.int("axis", default: 1, in: -64...64) : 1
        if try node.int("block_size", default: 0) != 0 {
            throw _ONNXError("blocked quantization is not supported", unsupported: true)
        }
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require([.uint8, .int8, .int32], "x")
        let p = try _QuantizationParameters(
            scale: try context.required(step, 1), zeroPoint: context.input(step, 2), data: x.shape, axis: axis,
            zeroType: x.type)
        var out = context.takeOutput(step, 0)
        try out.reset(.float, shape: x.shape)
        let values: [Int32]
        switch x.storage {
        case .uint8(let v): values = v.map { Int32($0) }
        case .int8(let v): values = v.map { Int32($0) }
        case .int32(let v): values = v
        default: values = []
        }
        out.f32.withUnsafeMutableBufferPointer { o in
            for i in 0..<min(values.count, o.count) {
                let k = p.index(i)
                o[i] = Float(values[i] &- p.zeroPoints[k]) * p.scales[k]
            }
        }
        context.setOutput(step, 0, out)
    }
}

/// DynamicQuantizeLinear: uint8 quantization with scale and zero point from the data's range
/// (extended to include 0): `scale = (max − min) / 255`,
/// `zero_point = round(clamp(−min / scale, 0, 255))` (half away from zero), then QuantizeLinear.
/// An all-zero input gives scale 0, zero point 0 and zeros.
struct _DynamicQuantizeLinearKernel: _ONNXKernel {
    /// The scale comes from the range of the whole input.
    var readsWholeInput: Bool { true }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.float, "x")
        let xs = x.f32
        var lo: Float = 0
        var hi: Float = 0
        for v in xs {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        let scale = (hi - lo) / 255
        var zero: Float = 0
        if scale > 0 {
            zero = Swift.min(Swift.max(0 - lo / scale, 0), 255).rounded()
        }
        var y = context.takeOutput(step, 0)
        try y.reset(.uint8, shape: x.shape)
        y.u8.withUnsafeMutableBufferPointer { o in
            for i in 0..<min(xs.count, o.count) {
                var q: Float = scale > 0 ? (xs[i] / scale).rounded(.toNearestOrEven) + zero : 0
                if q.isNaN || q < 0 { q = 0 }
                if q > 255 { q = 255 }
                o[i] = UInt8(q)
            }
        }
        context.setOutput(step, 0, y)
        var s = context.takeOutput(step, 1)
        try s.reset(.float, shape: _ONNXShape())
        s.f32[0] = scale
        context.setOutput(step, 1, s)
        var z = context.takeOutput(step, 2)
        try z.reset(.uint8, shape: _ONNXShape())
        z.u8[0] = UInt8(zero)
        context.setOutput(step, 2, z)
    }
}
