/// What a LightGBM objective line (`binary sigmoid:1`, `multiclass num_class:3`,
/// `regression sqrt`) means for prediction.
struct _LightGBMObjective {
    let line: String
    let name: String
    let link: _Link
    let classCount: Int?
    let hasLinkFunction: Bool
    let kind: Kind

    enum Kind { case binary, multiclass, regression, raw }

    /// - Throws: ``ModelLoadingError/Code/unsupported`` naming an unknown objective,
    ///   `.invalidValue` for a bad `sigmoid:` or `num_class:` parameter.
    init(line: String?, lineNumber: Int?) throws {
        guard let line, !line.isEmpty else {
            // Saved without an objective (custom objective): raw scores.
            self.line = ""
            name = "none"
            link = .identity
            classCount = nil
            hasLinkFunction = false
            kind = .raw
            return
        }
        self.line = line
        let tokens = line.split(separator: " ").map(String.init)
        name = tokens.first ?? ""
        var sigmoid = 1.0
        var numClass: Int?
        var sqrt = false
        for token in tokens.dropFirst() {
            if token == "sqrt" {
                sqrt = true
            } else if token.hasPrefix("sigmoid:") {
                guard let v = _NumberParsing.double(token.dropFirst(8)), v.isFinite, v > 0 else {
                    throw ModelLoadingError(.invalidValue, "objective parameter '\(token)' is not a positive number", key: "objective", line: lineNumber)
                }
                sigmoid = v
            } else if token.hasPrefix("num_class:") {
                guard let v = _NumberParsing.integer(token.dropFirst(10)), v >= 1, v <= 1 << 16 else {
                    throw ModelLoadingError(.invalidValue, "objective parameter '\(token)' is not a class count", key: "objective", line: lineNumber)
                }
                numClass = Int(v)
            }
        }
        switch name {
        case "binary":
            (link, classCount, hasLinkFunction, kind) = (.lgbSigmoid(sigmoid), 2, true, .binary)
        case "cross_entropy", "xentropy":
            (link, classCount, hasLinkFunction, kind) = (.lgbSigmoid(1), nil, true, .regression)
        case "cross_entropy_lambda", "xentlambda":
            (link, classCount, hasLinkFunction, kind) = (.lgbLog1pExp, nil, true, .regression)
        case "multiclass", "softmax":
            (link, classCount, hasLinkFunction, kind) = (.lgbSoftmax, numClass, true, .multiclass)
        case "multiclassova", "multiclass_ova", "ova", "ovr":
            (link, classCount, hasLinkFunction, kind) = (.lgbSigmoid(sigmoid), numClass, true, .multiclass)
        case "regression", "regression_l2", "l2", "mean_squared_error", "mse", "l2_root", "root_mean_squared_error",
            "rmse", "regression_l1", "l1", "mean_absolute_error", "mae":
            (link, classCount, hasLinkFunction, kind) = (sqrt ? .lgbSignedSquare : .identity, nil, sqrt, .regression)
        case "huber", "fair", "quantile", "mape", "mean_absolute_percentage_error", "lambdarank", "rank_xendcg",
            "xendcg", "xe_ndcg", "xe_ndcg_mart", "xendcg_mart":
            (link, classCount, hasLinkFunction, kind) = (.identity, nil, false, .regression)
        case "poisson", "gamma", "tweedie":
            (link, classCount, hasLinkFunction, kind) = (.lgbExp, nil, true, .regression)
        case "custom", "none":
            (link, classCount, hasLinkFunction, kind) = (.identity, nil, false, .raw)
        default:
            throw ModelLoadingError(.unsupported, "LightGBM objective '\(name)' is not supported", key: "objective", line: lineNumber)
        }
        if kind == .multiclass && classCount == nil {
            throw ModelLoadingError(.missingKey, "objective '\(line)' has no num_class", key: "objective", line: lineNumber)
        }
    }
}
