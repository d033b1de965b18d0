#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Attribute constructors for graphs the SDK writes (rewritten tree ensembles, exports).
extension Onnx_AttributeProto {
    static func ints(_ name: String, _ v: [Int64]) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .ints
        a.ints = v
        return a
    }

    static func int(_ name: String, _ v: Int) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .int
        a.i = Int64(v)
        return a
    }

    static func floats(_ name: String, _ v: [Float]) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .floats
        a.floats = v
        return a
    }

    static func string(_ name: String, _ v: String) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .string
        a.s = Data(v.utf8)
        return a
    }

    static func strings(_ name: String, _ v: [String]) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .strings
        a.strings = v.map { Data($0.utf8) }
        return a
    }

    /// A 1-D `double` tensor attribute (the `*_as_tensor` forms).
    static func doubleTensor(_ name: String, _ v: [Double]) -> Onnx_AttributeProto {
        var t = Onnx_TensorProto()
        t.dataType = 11
        t.dims = [Int64(v.count)]
        t.doubleData = v
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = .tensor
        a.t = t
        return a
    }
}
