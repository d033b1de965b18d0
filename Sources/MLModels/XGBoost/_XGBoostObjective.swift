import MLCore

/// What an XGBoost objective means for prediction: its link, output kind, and how the
/// stored `base_score` becomes the starting margin.
struct _XGBoostObjective {
    enum BaseScoreLink {
        /// Stored value is already a margin.
        case identity
        /// Stored value is a probability: margin = `-_Math.log(1/b - 1)` in Float.
        case logit
        /// Stored value is a mean: margin = `_Math.log(b)`.
        case log
    }

    let name: String
    let link: _Link
    let baseScoreLink: BaseScoreLink
    let isMulticlass: Bool
    /// Whether predictions differ from margins.
    let hasLinkFunction: Bool

    /// - Throws: ``ModelLoadingError/Code/unsupported`` naming the objective.
    init(name: String) throws {
        self.name = name
        switch name {
        case "binary:logistic", "reg:logistic":
            (link, baseScoreLink, isMulticlass, hasLinkFunction) = (.xgbSigmoid, .logit, false, true)
        case "binary:logitraw":
            // The stored intercept is applied as a margin (checked against xgboost 1.7.6,
            // 2.1.4 and 3.2.0 predictions), unlike binary:logistic.
            (link, baseScoreLink, isMulticlass, hasLinkFunction) = (.identity, .identity, false, false)
        case "binary:hinge":
            (link, baseScoreLink, isMulticlass, hasLinkFunction) = (.xgbHinge, .identity, false, true)
        case "multi:softprob":
            (link, baseScoreLink, isMulticlass, hasLinkFunction) = (.xgbSoftmax, .identity, true, true)
        case "multi:softmax":
            (link, baseScoreLink, isMulticlass, hasLinkFunction) = (.xgbArgmax, .identity, true, true)
        case "reg:squarederror", "reg:linear", "reg:absoluteerror", "reg:pseudohubererror",
            "reg:squaredlogerror", "reg:quantileerror", "rank:pairwise", "rank:ndcg", "rank:map":
            (link, baseScoreLink, isMulticlass, hasLinkFunction) = (.identity, .identity, false, false)
        case "count:poisson", "reg:gamma", "reg:tweedie":
            (link, baseScoreLink, isMulticlass, hasLinkFunction) = (.xgbExp, .log, false, true)
        default:
            throw ModelLoadingError(
                .unsupported, "XGBoost objective '\(name)' is not supported", key: "learner.objective.name")
        }
    }

    /// The output kind for `groups` margins.
    func outputKind(groups: Int) -> OutputKind {
        switch link {
        case .xgbSigmoid: return name == "reg:logistic" ? .regressionValue : .binaryProbability
        case .xgbSoftmax: return .multiclassProbabilities(classCount: groups)
        case .xgbArgmax: return .classIndex(classCount: groups)
        case .xgbHinge: return .classIndex(classCount: 2)
        default:
            if name == "binary:logitraw" { return .rawScore(width: groups) }
            return .regressionValue
        }
    }

    /// The starting margin for a stored base score, in Float as XGBoost computes it.
    func margin(fromBaseScore b: Float) -> Float {
        switch baseScoreLink {
        case .identity: return b
        case .logit: return -_Math.log(1.0 / b - 1.0)
        case .log: return _Math.log(b)
        }
    }
}
