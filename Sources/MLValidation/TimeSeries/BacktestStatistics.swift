import MLCore
import MLMetrics

/// Performance statistics of a strategy's per-period simple returns (`r = P_t/P_{t−1} − 1`),
/// with the conventions of the `backtest` fixtures (DESIGN §6):
///
/// - `mean = Σr/T`; `std` is the sample standard deviation (ddof = 1);
/// - Sharpe per period `SR = mean/std` (risk-free rate 0: pass excess returns otherwise),
///   annualized `SR·√P` with P periods per year;
/// - skewness γ₃ = m₃/m₂^1.5 and **raw (Pearson)** kurtosis γ₄ = m₄/m₂² from population moments;
/// - PSR and DSR use the **per-period** SR (see ``SharpeRatioInference``);
/// - equity `E_t = Π(1 + r_i)` starting from `E_0 = 1`, which counts as a peak; drawdown
///   `1 − E_t/max(1, E_0…E_t)` is a positive fraction of the peak;
/// - win rate counts strictly positive returns (a zero return is not a win);
/// - Sortino = mean·P / (√(Σ min(r, 0)²/T)·√P), downside deviation against 0 over all periods.
///
/// Values that are undefined for the data (a Sharpe ratio with zero volatility, a Sortino ratio
/// with no losing period) are `nil`.
public struct BacktestStatistics: Sendable, Equatable, Codable {
    /// T.
    public let periods: Int
    /// P, used to annualize.
    public let periodsPerYear: Double
    /// Mean per-period return.
    public let mean: Double
    /// Sample standard deviation (ddof = 1) of the returns.
    public let standardDeviation: Double
    /// `mean/std`, per period; nil when std = 0.
    public let sharpePerPeriod: Double?
    /// `SR·√P`.
    public let sharpeAnnualized: Double?
    /// Annualized Sortino ratio; nil without a negative return.
    public let sortino: Double?
    /// γ₃ (population); nil when std = 0.
    public let skewness: Double?
    /// Raw (Pearson) γ₄ (population); nil when std = 0.
    public let kurtosis: Double?
    /// `std·√P`.
    public let annualizedVolatility: Double
    /// `E_T − 1`.
    public let totalReturn: Double
    /// The compound annual growth rate `E_T^(P/T) − 1` (the annualized return).
    public let annualizedReturn: Double
    /// The largest drawdown, a fraction of the peak in [0, 1].
    public let maxDrawdown: Double
    /// The 0-based row where ``maxDrawdown`` is reached (first occurrence); nil with no drawdown.
    public let maxDrawdownEndIndex: Int?
    /// The 0-based row of the peak before it; nil when the peak is the starting equity.
    public let maxDrawdownPeakIndex: Int?
    /// The longest run of consecutive periods with equity below its running peak.
    public let maxDrawdownDuration: Int
    /// `count(r > 0)/T`.
    public let winRate: Double
    /// How many returns are exactly 0.
    public let zeroReturns: Int

    /// Computes the statistics.
    /// - Parameters:
    ///   - returns: per-period simple returns, in time order; at least 2, finite, each ≥ −1.
    ///   - periodsPerYear: P > 0 (252 for trading days, 52 weekly, 12 monthly).
    /// - Throws: ``EvaluationError`` `.emptyInput` (fewer than 2 returns), `.invalidScore`
    ///   naming the first index that is not finite or below −100%, `.invalidArgument` for P.
    public init(returns: [Double], periodsPerYear: Double = 252) throws {
        guard periodsPerYear.isFinite, periodsPerYear > 0 else {
            throw EvaluationError(
                .invalidArgument, "periods per year must be a positive number (got \(periodsPerYear))", field: "periods_per_year")
        }
        guard returns.count >= 2 else {
            throw EvaluationError(.emptyInput, "at least 2 returns are needed (got \(returns.count))", field: "returns")
        }
        let t = Double(returns.count)
        var sum = 0.0
        for (i, r) in returns.enumerated() {
            guard r.isFinite, r >= -1 else {
                throw EvaluationError(
                    .invalidScore, "return \(i) (0-based) is \(r): returns must be finite simple returns ≥ −1",
                    field: "returns", index: i)
            }
            sum += r
        }
        let mean = sum / t
        var m2 = 0.0, m3 = 0.0, m4 = 0.0, downside = 0.0
        var wins = 0, zeros = 0
        var equity = 1.0, peak = 1.0, peakIndex: Int? = nil
        var worst = 0.0, worstEnd: Int? = nil, worstPeak: Int? = nil
        var underwater = 0, longestUnderwater = 0
        for (i, r) in returns.enumerated() {
            let d = r - mean
            let d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
            if r < 0 { downside += r * r }
            if r > 0 { wins += 1 } else if r == 0 { zeros += 1 }
            equity *= 1 + r
            if equity >= peak {
                peakIndex = i
                peak = equity
                underwater = 0
            } else {
                underwater += 1
                longestUnderwater = max(longestUnderwater, underwater)
                let drawdown = 1 - equity / peak
                if drawdown > worst {
                    worst = drawdown
                    worstEnd = i
                    worstPeak = peakIndex
                }
            }
        }
        let variance = m2 / (t - 1)
        let std = variance.squareRoot()
        let root = periodsPerYear.squareRoot()
        self.periods = returns.count
        self.periodsPerYear = periodsPerYear
        self.mean = mean
        self.standardDeviation = std
        if std > 0 {
            let sr = mean / std
            self.sharpePerPeriod = sr
            self.sharpeAnnualized = sr * root
            let pm2 = m2 / t
            self.skewness = (m3 / t) / (pm2 * pm2.squareRoot())
            self.kurtosis = (m4 / t) / (pm2 * pm2)
        } else {
            self.sharpePerPeriod = nil
            self.sharpeAnnualized = nil
            self.skewness = nil
            self.kurtosis = nil
        }
        let downsideDeviation = (downside / t).squareRoot()
        self.sortino = downsideDeviation > 0 ? mean * root / downsideDeviation : nil
        self.annualizedVolatility = std * root
        self.totalReturn = equity - 1
        self.annualizedReturn = _Math.pow(equity, periodsPerYear / t) - 1
        self.maxDrawdown = worst
        self.maxDrawdownEndIndex = worstEnd
        self.maxDrawdownPeakIndex = worstPeak
        self.maxDrawdownDuration = longestUnderwater
        self.winRate = Double(wins) / t
        self.zeroReturns = zeros
    }

    /// The PSR/DSR inference on these returns; nil when the Sharpe ratio is undefined (std = 0).
    public var inference: SharpeRatioInference? {
        guard let sr = sharpePerPeriod, let g3 = skewness, let g4 = kurtosis else { return nil }
        return try? SharpeRatioInference(sharpe: sr, observations: periods, skewness: g3, kurtosis: g4)
    }
}
