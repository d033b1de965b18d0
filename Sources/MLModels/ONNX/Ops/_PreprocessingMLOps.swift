// ai.onnx.ml preprocessing ops that scikit-learn exports put before a model: Imputer,
// Binarizer, OneHotEncoder, CategoryMapper, FeatureVectorizer — with onnxruntime 1.32's
// behaviour, checked against it on small graphs (NaN and unknown-category cases included).

/// Imputer: elements equal to `replaced_value_float` (NaN matches NaN) or
/// `replaced_value_int64` become the imputed value of their column (or the single imputed
/// value). Float and double inputs use the float attributes, int64 and int32 the integer ones.
struct _ImputerKernel: _ONNXKernel {
    let floats: [Float]
    let replacedFloat: Float
    let ints: [Int64]
    let replacedInt: Int64

    init(_ node: _ONNXNodeInfo) throws {
        floats = try node.floats("imputed_value_floats") ?? []
        ints = try node.ints("imputed_value_int64s") ?? []
        replacedFloat = try node.float("replaced_value_float", default: 0)
        replacedInt = try node.int("replaced_value_int64", default: 0)
        guard !floats.isEmpty || !ints.isEmpty else {
            throw _ONNXError("one of 'imputed_value_floats' or 'imputed_value_int64s' is required")
        }
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.arithmetic)
        guard x.rank == 1 || x.rank == 2 else { throw _ONNXError("input must be 1-D or 2-D, got \(x.shape)") }
        let stride = x.shape[x.rank - 1]
        var out = context.takeOutput(step, 0)
        try out.assign(x)
        let n = x.count
        func column(_ count: Int) throws -> (Int) -> Int {
            guard count == 1 || count == stride else {
                throw _ONNXError("\(count) imputed values for \(stride) columns; 1 or one per column is needed")
            }
            return count == 1 ? { _ in 0 } : { $0 % stride }
        }
        switch x.type {
        case .float, .double:
            guard !floats.isEmpty else { throw _ONNXError("a \(x.type) input needs 'imputed_value_floats'") }
            let at = try column(floats.count)
            let replaceNaN = replacedFloat.isNaN
            if x.type == .float {
                out.f32.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n where replaceNaN ? o[i].isNaN : o[i] == replacedFloat { o[i] = floats[at(i)] }
                }
            } else {
                let r = Double(replacedFloat)
                out.f64.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n where replaceNaN ? o[i].isNaN : o[i] == r { o[i] = Double(floats[at(i)]) }
                }
            }
        default:
            guard !ints.isEmpty else { throw _ONNXError("an integer input needs 'imputed_value_int64s'") }
            let at = try column(ints.count)
            if x.type == .int64 {
                out.i64.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n where o[i] == replacedInt { o[i] = ints[at(i)] }
                }
            } else {
                out.i32.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n where Int64(o[i]) == replacedInt { o[i] = Int32(truncatingIfNeeded: ints[at(i)]) }
                }
            }
        }
        context.setOutput(step, 0, out)
    }
}

/// Binarizer: `x > threshold ? 1 : 0`, same type and shape; a NaN input is an error, as in
/// onnxruntime.
struct _BinarizerKernel: _ONNXKernel {
    let threshold: Float

    init(_ node: _ONNXNodeInfo) throws {
        threshold = try node.float("threshold", default: 0)
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.arithmetic)
        var out = context.takeOutput(step, 0)
        try out.assign(x)
        let n = x.count
        switch x.type {
        case .float:
            try out.f32.withUnsafeMutableBufferPointer { o in
                for i in 0..<n {
                    guard !o[i].isNaN else { throw _ONNXError("input value \(i) is NaN") }
                    o[i] = o[i] > threshold ? 1 : 0
                }
            }
        case .double:
            let t = Double(threshold)
            try out.f64.withUnsafeMutableBufferPointer { o in
                for i in 0..<n {
                    guard !o[i].isNaN else { throw _ONNXError("input value \(i) is NaN") }
                    o[i] = o[i] > t ? 1 : 0
                }
            }
        case .int64:
            let t = Double(threshold)
            out.i64.withUnsafeMutableBufferPointer { o in
                for i in 0..<n { o[i] = Double(o[i]) > t ? 1 : 0 }
            }
        default:
            let t = Double(threshold)
            out.i32.withUnsafeMutableBufferPointer { o in
                for i in 0..<n { o[i] = Double(o[i]) > t ? 1 : 0 }
            }
        }
        context.setOutput(step, 0, out)
    }
}

/// OneHotEncoder: each element becomes a row of K floats (`cats_int64s` or `cats_strings`),
/// 1 at its category; output shape `input + [K]`. Numbers are truncated to integers first
/// (NaN and values beyond int64 match no category). An unknown category gives a row of zeros
/// when `zeros` is 1 (the default), an error otherwise.
struct _OneHotEncoderKernel: _ONNXKernel {
    let intIndex: [Int64: Int]
    let stringIndex: [String: Int]
    let categoryCount: Int
    let zeros: Bool

    init(_ node: _ONNXNodeInfo) throws {
        let ints = try node.ints("cats_int64s") ?? []
        let strings = try node.strings("cats_strings") ?? []
        guard ints.isEmpty != strings.isEmpty else {
            throw _ONNXError("exactly one of 'cats_int64s' and 'cats_strings' is required")
        }
        var ii: [Int64: Int] = [:]
        for (k, v) in ints.enumerated() where ii[v] == nil { ii[v] = k }
        var si: [String: Int] = [:]
        for (k, v) in strings.enumerated() where si[v] == nil { si[v] = k }
        intIndex = ii
        stringIndex = si
        categoryCount = ints.count + strings.count
        zeros = try node.int("zeros", default: 1) != 0
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        var shape = x.shape
        try shape.append(categoryCount)
        var out = context.takeOutput(step, 0)
        try out.reset(.float, shape: shape)
        let n = x.count
        let k = categoryCount
        try out.f32.withUnsafeMutableBufferPointer { o in
            for i in 0..<o.count { o[i] = 0 }
            func set(_ i: Int, _ category: Int?) throws {
                if let c = category {
                    o[i * k + c] = 1
                } else if !zeros && !_ONNXTensor.isProbe {
                    throw _ONNXError("input value \(i) is not a known category and 'zeros' is 0")
                }
            }
            switch x.storage {
            case .string(let s):
                guard !stringIndex.isEmpty else { throw _ONNXError("a string input needs 'cats_strings'") }
                for i in 0..<n { try set(i, stringIndex[s[i]]) }
            case .int64(let v):
                for i in 0..<n { try set(i, intIndex[v[i]]) }
            case .int32(let v):
                for i in 0..<n { try set(i, intIndex[Int64(v[i])]) }
            case .float, .double:
                for i in 0..<n {
                    let d = x.doubleValue(at: i) ?? .nan
                    let key: Int64? = d.isFinite && abs(d) < 9.2e18 ? Int64(d) : nil
                    try set(i, key.flatMap { intIndex[$0] })
                }
            default:
                throw _ONNXError("input has type \(x.type), expected string, int64, int32, float or double")
            }
        }
        context.setOutput(step, 0, out)
    }
}

/// CategoryMapper: strings to int64 (`cats_strings[i]` → `cats_int64s[i]`, else
/// `default_int64`, −1) or int64 to strings (else `default_string`, "_Unused"); same shape.
struct _CategoryMapperKernel: _ONNXKernel {
    let toInt: [String: Int64]
    let toString: [Int64: String]
    let defaultInt: Int64
    let defaultString: String

    init(_ node: _ONNXNodeInfo) throws {
        let ints = try node.ints("cats_int64s") ?? []
        let strings = try node.strings("cats_strings") ?? []
        guard !ints.isEmpty, ints.count == strings.count else {
            throw _ONNXError("'cats_int64s' and 'cats_strings' must be non-empty and of equal length (\(ints.count) and \(strings.count))")
        }
        var a: [String: Int64] = [:]
        var b: [Int64: String] = [:]
        for (s, i) in zip(strings, ints) {
            if a[s] == nil { a[s] = i }
            if b[i] == nil { b[i] = s }
        }
        toInt = a
        toString = b
        defaultInt = try node.int("default_int64", default: -1)
        defaultString = try node.string("default_string", default: "_Unused")
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        var out = context.takeOutput(step, 0)
        switch x.storage {
        case .string(let s):
            try out.reset(.int64, shape: x.shape)
            out.i64.withUnsafeMutableBufferPointer { o in
                for i in 0..<s.count { o[i] = toInt[s[i]] ?? defaultInt }
            }
        case .int64(let v):
            try out.reset(.string, shape: x.shape)
            out.strings.withUnsafeMutableBufferPointer { o in
                for i in 0..<v.count { o[i] = toString[v[i]] ?? defaultString }
            }
        default:
            throw _ONNXError("input has type \(x.type), expected string or int64")
        }
        context.setOutput(step, 0, out)
    }
}

/// FeatureVectorizer: concatenates its inputs' rows into one float row, each input taking
/// `inputdimensions[i]` columns (truncated or zero-padded); a 1-D input is one row, and an
/// input of higher rank contributes its flattened rows.
struct _FeatureVectorizerKernel: _ONNXKernel {
    let dimensions: [Int]
    let width: Int

    init(_ node: _ONNXNodeInfo) throws {
        let dims = try node.ints("inputdimensions") ?? []
        guard !dims.isEmpty else { throw _ONNXError("attribute 'inputdimensions' is required") }
        var total = 0
        for d in dims {
            guard d >= 0, d <= Int64(_ONNXTensor.maximumElementCount) else {
                throw _ONNXError("'inputdimensions' holds \(d)")
            }
            total += Int(d)
            guard total <= _ONNXTensor.maximumElementCount else { throw _ONNXError("'inputdimensions' add up past the size limit") }
        }
        dimensions = dims.map { Int($0) }
        width = total
    }

    func mixesRows(of input: _ONNXTensor, rowAxis: Int) -> Bool { input.rank < 2 || rowAxis != 0 }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        guard step.inputs.count == dimensions.count else {
            throw _ONNXError("\(step.inputs.count) inputs for \(dimensions.count) 'inputdimensions'")
        }
        let first = try context.required(step, 0)
        let rows = first.rank <= 1 ? 1 : first.shape[0]
        var out = context.takeOutput(step, 0)
        try out.reset(.float, shape: _ONNXShape(rows, width))
        var offset = 0
        for (k, dim) in dimensions.enumerated() {
            let x = try context.required(step, k)
            try x.require(.arithmetic, "input \(k)")
            let xRows = x.rank <= 1 ? 1 : x.shape[0]
            guard xRows == rows else { throw _ONNXError("input \(k) has \(xRows) rows, input 0 has \(rows)") }
            let stride = rows == 0 ? 0 : x.count / rows
            let take = min(stride, dim)
            try _onnxWithFloatElements(x) { xp in
                out.f32.withUnsafeMutableBufferPointer { o in
                    for r in 0..<rows {
                        let dst = r * width + offset
                        for j in 0..<take { o[dst + j] = xp[r * stride + j] }
                        for j in take..<dim { o[dst + j] = 0 }
                    }
                }
            }
            offset += dim
        }
        context.setOutput(step, 0, out)
    }
}
