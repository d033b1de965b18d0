/// Names of ``_Link`` in the native format.
extension _Link {
    /// The stable name written to `model.link`.
    var nativeName: String {
        switch self {
        case .identity: return "identity"
        case .xgbSigmoid: return "xgboost_sigmoid"
        case .xgbSoftmax: return "xgboost_softmax"
        case .xgbArgmax: return "xgboost_argmax"
        case .xgbExp: return "xgboost_exp"
        case .xgbHinge: return "xgboost_hinge"
        case .lgbSigmoid: return "lightgbm_sigmoid"
        case .lgbSoftmax: return "lightgbm_softmax"
        case .lgbExp: return "lightgbm_exp"
        case .lgbSignedSquare: return "lightgbm_signed_square"
        case .lgbLog1pExp: return "lightgbm_log1p_exp"
        case .isolationScore: return "isolation_forest_score"
        }
    }

    /// The link named `name`; `lightgbm_sigmoid` takes its `scale`, `isolation_forest_score` its
    /// `normalizer`.
    /// - Throws: ``ModelLoadingError`` for an unknown name or a missing / non-finite scale.
    static func native(name: String, scale: Double?, normalizer: Double? = nil, key: String) throws -> _Link {
        switch name {
        case "identity": return .identity
        case "xgboost_sigmoid": return .xgbSigmoid
        case "xgboost_softmax": return .xgbSoftmax
        case "xgboost_argmax": return .xgbArgmax
        case "xgboost_exp": return .xgbExp
        case "xgboost_hinge": return .xgbHinge
        case "lightgbm_sigmoid":
            guard let scale, scale.isFinite, scale > 0 else {
                throw ModelLoadingError(.invalidValue, "lightgbm_sigmoid needs a finite positive 'sigmoid_scale'", key: key)
            }
            return .lgbSigmoid(scale)
        case "lightgbm_softmax": return .lgbSoftmax
        case "lightgbm_exp": return .lgbExp
        case "lightgbm_signed_square": return .lgbSignedSquare
        case "lightgbm_log1p_exp": return .lgbLog1pExp
        case "isolation_forest_score":
            guard let normalizer, normalizer.isFinite, normalizer >= 0 else {
                throw ModelLoadingError(.invalidValue, "isolation_forest_score needs a finite non-negative 'path_length_normalizer'", key: key)
            }
            return .isolationScore(normalizer)
        default:
            throw ModelLoadingError(.unsupported, "unknown link '\(name)'", key: key)
        }
    }
}

/// The `output` section: ``OutputKind`` as name plus its count.
enum _NativeOutput {
    static func write(_ kind: OutputKind, hasLinkFunction: Bool, into w: inout _NativeJSONWriter) {
        w.raw("{\"kind\": " + _NativeJSONWriter.quoted(kind.name))
        switch kind {
        case .multiclassProbabilities(let k), .classIndex(let k): w.raw(", \"class_count\": \(k)")
        case .rawScore(let width): w.raw(", \"width\": \(width)")
        case .binaryProbability, .regressionValue, .anomalyScore: break
        }
        w.raw(", \"has_link_function\": \(hasLinkFunction)}")
    }

    static func read(_ v: _JSONValue, _ r: _NativeReader) throws -> (kind: OutputKind, hasLinkFunction: Bool) {
        let path = "output"
        let name = try r.string(v, "kind", path)
        let linked = try r.bool(v, "has_link_function", path)
        let kind: OutputKind
        switch name {
        case "binary_probability": kind = .binaryProbability
        case "multiclass_probabilities":
            kind = .multiclassProbabilities(classCount: try r.int(v, "class_count", path, range: 1...(1 << 16)))
        case "class_index": kind = .classIndex(classCount: try r.int(v, "class_count", path, range: 1...(1 << 16)))
        case "regression_value": kind = .regressionValue
        case "anomaly_score": kind = .anomalyScore
        case "raw_score": kind = .rawScore(width: try r.int(v, "width", path, range: 1...(1 << 16)))
        default: throw ModelLoadingError(.unsupported, "unknown output kind '\(name)'", key: "output.kind")
        }
        return (kind, linked)
    }
}
