import MLMetrics

/// The strategies tried before the one under test, as the Deflated Sharpe Ratio needs them:
/// how many, and the variance of their **per-period** Sharpe ratios.
public struct BacktestTrials: Sendable, Equatable {
    /// N, the number of strategies tried (≥ 2).
    public let count: Int
    /// V, the variance of their per-period Sharpe ratios.
    public let sharpeVariance: Double
    /// Where the figures came from, for reports (`"options"`, `"registry experiment 'momentum'"`).
    public let source: String

    /// Trials given directly. With `annualized`, `sharpeVariance` is a variance of annualized
    /// Sharpe ratios and is divided by `periodsPerYear`.
    /// - Throws: ``EvaluationError`` `.invalidArgument` for fewer than 2 trials or a negative,
    ///   non-finite variance.
    public init(count: Int, sharpeVariance: Double, annualized: Bool = false, periodsPerYear: Double = 252, source: String = "options") throws {
        guard count >= 2 else {
            throw EvaluationError(.invalidArgument, "the deflated Sharpe ratio needs at least 2 trials (got \(count))", field: "trials")
        }
        guard sharpeVariance.isFinite, sharpeVariance >= 0 else {
            throw EvaluationError(
                .invalidArgument, "the variance of the trials' Sharpe ratios must be finite and ≥ 0 (got \(sharpeVariance))",
                field: "trials_sharpe_variance")
        }
        guard !annualized || (periodsPerYear.isFinite && periodsPerYear > 0) else {
            throw EvaluationError(.invalidArgument, "periods per year must be positive (got \(periodsPerYear))", field: "periods_per_year")
        }
        self.count = count
        self.sharpeVariance = annualized ? sharpeVariance / periodsPerYear : sharpeVariance
        self.source = source
    }

    /// Trials from the Sharpe ratios the trials reached: V is their sample variance (ddof = 1).
    /// - Parameters:
    ///   - sharpeRatios: one per trial that reported one (≥ 2).
    ///   - count: N, when more trials ran than reported a Sharpe ratio (default: the ratios' count).
    ///   - annualized: the ratios are annualized (converted with `periodsPerYear`).
    /// - Throws: as ``init(count:sharpeVariance:annualized:periodsPerYear:source:)``, and
    ///   `.invalidArgument` for fewer than 2 ratios or a non-finite one.
    public init(
        sharpeRatios: [Double], count: Int? = nil, annualized: Bool = false, periodsPerYear: Double = 252, source: String
    ) throws {
        guard sharpeRatios.count >= 2 else {
            throw EvaluationError(
                .invalidArgument, "the variance of the trials' Sharpe ratios needs at least 2 of them (got \(sharpeRatios.count))",
                field: "trials")
        }
        guard sharpeRatios.allSatisfy(\.isFinite) else {
            throw EvaluationError(.invalidArgument, "a trial's Sharpe ratio is not finite", field: "trials")
        }
        let mean = sharpeRatios.reduce(0, +) / Double(sharpeRatios.count)
        let variance = sharpeRatios.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sharpeRatios.count - 1)
        try self.init(
            count: max(count ?? sharpeRatios.count, sharpeRatios.count), sharpeVariance: variance, annualized: annualized,
            periodsPerYear: periodsPerYear, source: source)
    }
}
