import MLCore

/// The function from margins to predictions, written exactly as each framework computes it
/// (XGBoost in `Float`, LightGBM in `Double`), so outputs match bit for bit where the
/// platform's `exp` agrees.
enum _Link: Sendable, Equatable {
    /// value = margin.
    case identity
    /// XGBoost `binary:logistic`, `reg:logistic`: `1 / (_Math.exp(min(-m, 88.7)) + 1 + 1e-16)` in Float.
    case xgbSigmoid
    /// XGBoost `multi:softprob`: softmax in Float with a Double sum.
    case xgbSoftmax
    /// XGBoost `multi:softmax`: index of the first largest margin.
    case xgbArgmax
    /// XGBoost `count:poisson`, `reg:gamma`, `reg:tweedie`: `_Math.exp(m)`.
    case xgbExp
    /// XGBoost `binary:hinge`: 1 if m > 0 else 0.
    case xgbHinge
    /// LightGBM `binary`, `multiclassova`, `cross_entropy`: `1 / (1 + _Math.exp(-k·m))` per value.
    case lgbSigmoid(Double)
    /// LightGBM `multiclass`: softmax in Double (max subtracted).
    case lgbSoftmax
    /// LightGBM `poisson`, `gamma`, `tweedie`: `_Math.exp(m)`.
    case lgbExp
    /// LightGBM `regression` / `regression_l1` with `sqrt`: `sign(m)·m·m`.
    case lgbSignedSquare
    /// LightGBM `cross_entropy_lambda`: `_Math.log1p(_Math.exp(m))`.
    case lgbLog1pExp
    /// Isolation forest (scikit-learn's `score_samples`, negated): `2^(−m / normalizer)` where
    /// `m` is the summed path length over the trees and `normalizer = trees · c(max_samples)`;
    /// a zero normalizer gives `2^(−1)` as scikit-learn does.
    case isolationScore(Double)

    /// Output values per row for `groups` margins.
    func width(groups: Int) -> Int {
        self == .xgbArgmax ? 1 : groups
    }

    /// Applies the link to `groups` Float margins, writing `width(groups:)` outputs.
    @inline(__always)
    func apply(_ m: UnsafePointer<Float>, _ groups: Int, _ out: UnsafeMutablePointer<Double>) {
        switch self {
        case .xgbSigmoid:
            for k in 0..<groups { out[k] = Double(Self.xgbSigmoid(m[k])) }
        case .xgbSoftmax:
            var wmax = m[0]
            for k in 1..<max(groups, 1) { wmax = _Math.fmax(m[k], wmax) }
            var wsum = 0.0
            for k in 0..<groups {
                let e = _Math.exp(m[k] - wmax)
                out[k] = Double(e)
                wsum += Double(e)
            }
            let s = Float(wsum)
            for k in 0..<groups { out[k] = Double(Float(out[k]) / s) }
        case .xgbArgmax:
            var best = 0
            for k in 1..<max(groups, 1) where m[k] > m[best] { best = k }
            out[0] = Double(best)
        case .xgbExp:
            for k in 0..<groups { out[k] = Double(_Math.exp(m[k])) }
        case .xgbHinge:
            for k in 0..<groups { out[k] = m[k] > 0 ? 1 : 0 }
        default:
            // Double links on Float margins (not produced by the loaders): widen and apply.
            for k in 0..<groups { out[k] = Double(m[k]) }
            applyInPlace(out, groups)
        }
    }

    /// Applies the link to `groups` Double margins in place (`out[0..<width]` afterwards).
    @inline(__always)
    func applyInPlace(_ out: UnsafeMutablePointer<Double>, _ groups: Int) {
        switch self {
        case .identity:
            return
        case .lgbSigmoid(let k):
            for j in 0..<groups { out[j] = 1.0 / (1.0 + _Math.exp(-k * out[j])) }
        case .lgbSoftmax:
            var wmax = out[0]
            for j in 1..<max(groups, 1) { wmax = Swift.max(out[j], wmax) }
            var wsum = 0.0
            for j in 0..<groups {
                out[j] = _Math.exp(out[j] - wmax)
                wsum += out[j]
            }
            for j in 0..<groups { out[j] /= wsum }
        case .lgbExp:
            for j in 0..<groups { out[j] = _Math.exp(out[j]) }
        case .lgbSignedSquare:
            for j in 0..<groups {
                let v = out[j]
                let sign: Double = v > 0 ? 1 : (v < 0 ? -1 : 0)
                out[j] = sign * v * v
            }
        case .lgbLog1pExp:
            for j in 0..<groups { out[j] = _Math.log1p(_Math.exp(out[j])) }
        case .isolationScore(let normalizer):
            for j in 0..<groups { out[j] = _Math.pow(2, -(normalizer != 0 ? out[j] / normalizer : 1)) }
        case .xgbSigmoid, .xgbSoftmax, .xgbArgmax, .xgbExp, .xgbHinge:
            // Float links on Double margins: narrow (exact for XGBoost margins) and apply.
            withUnsafeTemporaryAllocation(of: Float.self, capacity: max(groups, 1)) { tmp in
                guard let m = tmp.baseAddress else { return }
                for j in 0..<groups { m[j] = Float(out[j]) }
                apply(m, groups, out)
            }
        }
    }

    @inline(__always)
    static func xgbSigmoid(_ m: Float) -> Float {
        let kEps: Float = 1e-16
        let x = Swift.min(-m, 88.7)
        let denom = _Math.exp(x) + 1.0 + kEps
        return 1.0 / denom
    }
}
