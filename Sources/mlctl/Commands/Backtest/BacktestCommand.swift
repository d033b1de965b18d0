import ArgumentParser
import MLRegistry
import MLValidation

/// `mlctl backtest --returns r.csv | --sharpe S --observations T --skew G3 --kurtosis G4 …`.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest statistics (Sharpe, Sortino, drawdown, win rate, PSR, DSR) and gates.",
        discussion: """
            From a return series (--returns, per-period simple returns) or from summary statistics \
            (--sharpe, --observations, --skew, --kurtosis: raw/Pearson kurtosis, 3 for a normal). PSR and DSR \
            use the per-period Sharpe ratio. DSR needs the trials: --trials and --trials-sharpe-variance, or \
            --registry and --experiment (the runs' last 'sharpe' metric, read as annualized). Sharpe figures \
            given here (--sharpe, --trials-sharpe-variance, --benchmark-sharpe) are per period unless \
            --annualized. Gates (--rules): min_sharpe (annualized), min_psr, max_drawdown (a positive \
            fraction), min_dsr, min_win_rate, min_sortino, min_annualized_return. Exit 0 passed or no gates, \
            1 a gate failed, 2 bad input.
            """
    )

    @Option(help: "CSV of per-period returns (header required).")
    var returns: String?

    @Option(help: "The returns column (default: the only column, else ret/return/returns/strategy_return).")
    var column: String?

    @Option(name: .customLong("periods-per-year"), help: "Periods per year, to annualize (252 daily, 52 weekly, 12 monthly).")
    var periodsPerYear: Double = 252

    @Option(parsing: .unconditional, help: "Summary statistics: the Sharpe ratio (per period, or annual with --annualized).")
    var sharpe: Double?

    @Option(help: "Summary statistics: the number of returns T.")
    var observations: Int?

    @Option(parsing: .unconditional, help: "Summary statistics: the skewness of the returns.")
    var skew: Double?

    @Option(help: "Summary statistics: the raw (Pearson) kurtosis of the returns (3 for a normal).")
    var kurtosis: Double?

    @Flag(help: "--sharpe, --trials-sharpe-variance and --benchmark-sharpe are annual figures.")
    var annualized = false

    @Option(name: .customLong("benchmark-sharpe"), parsing: .unconditional, help: "The PSR benchmark Sharpe ratio (default 0).")
    var benchmarkSharpe: Double = 0

    @Option(help: "DSR: the number of strategies tried.")
    var trials: Int?

    @Option(name: .customLong("trials-sharpe-variance"), help: "DSR: the variance of the trials' Sharpe ratios.")
    var trialsSharpeVariance: Double?

    @Option(help: "DSR: a registry database whose experiment holds the trials (with --experiment).")
    var registry: String?

    @Option(help: "DSR: the experiment whose runs are the trials (each run's 'sharpe' metric, annualized).")
    var experiment: String?

    @Option(help: "Gates (YAML or JSON): min_sharpe, min_psr, max_drawdown, min_dsr, …")
    var rules: String?

    @OptionGroup var jsonOutput: JSONOutput

    func validate() throws {
        let summary = [sharpe != nil, observations != nil, skew != nil, kurtosis != nil]
        if returns == nil && !summary.allSatisfy({ $0 }) {
            throw ValidationError("give --returns, or all of --sharpe, --observations, --skew and --kurtosis")
        }
        if returns != nil && summary.contains(true) {
            throw ValidationError("--returns and summary statistics (--sharpe, --observations, --skew, --kurtosis) exclude each other")
        }
        if (trials == nil) != (trialsSharpeVariance == nil) {
            throw ValidationError("--trials and --trials-sharpe-variance go together")
        }
        if (registry == nil) != (experiment == nil) { throw ValidationError("--registry and --experiment go together") }
        if registry != nil && trials != nil { throw ValidationError("take the trials from --trials or from --registry, not both") }
    }

    func run() throws {
        let scale = annualized ? periodsPerYear.squareRoot() : 1
        guard periodsPerYear.isFinite, periodsPerYear > 0 else {
            throw ValidationError("--periods-per-year must be positive")
        }
        let gates = try rules.map { try BacktestGates.read(contentsOf: $0) }
        let trialSet = try backtestTrials()
        let report: BacktestReport
        if let returns {
            let validator = BacktestValidator(
                gates: gates, periodsPerYear: periodsPerYear, benchmarkSharpe: benchmarkSharpe / scale, trials: trialSet)
            report = try validator.validate(returns: try ReturnSeries.read(contentsOf: returns, column: column))
        } else if let sharpe, let observations, let skew, let kurtosis {
            report = try BacktestReport(
                inference: try SharpeRatioInference(sharpe: sharpe / scale, observations: observations, skewness: skew, kurtosis: kurtosis),
                periodsPerYear: periodsPerYear, benchmarkSharpe: benchmarkSharpe / scale, trials: trialSet, gates: gates)
        } else {
            throw ValidationError("give --returns, or all of --sharpe, --observations, --skew and --kurtosis")
        }
        try jsonOutput.emit(report) { print(report.text) }
        if !report.passed { throw CheckFailed(summary: report.failures.joined(separator: "; ")) }
    }

    /// The trials for DSR: from the options, or from the registry experiment's runs.
    private func backtestTrials() throws -> BacktestTrials? {
        if let trials, let trialsSharpeVariance {
            return try BacktestTrials(
                count: trials, sharpeVariance: trialsSharpeVariance, annualized: annualized, periodsPerYear: periodsPerYear)
        }
        guard let registry, let experiment else { return nil }
        let found = try ModelRegistry(path: registry).metricValues(experiment: experiment, metric: "sharpe")
        return try BacktestTrials(
            sharpeRatios: found.values, count: found.runCount, annualized: true, periodsPerYear: periodsPerYear,
            source: "registry experiment '\(experiment)' (\(found.runCount) runs, \(found.values.count) with a sharpe metric)")
    }
}
