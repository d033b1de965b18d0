// ai.onnx.ml encoding ops: LabelEncoder, ArrayFeatureExtractor, ZipMap.

/// A LabelEncoder key, hashable across the key types; float keys compare as numbers
/// (-0 equals 0) and NaN matches NaN.
private enum _LabelKey: Hashable {
    case int(Int64)
    case string(String)
    case number(UInt64)

    static func float(_ v: Double) -> _LabelKey {
        if v.isNaN { return .number(Double.nan.bitPattern) }
        return .number((v == 0 ? 0.0 : v).bitPattern)
    }
}

/// The key → value-index table of a LabelEncoder: sorted arrays searched by bisection for
/// numbers (a few comparisons instead of hashing every element), a dictionary for strings.
private struct _LabelLookup: Sendable {
    /// For integer keys in a small range: `dense[key − denseBase]` is the value index or -1.
    var dense: [Int32] = []
    var denseBase: Int64 = 0
    var intKeys: [Int64] = []
    var intIndex: [Int] = []
    var floatKeys: [Double] = []
    var floatIndex: [Int] = []
    var nanIndex: Int?
    var strings: [String: Int] = [:]

    init(_ map: [_LabelKey: Int]) {
        var ints: [(Int64, Int)] = []
        var floats: [(Double, Int)] = []
        for (key, i) in map {
            switch key {
            case .int(let v): ints.append((v, i))
            case .string(let v): strings[v] = i
            case .number(let bits):
                let v = Double(bitPattern: bits)
                if v.isNaN { nanIndex = i } else { floats.append((v, i)) }
            }
        }
        ints.sort { $0.0 < $1.0 }
        floats.sort { $0.0 < $1.0 }
        intKeys = ints.map(\.0)
        intIndex = ints.map(\.1)
        // Node ids and class codes are small and dense: index a table instead of searching.
        if let lo = intKeys.first, let hi = intKeys.last, hi.subtractingReportingOverflow(lo).partialValue >= 0,
            hi &- lo < Int64(4 * intKeys.count + 256), intIndex.allSatisfy({ $0 < Int(Int32.max) })
        {
            denseBase = lo
            dense = [Int32](repeating: -1, count: Int(hi &- lo) + 1)
            for (k, i) in zip(intKeys, intIndex) { dense[Int(k &- lo)] = Int32(i) }
        }
        floatKeys = floats.map(\.0)
        floatIndex = floats.map(\.1)
    }

    @inline(__always)
    private static func search<T: Comparable>(_ keys: [T], _ v: T) -> Int? {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            let k = keys[mid]
            if k == v { return mid }
            if k < v { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    @inline(__always)
    func index(int v: Int64) -> Int? {
        if !dense.isEmpty {
            let (d, overflow) = v.subtractingReportingOverflow(denseBase)
            guard !overflow, d >= 0, d < Int64(dense.count) else { return nil }
            let i = dense[Int(d)]
            return i >= 0 ? Int(i) : nil
        }
        return Self.search(intKeys, v).map { intIndex[$0] }
    }

    @inline(__always)
    func index(float v: Double) -> Int? {
        if v.isNaN { return nanIndex }
        return Self.search(floatKeys, v == 0 ? 0 : v).map { floatIndex[$0] }
    }

    @inline(__always)
    func index(string v: String) -> Int? { strings[v] }
}

/// LabelEncoder, opsets 1, 2 and 4 of ai.onnx.ml: maps each input element to the value of
/// the matching key, or to the default.
struct _LabelEncoderKernel: _ONNXKernel {
    private let keyType: _ONNXElementType
    private let table: [_LabelKey: Int]
    private let lookup: _LabelLookup
    private let values: _ONNXTensor
    private let defaultValue: _ONNXTensor

    init(_ node: _ONNXNodeInfo) throws {
        var keys: _ONNXTensor
        var vals: _ONNXTensor
        var fallback: _ONNXTensor
        if node.opsetVersion < 2 {
            // v1: classes_strings; string → index (int64) or int64 → string.
            guard let classes = try node.strings("classes_strings") else {
                throw _ONNXError("attribute 'classes_strings' is required")
            }
            // Direction is decided by the input type at run time; keep both tables.
            keys = _ONNXTensor(strings: classes, shape: _ONNXShape(classes.count))
            vals = _ONNXTensor(int64s: (0..<classes.count).map { Int64($0) }, shape: _ONNXShape(classes.count))
            fallback = _ONNXTensor(int64s: [try node.int("default_int64", default: -1)], shape: _ONNXShape())
            self.v1DefaultString = try node.string("default_string", default: "_Unused")
            self.isV1 = true
        } else {
            isV1 = false
            v1DefaultString = ""
            func one<T>(_ pairs: [(String, T?)]) throws -> (String, T)? {
                let present = pairs.compactMap { p in p.1.map { (p.0, $0) } }
                guard present.count <= 1 else {
                    throw _ONNXError("attributes \(present.map { "'\($0.0)'" }.joined(separator: " and ")) conflict")
                }
                return present.first
            }
            let keyTensor = node.opsetVersion >= 4 ? try node.tensor("keys_tensor") : nil
            let valueTensor = node.opsetVersion >= 4 ? try node.tensor("values_tensor") : nil
            let keyChoices: [(String, _ONNXTensor?)] = [
                ("keys_strings", try node.strings("keys_strings").map { _ONNXTensor(strings: $0, shape: _ONNXShape($0.count)) }),
                ("keys_int64s", try node.ints("keys_int64s").map { _ONNXTensor(int64s: $0, shape: _ONNXShape($0.count)) }),
                ("keys_floats", try node.floats("keys_floats").map { _ONNXTensor(floats: $0, shape: _ONNXShape($0.count)) }),
                ("keys_tensor", keyTensor),
            ]
            let valueChoices: [(String, _ONNXTensor?)] = [
                ("values_strings", try node.strings("values_strings").map { _ONNXTensor(strings: $0, shape: _ONNXShape($0.count)) }),
                ("values_int64s", try node.ints("values_int64s").map { _ONNXTensor(int64s: $0, shape: _ONNXShape($0.count)) }),
                ("values_floats", try node.floats("values_floats").map { _ONNXTensor(floats: $0, shape: _ONNXShape($0.count)) }),
                ("values_tensor", valueTensor),
            ]
            guard let k = try one(keyChoices) else { throw _ONNXError("no keys_* attribute") }
            guard let v = try one(valueChoices) else { throw _ONNXError("no values_* attribute") }
            keys = k.1
            vals = v.1
            guard keys.count == vals.count else {
                throw _ONNXError("\(keys.count) keys but \(vals.count) values")
            }
            switch vals.type {
            case .string: fallback = _ONNXTensor(strings: [try node.string("default_string", default: "_Unused")], shape: _ONNXShape())
            case .int64: fallback = _ONNXTensor(int64s: [try node.int("default_int64", default: -1)], shape: _ONNXShape())
            case .float: fallback = _ONNXTensor(floats: [try node.float("default_float", default: -0.0)], shape: _ONNXShape())
            case .double: fallback = _ONNXTensor(doubles: [Double(try node.float("default_float", default: -0.0))], shape: _ONNXShape())
            default: throw _ONNXError("values of type \(vals.type) are not supported", unsupported: true)
            }
            if node.opsetVersion >= 4, let d = try node.tensor("default_tensor") {
                guard d.type == vals.type, d.count == 1 else {
                    throw _ONNXError("'default_tensor' must be one \(vals.type) value")
                }
                fallback = d
            }
        }
        var map: [_LabelKey: Int] = [:]
        for i in 0..<keys.count {
            let key: _LabelKey
            switch keys.type {
            case .string: key = .string(keys.strings[i])
            case .int64: key = .int(keys.i64[i])
            case .int32: key = .int(Int64(keys.i32[i]))
            case .float, .double: key = .float(keys.doubleValue(at: i) ?? 0)
            default: throw _ONNXError("keys of type \(keys.type) are not supported", unsupported: true)
            }
            if map[key] == nil { map[key] = i }
        }
        keyType = keys.type == .int32 ? .int64 : keys.type
        table = map
        lookup = _LabelLookup(map)
        values = vals
        defaultValue = fallback
    }

    private let isV1: Bool
    private let v1DefaultString: String

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        var out = context.takeOutput(step, 0)
        if isV1 && x.type == .int64 {
            // int64 → string: the index into classes_strings.
            try out.reset(.string, shape: x.shape)
            var byIndex = [String](repeating: v1DefaultString, count: values.count)
            for (key, i) in table { if case .string(let s) = key { byIndex[i] = s } }
            let xs = x.i64
            out.strings = xs.map { v in v >= 0 && v < Int64(byIndex.count) ? byIndex[Int(v)] : v1DefaultString }
            context.setOutput(step, 0, out)
            return
        }
        let inputOK: Bool
        switch keyType {
        case .float, .double: inputOK = x.type == .float || x.type == .double
        case .int64: inputOK = x.type == .int64 || x.type == .int32
        default: inputOK = x.type == keyType
        }
        guard inputOK else { throw _ONNXError("input has type \(x.type), the keys are \(keyType)") }
        try out.reset(values.type, shape: x.shape)
        // Look each element up and write its value (or the default), without temporaries.
        let lookup = self.lookup
        func encode<K, T>(_ keys: [K], _ find: (K) -> Int?, _ values: [T], _ fallback: T, _ dst: inout [T]) {
            keys.withUnsafeBufferPointer { k in
                dst.withUnsafeMutableBufferPointer { o in
                    for i in 0..<min(k.count, o.count) {
                        if let hit = find(k[i]) { o[i] = values[hit] } else { o[i] = fallback }
                    }
                }
            }
        }
        func run<K>(_ keys: [K], _ find: (K) -> Int?) {
            switch values.storage {
            case .string(let v): encode(keys, find, v, defaultValue.strings.first ?? "", &out.strings)
            case .int64(let v): encode(keys, find, v, defaultValue.i64.first ?? -1, &out.i64)
            case .float(let v): encode(keys, find, v, defaultValue.f32.first ?? 0, &out.f32)
            case .double(let v): encode(keys, find, v, defaultValue.f64.first ?? 0, &out.f64)
            default: break
            }
        }
        switch x.storage {
        case .string(let v): run(v) { lookup.index(string: $0) }
        case .int64(let v): run(v) { lookup.index(int: $0) }
        case .int32(let v): run(v) { lookup.index(int: Int64($0)) }
        case .float(let v): run(v) { lookup.index(float: Double($0)) }
        case .double(let v): run(v) { lookup.index(float: $0) }
        default: break
        }
        context.setOutput(step, 0, out)
    }
}

/// ArrayFeatureExtractor(X, indices): `X[..., indices]` along the last axis; a 1-D `X` gives
/// `[1, count]` (onnxruntime). Negative or out-of-range indices are errors.
struct _ArrayFeatureExtractorKernel: _ONNXKernel {
    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        let y = try context.required(step, 1)
        try y.require(.int64, "indices")
        guard x.rank >= 1 else { throw _ONNXError("X must have rank ≥ 1") }
        let stride = x.shape[x.rank - 1]
        let count = y.count
        guard count > 0 else { throw _ONNXError("indices are empty") }
        for v in y.i64 where v < 0 || v >= Int64(stride) {
            throw _ONNXError("index \(v) is out of range 0..<\(stride)")
        }
        var shape: _ONNXShape
        if x.rank == 1 {
            shape = _ONNXShape(1, count)
        } else {
            shape = x.shape
            shape[x.rank - 1] = count
        }
        let outer = x.rank == 1 ? 1 : x.shape.product(0..<(x.rank - 1))
        var out = context.takeOutput(step, 0)
        try out.reset(x.type, shape: shape)
        out.moveElements(from: x, Columns(indices: y.i64, outer: outer, stride: stride))
        context.setOutput(step, 0, out)
    }

    /// The columns `indices` (checked) of each of `outer` rows of `stride` elements.
    private struct Columns: _ONNXElementMove {
        let indices: [Int64], outer: Int, stride: Int

        @inline(__always)
        func move<T>(_ s: UnsafeBufferPointer<T>, into d: UnsafeMutableBufferPointer<T>) {
            indices.withUnsafeBufferPointer { idx in
                var k = 0
                for o in 0..<outer {
                    for j in 0..<idx.count {
                        d[k] = s[o * stride + Int(idx[j])]
                        k += 1
                    }
                }
            }
        }
    }
}

/// ZipMap: per row, a map from class label to probability. The executor keeps the
/// probabilities as the `[N, K]` float matrix (the labels are known from the node), which is
/// what the model API exposes; K must equal the number of labels.
struct _ZipMapKernel: _ONNXKernel {
    let labels: _ClassLabels

    init(_ node: _ONNXNodeInfo) throws {
        labels = try _ClassLabels(node, integers: "classlabels_int64s")
    }

    var classLabels: _ClassLabels? { labels }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        let x = try context.required(step, 0)
        try x.require(.float)
        let width = x.rank == 0 ? 1 : x.shape[x.rank - 1]
        guard x.rank <= 2, width == labels.count else {
            throw _ONNXError("input of shape \(x.shape) does not match \(labels.count) class labels")
        }
        var out = context.takeOutput(step, 0)
        try out.assign(x)
        context.setOutput(step, 0, out)
    }
}
