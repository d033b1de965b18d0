/// The release check of a strategy's backtest, in one call: statistics of the returns, PSR
/// against a benchmark, DSR when the trials are known, and the gates.
///
/// ```swift
/// let validator = BacktestValidator(gates: BacktestGates(minSharpe: 1.2, minPSR: 0.95, maxDrawdown: 0.20))
/// let report = try validator.validate(returns: dailyReturns)
/// if !report.passed { print(report.failures) }   // every failing gate, as a sentence
/// ```
public struct BacktestValidator: Sendable, Equatable {
    /// The gates (none: the report only measures).
    public var gates: BacktestGates?
    /// P, to annualize.
    public var periodsPerYear: Double
    /// SR* for PSR, per period.
    public var benchmarkSharpe: Double
    /// The strategies tried, for DSR.
    public var trials: BacktestTrials?

    /// Creates a validator.
    public init(
        gates: BacktestGates? = nil, periodsPerYear: Double = 252, benchmarkSharpe: Double = 0, trials: BacktestTrials? = nil
    ) {
        self.gates = gates
        self.periodsPerYear = periodsPerYear
        self.benchmarkSharpe = benchmarkSharpe
        self.trials = trials
    }

    /// Measures `returns` (per-period simple returns) and applies the gates.
    /// - Throws: ``EvaluationError`` from ``BacktestStatistics/init(returns:periodsPerYear:)``
    ///   and ``BacktestReport/init(statistics:benchmarkSharpe:trials:gates:)`` (e.g. a `min_dsr`
    ///   gate without trials). A failed gate is not an error: `passed == false`.
    public func validate(returns: [Double]) throws -> BacktestReport {
        try BacktestReport(
            statistics: try BacktestStatistics(returns: returns, periodsPerYear: periodsPerYear), benchmarkSharpe: benchmarkSharpe,
            trials: trials, gates: gates)
    }
}
