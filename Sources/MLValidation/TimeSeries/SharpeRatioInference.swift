import MLCore
import MLMetrics

/// The Probabilistic and Deflated Sharpe Ratios and the minimum track record length (Bailey &
/// López de Prado 2012, 2014), from a Sharpe ratio and the higher moments of its returns.
///
/// Conventions, the usual sources of wrong numbers elsewhere:
/// - every Sharpe ratio here is **per period** (not annualized): `SR = mean / std`, with the
///   sample standard deviation (ddof = 1). Annualize only for display (`SR·√periodsPerYear`);
///   an annual variance of Sharpe ratios converts with `V / periodsPerYear`.
/// - `skewness` is γ₃ = m₃/m₂^1.5 and `kurtosis` is the **raw (Pearson)** γ₄ = m₄/m₂² (3 for a
///   normal distribution, not 0), with population moments m_k = Σ(r − mean)^k / T.
/// - `observations` is T, the number of returns; the standard error uses √(T − 1).
public struct SharpeRatioInference: Sendable, Equatable {
    /// The per-period Sharpe ratio.
    public let sharpe: Double
    /// T, the number of returns behind it (≥ 2).
    public let observations: Int
    /// γ₃.
    public let skewness: Double
    /// Raw (Pearson) γ₄ ≥ 1 + γ₃².
    public let kurtosis: Double

    /// Creates the inference.
    /// - Throws: ``EvaluationError`` `.invalidArgument` for a non-finite value, fewer than 2
    ///   observations, or a kurtosis below 1 + skewness² (impossible for any distribution; usually
    ///   excess kurtosis given where raw is expected).
    public init(sharpe: Double, observations: Int, skewness: Double, kurtosis: Double) throws {
        for (name, v) in [("sharpe", sharpe), ("skewness", skewness), ("kurtosis", kurtosis)] where !v.isFinite {
            throw EvaluationError(.invalidArgument, "\(name) must be finite (got \(v))", field: name)
        }
        guard observations >= 2 else {
            throw EvaluationError(.invalidArgument, "at least 2 observations are needed (got \(observations))", field: "observations")
        }
        guard kurtosis >= 1 + skewness * skewness - 1e-9 else {
            throw EvaluationError(
                .invalidArgument,
                "kurtosis \(kurtosis) is below 1 + skewness² = \(1 + skewness * skewness): give the raw (Pearson) kurtosis, 3 for a normal distribution, not the excess",
                field: "kurtosis")
        }
        self.sharpe = sharpe
        self.observations = observations
        self.skewness = skewness
        self.kurtosis = kurtosis
    }

    /// √(1 − γ₃·SR + (γ₄ − 1)/4 · SR²): the Sharpe ratio's standard error times √(T − 1).
    var dispersion: Double {
        (max(0, 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe)).squareRoot()
    }

    /// The z statistic of `SR` against a benchmark `SR*` (per period):
    /// `(SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)`.
    public func z(benchmark: Double) -> Double {
        (sharpe - benchmark) * Double(observations - 1).squareRoot() / dispersion
    }

    /// PSR(SR*) = Φ(z): the probability that the true Sharpe ratio exceeds the per-period
    /// benchmark `SR*` (default 0).
    public func probabilisticSharpe(benchmark: Double = 0) -> Double {
        NormalDistribution.cdf(z(benchmark: benchmark))
    }

    /// The expected maximum per-period Sharpe ratio of `trials.count` unskilled strategies whose
    /// Sharpe ratios have variance `trials.sharpeVariance` (per period):
    /// `SR₀ = √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)))`, γ the Euler–Mascheroni constant.
    public static func expectedMaximumSharpe(_ trials: BacktestTrials) -> Double {
        let gamma = 0.577_215_664_901_532_9
        let n = Double(trials.count)
        let e = 2.718_281_828_459_045
        return trials.sharpeVariance.squareRoot()
            * ((1 - gamma) * NormalDistribution.quantile(1 - 1 / n) + gamma * NormalDistribution.quantile(1 - 1 / (n * e)))
    }

    /// DSR = PSR(SR₀), SR₀ from ``expectedMaximumSharpe(_:)``, with its z statistic.
    public func deflatedSharpe(_ trials: BacktestTrials) -> (dsr: Double, sr0: Double, z: Double) {
        let sr0 = Self.expectedMaximumSharpe(trials)
        let z = z(benchmark: sr0)
        return (NormalDistribution.cdf(z), sr0, z)
    }

    /// The minimum track record length: the number of observations needed for PSR(SR*) to
    /// reach `confidence`, `1 + (1 − γ₃·SR + (γ₄ − 1)/4·SR²)·(Φ⁻¹(confidence)/(SR − SR*))²`;
    /// nil when `SR ≤ SR*` (no track record is long enough).
    public func minimumTrackRecordLength(benchmark: Double = 0, confidence: Double = 0.95) -> Double? {
        guard sharpe > benchmark, confidence > 0, confidence < 1 else { return nil }
        let ratio = NormalDistribution.quantile(confidence) / (sharpe - benchmark)
        return 1 + dispersion * dispersion * ratio * ratio
    }
}
