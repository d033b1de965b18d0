#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A graph node as a kernel factory sees it: identity, resolved opset version and typed,
/// checked access to its attributes.
///
/// Every accessor checks the attribute's declared type (`AttributeProto.type`) against what
/// the op needs and throws an ``_ONNXError`` naming the attribute otherwise. Attributes
/// without a declared type (very old files) are accepted when the matching field is set.
struct _ONNXNodeInfo {
    /// 0-based position in `graph.node`.
    let index: Int
    let name: String
    let opType: String
    /// `ai.onnx` for the default domain (`""`), else the domain as written.
    let domain: String
    /// The opset version imported for `domain`.
    let opsetVersion: Int
    let inputCount: Int
    let outputCount: Int
    /// Every opset the model imports (for ops with subgraphs, whose nodes use them too).
    let opsets: [String: Int]
    private let attributes: [String: Onnx_AttributeProto]

    init(index: Int, node: Onnx_NodeProto, domain: String, opsetVersion: Int, opsets: [String: Int] = [:]) throws {
        self.index = index
        self.opsets = opsets
        self.name = node.name
        self.opType = node.opType
        self.domain = domain
        self.opsetVersion = opsetVersion
        self.inputCount = node.input.count
        self.outputCount = node.output.count
        var map: [String: Onnx_AttributeProto] = [:]
        for a in node.attribute {
            if !a.refAttrName.isEmpty {
                throw _ONNXError("attribute '\(a.name)' refers to a function attribute, which is not supported", unsupported: true)
            }
            guard map[a.name] == nil else { throw _ONNXError("attribute '\(a.name)' is given twice") }
            map[a.name] = a
        }
        attributes = map
    }

    /// `node 'name' (Domain:Op)` for messages.
    var label: String {
        let shownName = name.isEmpty ? "#\(index)" : "'\(name)'"
        let op = domain == "ai.onnx" ? opType : "\(domain):\(opType)"
        return "node \(shownName) (\(op))"
    }

    func has(_ key: String) -> Bool { attributes[key] != nil }

    var attributeNames: [String] { attributes.keys.sorted() }

    private func attribute(_ key: String, _ expected: Onnx_AttributeProto.AttributeType, isSet: (Onnx_AttributeProto) -> Bool)
        throws -> Onnx_AttributeProto?
    {
        guard let a = attributes[key] else { return nil }
        if a.type == .undefined {
            guard isSet(a) else { throw _ONNXError("attribute '\(key)' has no \(Self.name(expected)) value") }
            return a
        }
        guard a.type == expected else {
            throw _ONNXError("attribute '\(key)' has type \(Self.name(a.type)), expected \(Self.name(expected))")
        }
        return a
    }

    static func name(_ t: Onnx_AttributeProto.AttributeType) -> String {
        switch t {
        case .undefined: return "UNDEFINED"
        case .float: return "FLOAT"
        case .int: return "INT"
        case .string: return "STRING"
        case .tensor: return "TENSOR"
        case .graph: return "GRAPH"
        case .sparseTensor: return "SPARSE_TENSOR"
        case .typeProto: return "TYPE_PROTO"
        case .floats: return "FLOATS"
        case .ints: return "INTS"
        case .strings: return "STRINGS"
        case .tensors: return "TENSORS"
        case .graphs: return "GRAPHS"
        case .sparseTensors: return "SPARSE_TENSORS"
        case .typeProtos: return "TYPE_PROTOS"
        }
    }

    func int(_ key: String) throws -> Int64? {
        try attribute(key, .int) { $0.hasI }?.i
    }

    func int(_ key: String, default value: Int64) throws -> Int64 {
        try int(key) ?? value
    }

    /// An `INT` attribute that must lie in `range`.
    func int(_ key: String, default value: Int64, in range: ClosedRange<Int64>) throws -> Int {
        let v = try int(key, default: value)
        guard range.contains(v) else { throw _ONNXError("attribute '\(key)' is \(v), outside \(range)") }
        return Int(v)
    }

    func float(_ key: String) throws -> Float? {
        try attribute(key, .float) { $0.hasF }?.f
    }

    func float(_ key: String, default value: Float) throws -> Float {
        try float(key) ?? value
    }

    func string(_ key: String) throws -> String? {
        guard let a = try attribute(key, .string, isSet: { $0.hasS }) else { return nil }
        return String(decoding: a.s, as: UTF8.self)
    }

    func string(_ key: String, default value: String) throws -> String {
        try string(key) ?? value
    }

    /// A `STRING` attribute that must be one of `allowed`.
    func choice(_ key: String, default value: String, _ allowed: [String]) throws -> String {
        let v = try string(key, default: value)
        guard allowed.contains(v) else {
            throw _ONNXError("attribute '\(key)' is '\(v)', expected one of \(allowed.joined(separator: ", "))")
        }
        return v
    }

    func ints(_ key: String) throws -> [Int64]? {
        try attribute(key, .ints) { !$0.ints.isEmpty }?.ints
    }

    func floats(_ key: String) throws -> [Float]? {
        try attribute(key, .floats) { !$0.floats.isEmpty }?.floats
    }

    func strings(_ key: String) throws -> [String]? {
        try attribute(key, .strings) { !$0.strings.isEmpty }?.strings.map { String(decoding: $0, as: UTF8.self) }
    }

    /// A graph attribute (a loop body).
    func graph(_ key: String) throws -> Onnx_GraphProto? {
        try attribute(key, .graph, isSet: { $0.hasG })?.g
    }

    func tensor(_ key: String) throws -> _ONNXTensor? {
        guard let a = try attribute(key, .tensor, isSet: { $0.hasT }) else { return nil }
        return try _ONNXTensorProto.decode(a.t, what: "attribute '\(key)'")
    }

    /// Throws unless every attribute of the node is in `known` (an unknown attribute may
    /// change the op's meaning in a way this executor would silently ignore).
    func requireOnly(_ known: Set<String>) throws {
        for key in attributes.keys where !known.contains(key) {
            throw _ONNXError("attribute '\(key)' is not supported", unsupported: true)
        }
    }
}
