/// The ops this executor implements, by domain, with the first opset version whose
/// semantics it follows. An op used at a lower opset version, or in another domain, is
/// refused at load time with an error naming the node and op.
enum _ONNXOperators {
    /// Supported opset versions per domain.
    static let supportedOpsets: [String: ClosedRange<Int>] = [
        "ai.onnx": 7...22,
        "ai.onnx.ml": 1...5,
    ]

    struct Entry: Sendable {
        let since: Int
        let make: _ONNXKernelFactory
    }

    static func entry(domain: String, op: String) -> Entry? {
        switch domain {
        case "ai.onnx": return standard[op]
        case "ai.onnx.ml": return ml[op]
        default: return nil
        }
    }

    /// All supported `domain:op` names, sorted (for documentation and `inspect`).
    static var names: [String] {
        (standard.keys.map { "ai.onnx:" + $0 } + ml.keys.map { "ai.onnx.ml:" + $0 }).sorted()
    }

    private static let standard: [String: Entry] = [
        "Add": Entry(since: 7) { _ in _BinaryArithmeticKernel(op: .add) },
        "Sub": Entry(since: 7) { _ in _BinaryArithmeticKernel(op: .sub) },
        "Mul": Entry(since: 7) { _ in _BinaryArithmeticKernel(op: .mul) },
        "Div": Entry(since: 7) { _ in _BinaryArithmeticKernel(op: .div) },
        "Pow": Entry(since: 7) { _ in _PowKernel() },
        "Neg": Entry(since: 6) { _ in _UnaryKernel(op: .neg) },
        "Log": Entry(since: 6) { _ in _UnaryKernel(op: .log) },
        "Exp": Entry(since: 6) { _ in _UnaryKernel(op: .exp) },
        "Relu": Entry(since: 6) { _ in _UnaryKernel(op: .relu) },
        "Sigmoid": Entry(since: 6) { _ in _UnaryKernel(op: .sigmoid) },
        "Tanh": Entry(since: 6) { _ in _UnaryKernel(op: .tanh) },
        "Scan": Entry(since: 9) { try _ScanKernel($0) },
        "Transpose": Entry(since: 1) { try _TransposeKernel($0) },
        "TopK": Entry(since: 1) { try _TopKKernel($0) },
        "Shape": Entry(since: 1) { try _ShapeKernel($0) },
        "ConstantOfShape": Entry(since: 9) { try _ConstantOfShapeKernel($0) },
        "Abs": Entry(since: 6) { _ in _UnaryKernel(op: .abs) },
        "Sqrt": Entry(since: 6) { _ in _UnaryKernel(op: .sqrt) },
        "ReduceSum": Entry(since: 1) { try _ReduceKernel($0, .sum) },
        "ReduceMean": Entry(since: 1) { try _ReduceKernel($0, .mean) },
        "ReduceProd": Entry(since: 1) { try _ReduceKernel($0, .prod) },
        "ReduceMax": Entry(since: 1) { try _ReduceKernel($0, .max) },
        "ReduceMin": Entry(since: 1) { try _ReduceKernel($0, .min) },
        "ReduceSumSquare": Entry(since: 1) { try _ReduceKernel($0, .sumSquare) },
        "ReduceLogSumExp": Entry(since: 1) { try _ReduceKernel($0, .logSumExp) },
        "ReduceLogSum": Entry(since: 1) { try _ReduceKernel($0, .logSum) },
        "ReduceL1": Entry(since: 1) { try _ReduceKernel($0, .l1) },
        "ReduceL2": Entry(since: 1) { try _ReduceKernel($0, .l2) },
        "Max": Entry(since: 6) { _ in _VariadicKernel(op: .max) },
        "Min": Entry(since: 6) { _ in _VariadicKernel(op: .min) },
        "Sum": Entry(since: 6) { _ in _VariadicKernel(op: .sum) },
        "Equal": Entry(since: 7) { _ in _CompareKernel(op: .equal) },
        "Less": Entry(since: 7) { _ in _CompareKernel(op: .less) },
        "Greater": Entry(since: 7) { _ in _CompareKernel(op: .greater) },
        "Where": Entry(since: 9) { _ in _WhereKernel() },
        "MatMul": Entry(since: 1) { _ in _MatMulKernel() },
        "Gemm": Entry(since: 7) { try _GemmKernel($0) },
        "MatMulInteger": Entry(since: 10) { _ in _MatMulIntegerKernel() },
        "Gather": Entry(since: 1) { try _GatherKernel($0) },
        "Softmax": Entry(since: 1) { try _SoftmaxKernel($0) },
        "LogSoftmax": Entry(since: 1) { try _SoftmaxKernel($0, logarithmic: true) },
        "Identity": Entry(since: 1) { _ in _IdentityKernel() },
        "Reshape": Entry(since: 5) { try _ReshapeKernel($0) },
        "Flatten": Entry(since: 1) { try _FlattenKernel($0) },
        "Concat": Entry(since: 4) { try _ConcatKernel($0) },
        "ArgMax": Entry(since: 1) { try _ArgMaxKernel($0) },
        "Cast": Entry(since: 6) { try _CastKernel($0) },
        "Constant": Entry(since: 1) { try _ConstantKernel($0) },
        "QuantizeLinear": Entry(since: 10) { try _QuantizeLinearKernel($0) },
        "DequantizeLinear": Entry(since: 10) { try _DequantizeLinearKernel($0) },
        "DynamicQuantizeLinear": Entry(since: 11) { _ in _DynamicQuantizeLinearKernel() },
    ]

    private static let ml: [String: Entry] = [
        "TreeEnsembleClassifier": Entry(since: 1) { try _TreeEnsembleKernel($0, classifier: true) },
        "TreeEnsembleRegressor": Entry(since: 1) { try _TreeEnsembleKernel($0, classifier: false) },
        "LinearClassifier": Entry(since: 1) { try _LinearClassifierKernel($0) },
        "LinearRegressor": Entry(since: 1) { try _LinearRegressorKernel($0) },
        "Scaler": Entry(since: 1) { try _ScalerKernel($0) },
        "Normalizer": Entry(since: 1) { try _NormalizerKernel($0) },
        "LabelEncoder": Entry(since: 1) { try _LabelEncoderKernel($0) },
        "ArrayFeatureExtractor": Entry(since: 1) { _ in _ArrayFeatureExtractorKernel() },
        "ZipMap": Entry(since: 1) { try _ZipMapKernel($0) },
        "TreeEnsemble": Entry(since: 5) { try _TreeEnsembleV5.kernel($0) },
        "SVMClassifier": Entry(since: 1) { try _SVMClassifierKernel($0) },
        "SVMRegressor": Entry(since: 1) { try _SVMRegressorKernel($0) },
        "Imputer": Entry(since: 1) { try _ImputerKernel($0) },
        "Binarizer": Entry(since: 1) { try _BinarizerKernel($0) },
        "OneHotEncoder": Entry(since: 1) { try _OneHotEncoderKernel($0) },
        "CategoryMapper": Entry(since: 1) { try _CategoryMapperKernel($0) },
        "FeatureVectorizer": Entry(since: 1) { try _FeatureVectorizerKernel($0) },
    ]
}

/// Constant: a tensor from the `value` attribute (or `value_float(s)`/`value_int(s)`).
struct _ConstantKernel: _ONNXKernel {
    let value: _ONNXTensor

    init(_ node: _ONNXNodeInfo) throws {
        if let t = try node.tensor("value") {
            value = t
        } else if let f = try node.float("value_float") {
            value = _ONNXTensor(floats: [f], shape: _ONNXShape())
        } else if let f = try node.floats("value_floats") {
            value = _ONNXTensor(floats: f, shape: _ONNXShape(f.count))
        } else if let i = try node.int("value_int") {
            value = _ONNXTensor(int64s: [i], shape: _ONNXShape())
        } else if let i = try node.ints("value_ints") {
            value = _ONNXTensor(int64s: i, shape: _ONNXShape(i.count))
        } else {
            throw _ONNXError("no supported value attribute (value, value_float(s), value_int(s))", unsupported: true)
        }
    }

    func run(_ context: inout _ONNXRunContext, _ step: _ONNXStep) throws {
        var out = context.takeOutput(step, 0)
        try out.assign(value)
        context.setOutput(step, 0, out)
    }
}
