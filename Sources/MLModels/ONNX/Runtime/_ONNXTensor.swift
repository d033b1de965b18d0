/// Element types the ONNX executor handles, with their `TensorProto.DataType` codes.
enum _ONNXElementType: Int, Sendable, Equatable, CustomStringConvertible {
    case float = 1
    case uint8 = 2
    case int8 = 3
    case int32 = 6
    case int64 = 7
    case string = 8
    case bool = 9
    case double = 11

    /// The type for an ONNX `TensorProto.DataType` code, or `nil` when unsupported.
    init?(code: Int) {
        self.init(rawValue: code)
    }

    var description: String {
        switch self {
        case .float: return "float"
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .int32: return "int32"
        case .int64: return "int64"
        case .string: return "string"
        case .bool: return "bool"
        case .double: return "double"
        }
    }

    /// The name of an ONNX data-type code, also for codes this executor does not support.
    static func name(ofCode code: Int) -> String {
        let names = [
            0: "undefined", 1: "float", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64",
            8: "string", 9: "bool", 10: "float16", 11: "double", 12: "uint32", 13: "uint64", 14: "complex64",
            15: "complex128", 16: "bfloat16",
        ]
        return names[code] ?? "type \(code)"
    }

    var isFloatingPoint: Bool { self == .float || self == .double }
    var bit: UInt16 { 1 << UInt16(rawValue) }
    var isInteger: Bool { self == .int64 || self == .int32 || self == .int8 || self == .uint8 }
    var isNumeric: Bool { isFloatingPoint || isInteger }
}

/// A set of element types, for kernels' type checks (no allocation, unlike an array).
struct _ONNXTypeSet: OptionSet, Sendable {
    let rawValue: UInt16

    static let float = _ONNXTypeSet(rawValue: _ONNXElementType.float.bit)
    static let double = _ONNXTypeSet(rawValue: _ONNXElementType.double.bit)
    static let int64 = _ONNXTypeSet(rawValue: _ONNXElementType.int64.bit)
    static let int32 = _ONNXTypeSet(rawValue: _ONNXElementType.int32.bit)
    static let int8 = _ONNXTypeSet(rawValue: _ONNXElementType.int8.bit)
    static let uint8 = _ONNXTypeSet(rawValue: _ONNXElementType.uint8.bit)
    static let bool = _ONNXTypeSet(rawValue: _ONNXElementType.bool.bit)
    static let string = _ONNXTypeSet(rawValue: _ONNXElementType.string.bit)
    static let floating: _ONNXTypeSet = [.float, .double]
    static let indices: _ONNXTypeSet = [.int64, .int32]
    /// float, double, int64, int32: the types of the arithmetic ops.
    static let arithmetic: _ONNXTypeSet = [.float, .double, .int64, .int32]
    static let all: _ONNXTypeSet = [.float, .double, .int64, .int32, .int8, .uint8, .bool, .string]

    func contains(_ type: _ONNXElementType) -> Bool { rawValue & type.bit != 0 }

    var names: String {
        let order: [_ONNXElementType] = [.float, .double, .int64, .int32, .int8, .uint8, .bool, .string]
        return order.filter { contains($0) }.map(\.description).joined(separator: " or ")
    }
}

/// A dense, row-major tensor of one element type: the values flowing through an ONNX graph.
///
/// The elements live in one array (the payload of ``Storage``), so copying a tensor costs a
/// single retain — kernels read their inputs by value on every run. Kernels reuse a tensor's
/// storage from run to run (``reset(_:shape:)`` keeps capacity), so a prepared workspace scores
/// a row without heap allocation once it has seen that shape.
struct _ONNXTensor: Sendable {
    /// Largest element count one tensor may hold; larger shapes are refused (a hostile
    /// graph could otherwise ask for terabytes through broadcasting or reshaping).
    static let maximumElementCount = 1 << 30

    /// Elements one tensor may hold in the current task: ``maximumElementCount``, lowered to
    /// ``probeElementLimit`` for the load-time probe (5 rows), so that a small hostile file
    /// cannot make loading allocate gigabytes through broadcasting.
    @TaskLocal static var elementLimit = maximumElementCount

    /// Whether the current run is the load-time probe (rows of zeros and empty strings):
    /// kernels whose errors depend on the values (an unknown category with `zeros` = 0) then
    /// write a neutral result instead, since the probe checks shapes and types only.
    @TaskLocal static var isProbe = false

    /// The limit during the load-time probe.
    static let probeElementLimit = 1 << 24

    enum Storage: Sendable {
        case float([Float])
        case double([Double])
        case int64([Int64])
        case int32([Int32])
        case int8([Int8])
        case uint8([UInt8])
        case bool([Bool])
        case string([String])
    }

    var shape: _ONNXShape
    var storage: Storage

    var type: _ONNXElementType {
        switch storage {
        case .float: return .float
        case .double: return .double
        case .int64: return .int64
        case .int32: return .int32
        case .int8: return .int8
        case .uint8: return .uint8
        case .bool: return .bool
        case .string: return .string
        }
    }

    init(type: _ONNXElementType = .float, shape: _ONNXShape = _ONNXShape()) {
        self.shape = shape
        storage = Self.emptyStorage(type)
    }

    static func emptyStorage(_ type: _ONNXElementType) -> Storage {
        switch type {
        case .float: return .float([])
        case .double: return .double([])
        case .int64: return .int64([])
        case .int32: return .int32([])
        case .int8: return .int8([])
        case .uint8: return .uint8([])
        case .bool: return .bool([])
        case .string: return .string([])
        }
    }

    init(floats: [Float], shape: _ONNXShape) {
        self.shape = shape
        storage = .float(floats)
    }

    init(doubles: [Double], shape: _ONNXShape) {
        self.shape = shape
        storage = .double(doubles)
    }

    init(int64s: [Int64], shape: _ONNXShape) {
        self.shape = shape
        storage = .int64(int64s)
    }

    init(int32s: [Int32], shape: _ONNXShape) {
        self.shape = shape
        storage = .int32(int32s)
    }

    init(strings values: [String], shape: _ONNXShape) {
        self.shape = shape
        storage = .string(values)
    }

    init(bools values: [Bool], shape: _ONNXShape) {
        self.shape = shape
        storage = .bool(values)
    }

    init(uint8s values: [UInt8], shape: _ONNXShape) {
        self.shape = shape
        storage = .uint8(values)
    }

    init(int8s values: [Int8], shape: _ONNXShape) {
        self.shape = shape
        storage = .int8(values)
    }

    /// The elements if the tensor holds `float` values, else empty. Modifying it makes the
    /// tensor a `float` tensor; the array is moved out and back, so it stays uniquely owned.
    var f32: [Float] {
        get {
            if case .float(let a) = storage { return a }
            return []
        }
        _modify {
            var a: [Float]
            if case .float(let x) = storage { a = x } else { a = [] }
            storage = .float([])
            defer { storage = .float(a) }
            yield &a
        }
        set { storage = .float(newValue) }
    }

    /// The elements if the tensor holds `double` values, else empty. Modifying it makes the
    /// tensor a `double` tensor; the array is moved out and back, so it stays uniquely owned.
    var f64: [Double] {
        get {
            if case .double(let a) = storage { return a }
            return []
        }
        _modify {
            var a: [Double]
            if case .double(let x) = storage { a = x } else { a = [] }
            storage = .float([])
            defer { storage = .double(a) }
            yield &a
        }
        set { storage = .double(newValue) }
    }

    /// The elements if the tensor holds `int64` values, else empty. Modifying it makes the
    /// tensor a `int64` tensor; the array is moved out and back, so it stays uniquely owned.
    var i64: [Int64] {
        get {
            if case .int64(let a) = storage { return a }
            return []
        }
        _modify {
            var a: [Int64]
            if case .int64(let x) = storage { a = x } else { a = [] }
            storage = .float([])
            defer { storage = .int64(a) }
            yield &a
        }
        set { storage = .int64(newValue) }
    }

    /// The elements if the tensor holds `int32` values, else empty. Modifying it makes the
    /// tensor a `int32` tensor; the array is moved out and back, so it stays uniquely owned.
    var i32: [Int32] {
        get {
            if case .int32(let a) = storage { return a }
            return []
        }
        _modify {
            var a: [Int32]
            if case .int32(let x) = storage { a = x } else { a = [] }
            storage = .float([])
            defer { storage = .int32(a) }
            yield &a
        }
        set { storage = .int32(newValue) }
    }

    /// The elements if the tensor holds `int8` values, else empty. Modifying it makes the
    /// tensor a `int8` tensor; the array is moved out and back, so it stays uniquely owned.
    var i8: [Int8] {
        get {
            if case .int8(let a) = storage { return a }
            return []
        }
        _modify {
            var a: [Int8]
            if case .int8(let x) = storage { a = x } else { a = [] }
            storage = .float([])
            defer { storage = .int8(a) }
            yield &a
        }
        set { storage = .int8(newValue) }
    }

    /// The elements if the tensor holds `uint8` values, else empty. Modifying it makes the
    /// tensor a `uint8` tensor; the array is moved out and back, so it stays uniquely owned.
    var u8: [UInt8] {
        get {
            if case .uint8(let a) = storage { return a }
            return []
        }
        _modify {
            var a: [UInt8]
            if case .uint8(let x) = storage { a = x } else { a = [] }
            storage = .float([])
            defer { storage = .uint8(a) }
            yield &a
        }
        set { storage = .uint8(newValue) }
    }

    /// The elements if the tensor holds `bool` values, else empty. Modifying it makes the
    /// tensor a `bool` tensor; the array is moved out and back, so it stays uniquely owned.
    var bools: [Bool] {
        get {
            if case .bool(let a) = storage { return a }
            return []
        }
        _modify {
            var a: [Bool]
            if case .bool(let x) = storage { a = x } else { a = [] }
            storage = .float([])
            defer { storage = .bool(a) }
            yield &a
        }
        set { storage = .bool(newValue) }
    }

    /// The elements if the tensor holds `string` values, else empty. Modifying it makes the
    /// tensor a `string` tensor; the array is moved out and back, so it stays uniquely owned.
    var strings: [String] {
        get {
            if case .string(let a) = storage { return a }
            return []
        }
        _modify {
            var a: [String]
            if case .string(let x) = storage { a = x } else { a = [] }
            storage = .float([])
            defer { storage = .string(a) }
            yield &a
        }
        set { storage = .string(newValue) }
    }

    var rank: Int { shape.rank }

    /// Number of elements (product of the shape; 1 for a scalar).
    var count: Int {
        switch storage {
        case .float(let a): return a.count
        case .double(let a): return a.count
        case .int64(let a): return a.count
        case .int32(let a): return a.count
        case .int8(let a): return a.count
        case .uint8(let a): return a.count
        case .bool(let a): return a.count
        case .string(let a): return a.count
        }
    }

    /// Makes this tensor a `type` tensor of `shape`, keeping the storage's capacity when the
    /// type is unchanged. Element values are unspecified afterwards; callers overwrite all.
    mutating func reset(_ type: _ONNXElementType, shape newShape: _ONNXShape) throws {
        let n = try newShape.elementCount()
        shape = newShape
        switch type {
        case .float: Self.resize(&f32, n, 0)
        case .double: Self.resize(&f64, n, 0)
        case .int64: Self.resize(&i64, n, 0)
        case .int32: Self.resize(&i32, n, 0)
        case .int8: Self.resize(&i8, n, 0)
        case .uint8: Self.resize(&u8, n, 0)
        case .bool: Self.resize(&bools, n, false)
        case .string: Self.resize(&strings, n, "")
        }
    }

    @inline(__always)
    private static func resize<T>(_ array: inout [T], _ n: Int, _ zero: T) {
        let c = array.count
        if c > n {
            array.removeLast(c - n)
        } else if c < n {
            array.append(contentsOf: repeatElement(zero, count: n - c))
        }
    }

    /// Copies `other` (type, shape and elements) into this tensor's storage.
    mutating func assign(_ other: _ONNXTensor) throws {
        try reset(other.type, shape: other.shape)
        moveElements(from: other, _ONNXElementCopy())
    }

    /// The element at flat index `i` as a `Double` (numeric and bool tensors), for scalars
    /// read by kernels (scales, zero points, shapes).
    func doubleValue(at i: Int) -> Double? {
        guard i >= 0, i < count else { return nil }
        switch storage {
        case .float(let a): return Double(a[i])
        case .double(let a): return a[i]
        case .int64(let a): return Double(a[i])
        case .int32(let a): return Double(a[i])
        case .int8(let a): return Double(a[i])
        case .uint8(let a): return Double(a[i])
        case .bool(let a): return a[i] ? 1 : 0
        case .string: return nil
        }
    }

    /// All elements as `Double` (numeric and bool tensors; empty for strings).
    func doubleValues() -> [Double] {
        switch storage {
        case .float(let a): return a.map { Double($0) }
        case .double(let a): return a
        case .int64(let a): return a.map { Double($0) }
        case .int32(let a): return a.map { Double($0) }
        case .int8(let a): return a.map { Double($0) }
        case .uint8(let a): return a.map { Double($0) }
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        case .string: return []
        }
    }

    /// The elements of an integer tensor as `Int64` (shape and index inputs).
    func integerValues() -> [Int64]? {
        switch storage {
        case .int64(let a): return a
        case .int32(let a): return a.map { Int64($0) }
        case .int8(let a): return a.map { Int64($0) }
        case .uint8(let a): return a.map { Int64($0) }
        default: return nil
        }
    }
}

/// A failure inside the executor (bad shapes, types or indices met while running a node).
/// The plan wraps it into ``ModelLoadingError`` (at load) or ``ScoringError`` (at predict),
/// naming the node and op.
struct _ONNXError: Error, Sendable, CustomStringConvertible {
    let message: String
    /// True when the problem is an unsupported feature rather than a malformed graph.
    var isUnsupported = false
    /// The graph node at fault (0-based), when known.
    var nodeIndex: Int?

    init(_ message: String, unsupported: Bool = false, nodeIndex: Int? = nil) {
        self.message = message
        self.isUnsupported = unsupported
        self.nodeIndex = nodeIndex
    }

    var description: String { message }
}
