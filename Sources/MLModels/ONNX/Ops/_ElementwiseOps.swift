import MLCore

// Elementwise ai.onnx ops with numpy (multidirectional) broadcasting: Add, Sub, Mul, Div,
// Pow, Max, Min, Sum, Equal, Less, Greater, Where; and the unary Neg, Relu, Sigmoid, Tanh,
// Exp, Log. Float math is done in the tensor's own precision (float32 stays float32).
// Integer arithmetic wraps like the C++ runtimes; integer division by zero gives 0.

/// Applies a binary op to two same-typed tensors with broadcasting, writing `out`.
@inline(__always)
func _onnxArithmetic(
    _ a: _ONNXTensor, _ b: _ONNXTensor, into out: inout _ONNXTensor,
    float: (Float, Float) -> Float, double: (Double, Double) -> Double,
    int64: (Int64, Int64) -> Int64, int32: (Int32, Int32) -> Int32
) throws {
    guard a.type == b.type else { throw _ONNXError("inputs have different types \(a.type) and \(b.type)") }
    let shape = try _ONNXShape.broadcast(a.shape, b.shape)
    try out.reset(a.type, shape: shape)
    switch a.type {
    case .float: _onnxBroadcast(a.f32, a.shape, b.f32, b.shape, into: &out.f32, shape, float)
    case .double: _onnxBroadcast(a.f64, a.shape, b.f64, b.shape, into: &out.f64, shape, double)
    case .int64: _onnxBroadcast(a.i64, a.shape, b.i64, b.shape, into: &out.i64, shape, int64)
    case .int32: _onnxBroadcast(a.i32, a.shape, b.i32, b.shape, into: &out.i32, shape, int32)
    default:
        throw _ONNXError("inputs have type \(a.type), expected float, double, int64 or int32")
    }
}

/// `f` over the elements of `x` and `y` broadcast to `shape`, into `out` (sized for `shape`).
@inline(__always)
func _onnxBroadcast<A, B, R>(
    _ x: [A], _ sx: _ONNXShape, _ y: [B], _ sy: _ONNXShape, into out: inout [R], _ shape: _ONNXShape, _ f: (A, B) -> R
) {
    x.withUnsafeBufferPointer { xp in
        y.withUnsafeBufferPointer { yp in
            out.withUnsafeMutableBufferPointer { _ONNXBroadcast.binary(xp, sx, yp, sy, $0, shape, f) }
        }
    }
}

/// Applies a comparison to two same-typed tensors with broadcasting, writing a bool tensor.
@inline(__always)
func _onnxCompare(
    _ a: _ONNXTensor, _ b: _ONNXTensor, into out: inout _ONNXTensor, allowNonNumeric: Bool,
    float: (Float, Float) -> Bool, double: (Double, Double) -> Bool,
    int64: (Int64, Int64) -> Bool, int32: (Int32, Int32) -> Bool,
    bool: (Bool, Bool) -> Bool, string: (String, String) -> Bool
) throws {
    guard a.type == b.type else { throw _ONNXError("inputs have different types \(a.type) and \(b.type)") }
    let shape = try _ONNXShape.broadcast(a.shape, b.shape)
    try out.reset(.bool, shape: shape)
    func run<T>(_ x: [T], _ y: [T], _ f: (T, T) -> Bool) {
        _onnxBroadcast(x, a.shape, y, b.shape, into: &out.bools, shape, f)
    }
    switch a.type {
    case .float: run(a.f32, b.f32, float)
    case .double: run(a.f64, b.f64, double)
    case .int64: run(a.i64, b.i64, int64)
    case .int32: run(a.i32, b.i32, int32)
    case .int8: run(a.i8, b.i8) { int64(Int64($0), Int64($1)) }
    case .uint8: run(a.u8, b.u8) { int64(Int64($0), Int64($1)) }
    case .bool:
        guard allowNonNumeric else { throw _ONNXError("inputs have type bool, expected a numeric type") }
        run(a.bools, b.bools, bool)
    case .string:
        guard allowNonNumeric else { throw _ONNXError("inputs have type string, expected a numeric type") }
        run(a.strings, b.strings, string)
    }
}

/// Converts a floating-point value to `Int64` as x86 does (`cvttsd2si`): truncation toward
/// zero, and `Int64.min` for NaN and out-of-range values (the C++ runtimes' behaviour), where
/// Swift's `Int64(_:)` would trap.
@inline(__always)
func _onnxInt64(_ x: Double) -> Int64 {
    // -2^63 itself converts exactly; everything at or beyond ±2^63 (and NaN) is out of range.
    guard x >= -9.223372036854775808e18, x < 9.223372036854775808e18 else { return Int64.min }
    return Int64(x)
}

/// As ``_onnxInt64(_:)`` for `Int32` results (`cvttss2si` 32-bit: `Int32.min` when out of range).
@inline(__always)
func _onnxInt32(_ x: Double) -> Int32 {
    guard x.isFinite, x > -2147483649.0, x < 2147483648.0 else { return Int32.min }
    return Int32(x)
}

/// Integer division as C++ `a / b`, with division by zero (undefined there) giving 0 and
/// `min / -1` wrapping.
@inline(__always)
func _onnxDivide<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    if b == 0 { return 0 }
    return a.dividedReportingOverflow(by: b).partialValue
}

struct _BinaryArithmeticKernel: _ONNXKernel {
    enum Op: Sendable { case add, sub, mul, div }
    let op: Op

    /// A multiplication by a constant one-element 1 that changes neither type nor shape copies
    /// the other operand (bit-identical: x · 1 = x in IEEE).
    func copiedInput(_ inputs: [Int], output: _ONNXTensor, probe: _ONNXProbeValues) -> Int? {
        guard op == .mul, inputs.count == 2 else { return nil }
        var source: Int?
        for (x, c) in [(inputs[0], inputs[1]), (inputs[1], inputs[0])] where x >= 0 && c >= 0 && probe.isConstantOne(c) {
            let v = probe.value(x)
            if v.type == output.type && v.shape == output.shape { source = x }
        }
        return source
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        let b = try context.required(step, 1)
        var out = context.takeOutput(step, 0)
        switch op {
        case .add: try _onnxArithmetic(a, b, into: &out, float: +, double: +, int64: &+, int32: &+)
        case .sub: try _onnxArithmetic(a, b, into: &out, float: -, double: -, int64: &-, int32: &-)
        case .mul: try _onnxArithmetic(a, b, into: &out, float: *, double: *, int64: &*, int32: &*)
        case .div:
            try _onnxArithmetic(a, b, into: &out, float: /, double: /, int64: _onnxDivide, int32: _onnxDivide)
        }
        context.setOutput(step, 0, out)
    }
}

/// Pow(X, Y): the output has X's type; Y may have another numeric type (opset ≥ 12).
/// As onnxruntime: a one-element exponent of 2 or 3 is computed as x·x or x·x·x; float
/// bases with float exponents use `powf`; other combinations `pow` in double, as C++
/// promotes `std::pow(float, double)`.
struct _PowKernel: _ONNXKernel {
    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        let b = try context.required(step, 1)
        try a.require(.arithmetic, "X")
        try b.require(.arithmetic, "Y")
        var out = context.takeOutput(step, 0)
        let scalar = b.count == 1 ? b.doubleValue(at: 0) : nil
        let square = scalar == 2
        let cube = scalar == 3
        if a.type == .float && b.type == .float {
            try _onnxArithmetic(
                a, b, into: &out,
                float: { x, y in square ? x * x : (cube ? x * x * x : _Math.pow(x, y)) },
                double: { x, _ in x }, int64: { x, _ in x }, int32: { x, _ in x })
            context.setOutput(step, 0, out)
            return
        }
        let shape = try _ONNXShape.broadcast(a.shape, b.shape)
        try out.reset(a.type, shape: shape)
        let exponents: [Double] = (0..<b.count).map { b.doubleValue(at: $0) ?? 0 }
        func apply<T>(_ x: [T], _ o: inout [T], _ f: (T, Double) -> T) {
            _onnxBroadcast(x, a.shape, exponents, b.shape, into: &o, shape, f)
        }
        switch a.type {
        case .float:
            apply(a.f32, &out.f32) { x, y in square ? x * x : (cube ? x * x * x : Float(_Math.pow(Double(x), y))) }
        case .double:
            apply(a.f64, &out.f64) { x, y in square ? x * x : (cube ? x * x * x : _Math.pow(x, y)) }
        case .int64:
            apply(a.i64, &out.i64) { x, y in square ? x &* x : (cube ? x &* x &* x : _onnxInt64(_Math.pow(Double(x), y))) }
        case .int32:
            apply(a.i32, &out.i32) { x, y in square ? x &* x : (cube ? x &* x &* x : _onnxInt32(_Math.pow(Double(x), y))) }
        default:
            break
        }
        context.setOutput(step, 0, out)
    }
}

/// Max, Min, Sum over one or more inputs with broadcasting, folded left to right.
/// Max and Min propagate NaN (onnxruntime does).
struct _VariadicKernel: _ONNXKernel {
    enum Op: Sendable { case max, min, sum }
    let op: Op

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        guard step.inputs.count >= 1 else { throw _ONNXError("needs at least one input") }
        let first = try context.required(step, 0)
        try first.require(.arithmetic)
        var shape = first.shape
        for k in 1..<step.inputs.count {
            let t = try context.required(step, k)
            guard t.type == first.type else { throw _ONNXError("inputs have different types \(first.type) and \(t.type)") }
            shape = try _ONNXShape.broadcast(shape, t.shape)
        }
        var out = context.takeOutput(step, 0)
        // out = first, broadcast to the final shape.
        try out.reset(first.type, shape: shape)
        try Self.fold(&out, first, first: true, op)
        for k in 1..<step.inputs.count {
            try Self.fold(&out, try context.required(step, k), first: false, op)
        }
        context.setOutput(step, 0, out)
    }

    private static func fold(_ out: inout _ONNXTensor, _ t: _ONNXTensor, first: Bool, _ op: Op) throws {
        let shape = out.shape
        func apply<T>(_ acc: inout [T], _ x: [T], _ f: (T, T) -> T) {
            acc.withUnsafeMutableBufferPointer { o in
                let current = UnsafeBufferPointer(o)
                x.withUnsafeBufferPointer { xp in
                    if first {
                        _ONNXBroadcast.binary(xp, t.shape, xp, t.shape, o, shape) { v, _ in v }
                    } else {
                        _ONNXBroadcast.binary(current, shape, xp, t.shape, o, shape, f)
                    }
                }
            }
        }
        switch t.type {
        case .float:
            switch op {
            case .sum: apply(&out.f32, t.f32, +)
            case .max: apply(&out.f32, t.f32) { a, b in a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
            case .min: apply(&out.f32, t.f32) { a, b in a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }
            }
        case .double:
            switch op {
            case .sum: apply(&out.f64, t.f64, +)
            case .max: apply(&out.f64, t.f64) { a, b in a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
            case .min: apply(&out.f64, t.f64) { a, b in a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }
            }
        case .int64:
            switch op {
            case .sum: apply(&out.i64, t.i64, &+)
            case .max: apply(&out.i64, t.i64, Swift.max)
            case .min: apply(&out.i64, t.i64, Swift.min)
            }
        case .int32:
            switch op {
            case .sum: apply(&out.i32, t.i32, &+)
            case .max: apply(&out.i32, t.i32, Swift.max)
            case .min: apply(&out.i32, t.i32, Swift.min)
            }
        default:
            throw _ONNXError("inputs have type \(t.type), expected float, double, int64 or int32")
        }
    }
}

struct _CompareKernel: _ONNXKernel {
    enum Op: Sendable { case equal, less, greater }
    let op: Op

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        let b = try context.required(step, 1)
        var out = context.takeOutput(step, 0)
        switch op {
        case .equal:
            try _onnxCompare(a, b, into: &out, allowNonNumeric: true, float: ==, double: ==, int64: ==, int32: ==, bool: ==, string: ==)
        case .less:
            try _onnxCompare(a, b, into: &out, allowNonNumeric: false, float: <, double: <, int64: <, int32: <, bool: { _, _ in false }, string: <)
        case .greater:
            try _onnxCompare(a, b, into: &out, allowNonNumeric: false, float: >, double: >, int64: >, int32: >, bool: { _, _ in false }, string: >)
        }
        context.setOutput(step, 0, out)
    }
}

/// Where(condition, X, Y) with three-way broadcasting.
struct _WhereKernel: _ONNXKernel {
    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let c = try context.required(step, 0)
        let x = try context.required(step, 1)
        let y = try context.required(step, 2)
        try c.require(.bool, "condition")
        guard x.type == y.type else { throw _ONNXError("X and Y have different types \(x.type) and \(y.type)") }
        let shape = try _ONNXShape.broadcast(_ONNXShape.broadcast(c.shape, x.shape), y.shape)
        var out = context.takeOutput(step, 0)
        try out.reset(x.type, shape: shape)
        func pick<T>(_ xs: [T], _ ys: [T], _ o: inout [T]) {
            c.bools.withUnsafeBufferPointer { cp in
                xs.withUnsafeBufferPointer { xp in
                    ys.withUnsafeBufferPointer { yp in
                        o.withUnsafeMutableBufferPointer {
                            _ONNXBroadcast.ternary(cp, c.shape, xp, x.shape, yp, y.shape, $0, shape) { $0 ? $1 : $2 }
                        }
                    }
                }
            }
        }
        switch x.type {
        case .float: pick(x.f32, y.f32, &out.f32)
        case .double: pick(x.f64, y.f64, &out.f64)
        case .int64: pick(x.i64, y.i64, &out.i64)
        case .int32: pick(x.i32, y.i32, &out.i32)
        case .int8: pick(x.i8, y.i8, &out.i8)
        case .uint8: pick(x.u8, y.u8, &out.u8)
        case .bool: pick(x.bools, y.bools, &out.bools)
        case .string: pick(x.strings, y.strings, &out.strings)
        }
        context.setOutput(step, 0, out)
    }
}

/// Unary math ops, in the input's precision. Float Sigmoid is MLAS's rational approximation
/// (as onnxruntime computes it), the others use libm.
struct _UnaryKernel: _ONNXKernel {
    enum Op: Sendable { case neg, relu, sigmoid, tanh, exp, log, abs, sqrt }
    let op: Op

    @inline(__always)
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + _Math.exp(-x)) }
        let e = _Math.exp(x)
        return e / (1 + e)
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let a = try context.required(step, 0)
        var out = context.takeOutput(step, 0)
        try out.reset(a.type, shape: a.shape)
        func map<T>(_ x: [T], _ o: inout [T], _ f: (T) -> T) {
            x.withUnsafeBufferPointer { xp in
                o.withUnsafeMutableBufferPointer { op in
                    for i in 0..<xp.count { op[i] = f(xp[i]) }
                }
            }
        }
        switch (op, a.type) {
        case (.neg, .float): map(a.f32, &out.f32) { -$0 }
        case (.neg, .double): map(a.f64, &out.f64) { -$0 }
        case (.neg, .int64): map(a.i64, &out.i64) { 0 &- $0 }
        case (.neg, .int32): map(a.i32, &out.i32) { 0 &- $0 }
        case (.neg, .int8): map(a.i8, &out.i8) { 0 &- $0 }
        case (.relu, .float): map(a.f32, &out.f32) { $0.isNaN ? $0 : ($0 > 0 ? $0 : 0) }
        case (.relu, .double): map(a.f64, &out.f64) { $0.isNaN ? $0 : ($0 > 0 ? $0 : 0) }
        case (.relu, .int64): map(a.i64, &out.i64) { Swift.max($0, 0) }
        case (.relu, .int32): map(a.i32, &out.i32) { Swift.max($0, 0) }
        case (.sigmoid, .float): map(a.f32, &out.f32, _MLMath.mlasLogistic)
        case (.sigmoid, .double): map(a.f64, &out.f64, Self.sigmoid)
        case (.tanh, .float): map(a.f32, &out.f32) { _Math.tanh($0) }
        case (.tanh, .double): map(a.f64, &out.f64) { _Math.tanh($0) }
        case (.exp, .float): map(a.f32, &out.f32) { _Math.exp($0) }
        case (.exp, .double): map(a.f64, &out.f64) { _Math.exp($0) }
        case (.log, .float): map(a.f32, &out.f32) { _Math.log($0) }
        case (.log, .double): map(a.f64, &out.f64) { _Math.log($0) }
        case (.abs, .float): map(a.f32, &out.f32) { Swift.abs($0) }
        case (.abs, .double): map(a.f64, &out.f64) { Swift.abs($0) }
        case (.abs, .int64): map(a.i64, &out.i64) { $0 < 0 ? 0 &- $0 : $0 }
        case (.abs, .int32): map(a.i32, &out.i32) { $0 < 0 ? 0 &- $0 : $0 }
        case (.sqrt, .float): map(a.f32, &out.f32) { $0.squareRoot() }
        case (.sqrt, .double): map(a.f64, &out.f64) { $0.squareRoot() }
        default:
            throw _ONNXError("input has type \(a.type), which \(op) does not support")
        }
        context.setOutput(step, 0, out)
    }
}
