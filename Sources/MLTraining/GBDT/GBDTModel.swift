import MLCore

/// A trained gradient-boosted tree ensemble: what ``GBDTTrainer`` returns. Export it with
/// ``xgboostJSON()`` (loadable by XGBoost itself and by MLModels' loader) or score it through
/// MLModels after loading those bytes.
public struct GBDTModel: Sendable, Equatable, Codable {
    /// The loss it was trained with.
    public let objective: GBDTParameters.Objective
    /// Classes (multiclass), else 1 output group.
    public let classCount: Int
    /// Feature names, in column order.
    public let featureNames: [String]
    /// XGBoost's `base_score` (float32): for binary a probability, else the starting margin of
    /// each output group.
    public let baseScores: [Float]
    /// The trees, iteration by iteration (multiclass: one per class per iteration, class order).
    public let trees: [TrainedTree]
    /// The iteration early stopping kept (0-based), when it ran.
    public let bestIteration: Int?
    /// The validation loss after each iteration (empty without a validation set).
    public let validationLoss: [Double]

    /// The starting margin of each output group, from ``baseScores`` as XGBoost's loader turns
    /// it (binary: `−log(1/b − 1)` in float32).
    public var baseMargins: [Float] {
        objective == .binary ? baseScores.map { -_Math.log(1 / $0 - 1) } : baseScores
    }

    /// Output groups: the class count for multiclass, else 1.
    public var groupCount: Int { objective == .multiclass ? classCount : 1 }

    /// Iterations (trees per group).
    public var iterationCount: Int { trees.count / Swift.max(1, groupCount) }

    /// Total split gain per feature (`importance_type = gain` summed).
    public var gainImportance: [Double] {
        var out = [Double](repeating: 0, count: featureNames.count)
        for t in trees { for n in t.nodes where !n.isLeaf { out[n.feature] += n.gain } }
        return out
    }

    /// Splits per feature (`importance_type = split`).
    public var splitImportance: [Int] {
        var out = [Int](repeating: 0, count: featureNames.count)
        for t in trees { for n in t.nodes where !n.isLeaf { out[n.feature] += 1 } }
        return out
    }

    /// Raw margins of `x` (`rows × groupCount`, row-major), summed in float32 from the base
    /// margin in tree order, as XGBoost and MLModels score the exported file.
    public func margins(_ x: Matrix<Float>) -> [Float] {
        let groups = groupCount
        var out = [Float](repeating: 0, count: x.rows * groups)
        let base = baseMargins
        x.withUnsafeBufferPointer { data in
            for r in 0..<x.rows {
                let row = data.baseAddress.map { $0 + r * x.columns }
                for g in 0..<groups { out[r * groups + g] = base[g] }
                for t in trees {
                    out[r * groups + t.group] += t.leafValue { f in row.map { $0[f] } ?? .nan }
                }
            }
        }
        return out
    }

    /// Predictions of `x`: probabilities (binary: one per row; multiclass: `classCount` per row)
    /// or values.
    public func predict(_ x: Matrix<Float>) -> [Double] {
        let m = margins(x)
        switch objective {
        case .regression: return m.map(Double.init)
        case .binary: return m.map { 1 / (1 + _Math.exp(-Double($0))) }
        case .multiclass:
            var out = [Double](repeating: 0, count: m.count)
            for r in 0..<(m.count / classCount) {
                let base = r * classCount
                var top = -Double.infinity
                for k in 0..<classCount { top = Swift.max(top, Double(m[base + k])) }
                var sum = 0.0
                for k in 0..<classCount {
                    out[base + k] = _Math.exp(Double(m[base + k]) - top)
                    sum += out[base + k]
                }
                for k in 0..<classCount { out[base + k] /= sum }
            }
            return out
        }
    }
}
