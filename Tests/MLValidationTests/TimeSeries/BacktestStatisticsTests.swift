import MLMetrics
import MLCore
import MLTesting
import MLValidation
import Testing

@Suite struct BacktestStatisticsTests {
    static let cases = ["bt_negative_skew", "bt_positive_sharpe"]

    func returns(_ name: String) throws -> [Double] {
        try ReturnSeries.read(contentsOf: fixtures.path("backtest/\(name)/returns.csv"))
    }

    @Test(arguments: cases)
    func matchesTheFixtureFormulas(_ name: String) throws {
        let e = try fixtures.json("backtest/\(name)/expected.json")
        func v(_ key: String) throws -> Double { try FixtureLocator.double(e, key) }
        let s = try BacktestStatistics(returns: try returns(name), periodsPerYear: try v("periods_per_year"))
        let tol = 1e-9
        #expect(s.periods == e["n_periods"] as? Int)
        #expect(abs(s.mean - (try v("mean"))) < tol)
        #expect(abs(s.standardDeviation - (try v("std_ddof1"))) < tol)
        #expect(abs(try #require(s.sharpePerPeriod) - (try v("sharpe_per_period"))) < tol)
        #expect(abs(try #require(s.sharpeAnnualized) - (try v("sharpe_annualized"))) < tol)
        #expect(abs(try #require(s.skewness) - (try v("skewness"))) < tol)
        #expect(abs(try #require(s.kurtosis) - (try v("kurtosis_pearson"))) < tol)
        #expect(abs(s.maxDrawdown - (try v("max_drawdown"))) < tol)
        #expect(s.maxDrawdownEndIndex == e["max_drawdown_end_index"] as? Int)
        #expect(abs(s.winRate - (try v("win_rate"))) < tol)
        #expect(s.zeroReturns == e["n_zero_returns"] as? Int)
        #expect(abs(s.totalReturn - (try v("total_return"))) < tol)
        #expect(abs(s.annualizedVolatility - (try v("annualized_volatility"))) < tol)
        #expect(abs(s.annualizedReturn - (try v("cagr"))) < tol)

        let inference = try #require(s.inference)
        #expect(abs(inference.z(benchmark: try v("psr_benchmark")) - (try v("psr_z"))) < tol)
        #expect(abs(inference.probabilisticSharpe() - (try v("psr"))) < tol)
        let trials = try BacktestTrials(
            sharpeRatios: try FixtureLocator.doubles(e, "dsr_trial_sharpes"), source: "fixture")
        #expect(trials.count == e["dsr_n_trials"] as? Int)
        #expect(abs(trials.sharpeVariance - (try v("dsr_trial_sharpe_variance"))) < 1e-15)
        let d = inference.deflatedSharpe(trials)
        #expect(abs(d.sr0 - (try v("dsr_sr0_per_period"))) < tol)
        #expect(abs(d.z - (try v("dsr_z"))) < tol)
        #expect(abs(d.dsr - (try v("dsr"))) < tol)
        let report = try BacktestReport(statistics: s, trials: trials)
        #expect(abs(try #require(report.dsr) - (try v("dsr"))) < tol)
    }

    /// Bailey & López de Prado (2014), the numerical example: annual SR 2.5 over 1250 daily returns,
    /// skew −3, kurtosis 10, 100 trials with annual Sharpe variance 0.5 → SR₀ = 0.1132, DSR = 0.9004.
    @Test func deflatedSharpePaperExample() throws {
        let inference = try SharpeRatioInference(sharpe: 2.5 / 250.0.squareRoot(), observations: 1250, skewness: -3, kurtosis: 10)
        let trials = try BacktestTrials(count: 100, sharpeVariance: 0.5, annualized: true, periodsPerYear: 250)
        let d = inference.deflatedSharpe(trials)
        #expect(abs(d.sr0 - 0.1132) < 5e-5)
        #expect(abs(d.dsr - 0.9004) < 5e-5)
        // Normal returns (γ₃ = 0, γ₄ = 3): PSR(0) = Φ(SR·√(T−1)/√(1 + SR²/2)).
        let normal = try SharpeRatioInference(sharpe: 0.1, observations: 101, skewness: 0, kurtosis: 3)
        #expect(abs(normal.z(benchmark: 0) - 0.1 * 10 / (1.005).squareRoot()) < 1e-12)
        // MinTRL: 1 + (1 + SR²/2)·(z₀.₉₅/SR)²; PSR at that length is 0.95.
        let mintrl = try #require(normal.minimumTrackRecordLength())
        let z95 = 1.6448536269514722
        #expect(abs(mintrl - (1 + 1.005 * (z95 / 0.1) * (z95 / 0.1))) < 1e-9)
        #expect(normal.minimumTrackRecordLength(benchmark: 0.2) == nil)
    }

    @Test func drawdownWinRateAndSortinoByHand() throws {
        // Equity: 1.1, 0.99, 1.089, 1.2, 0.96, 0.96.
        let r = [0.1, -0.1, 0.1, 0.2 / 1.089 * 1.0, -0.2, 0.0]
        let s = try BacktestStatistics(returns: r, periodsPerYear: 12)
        #expect(abs(s.maxDrawdown - 0.2) < 1e-12)
        #expect(s.maxDrawdownEndIndex == 4)
        #expect(s.maxDrawdownPeakIndex == 3)
        #expect(s.maxDrawdownDuration == 2)
        #expect(abs(s.winRate - 3.0 / 6.0) < 1e-15)
        #expect(s.zeroReturns == 1)
        let mean = r.reduce(0, +) / 6
        let downside = ((0.01 + 0.04) / 6).squareRoot()
        #expect(abs(try #require(s.sortino) - mean * 12 / (downside * 12.0.squareRoot())) < 1e-12)
        // The starting equity counts as a peak: a first loss is a drawdown from 1.
        let first = try BacktestStatistics(returns: [-0.5, 0.5], periodsPerYear: 252)
        #expect(abs(first.maxDrawdown - 0.5) < 1e-15)
        #expect(first.maxDrawdownPeakIndex == nil)
        #expect(first.maxDrawdownDuration == 2)
    }

    @Test func undefinedRatiosAreNilAndBadInputIsTyped() throws {
        let flat = try BacktestStatistics(returns: [0.01, 0.01, 0.01])
        #expect(flat.sharpePerPeriod == nil && flat.inference == nil && flat.sortino == nil)
        #expect(flat.maxDrawdown == 0 && flat.maxDrawdownEndIndex == nil)
        for bad in [[0.1], [0.1, .nan], [0.1, -1.5], [0.1, .infinity]] {
            #expect(throws: EvaluationError.self) { try BacktestStatistics(returns: bad) }
        }
        #expect(throws: EvaluationError.self) { try BacktestStatistics(returns: [0.1, 0.2], periodsPerYear: 0) }
        #expect(throws: EvaluationError.self) { try SharpeRatioInference(sharpe: 0.1, observations: 100, skewness: 2, kurtosis: 3) }
        #expect(throws: EvaluationError.self) { try SharpeRatioInference(sharpe: .nan, observations: 100, skewness: 0, kurtosis: 3) }
        #expect(throws: EvaluationError.self) { try SharpeRatioInference(sharpe: 0.1, observations: 1, skewness: 0, kurtosis: 3) }
        #expect(throws: EvaluationError.self) { try BacktestTrials(count: 1, sharpeVariance: 0.1) }
        #expect(throws: EvaluationError.self) { try BacktestTrials(count: 10, sharpeVariance: -0.1) }
        #expect(throws: EvaluationError.self) { try BacktestTrials(sharpeRatios: [0.5], source: "x") }
        // A total loss is allowed: equity 0, drawdown 1, CAGR −1.
        let wiped = try BacktestStatistics(returns: [0.1, -1, 0])
        #expect(wiped.maxDrawdown == 1 && wiped.annualizedReturn == -1)
    }

    @Test func gatesListEveryFailingReason() throws {
        let s = try BacktestStatistics(returns: try returns("bt_negative_skew"))
        let gates = try BacktestGates.parse("min_sharpe: 1.2\nmin_psr: 0.95\nmax_drawdown: 0.20\nmin_win_rate: 0.5\n")
        #expect(gates == BacktestGates(minSharpe: 1.2, minPSR: 0.95, maxDrawdown: 0.2, minWinRate: 0.5))
        let report = try BacktestReport(statistics: s, gates: gates)
        #expect(!report.passed)
        #expect(report.gates.map(\.passed) == [false, false, true, true])
        #expect(report.failures.count == 2)
        #expect(report.failures[0].contains("sharpe_annualized") && report.failures[0].contains("min_sharpe 1.2"))
        #expect(report.failures[1].contains("psr"))
        let lenient = try BacktestReport(statistics: s, gates: try BacktestGates.parse(#"{"min_sharpe": 0.5, "max_drawdown": 0.2}"#))
        #expect(lenient.passed)
        // The validator is the same computation in one call.
        let validator = BacktestValidator(gates: gates)
        #expect(try validator.validate(returns: try returns("bt_negative_skew")) == report)
        // Without gates nothing applies.
        #expect(try BacktestReport(statistics: s).passed)
        // min_dsr without trials is an error, not a silent pass or fail.
        #expect(throws: EvaluationError.self) { try BacktestReport(statistics: s, gates: BacktestGates(minDSR: 0.95)) }
        let trials = try BacktestTrials(count: 50, sharpeVariance: 0.0027169783039580325)
        let deflated = try BacktestReport(statistics: s, trials: trials, gates: BacktestGates(minDSR: 0.95))
        #expect(!deflated.passed && deflated.failures[0].contains("dsr"))
        // Summary statistics have no drawdown: a drawdown gate fails, naming why.
        let summary = try BacktestReport(
            inference: try #require(s.inference), periodsPerYear: 252, gates: BacktestGates(maxDrawdown: 0.5))
        #expect(!summary.passed && summary.failures[0].contains("undefined"))
    }

    @Test(arguments: ["max_drawdown: -0.20\n", "min_sharpe: high\n", "min_sharp: 1\n", "- min_sharpe 1\n", "{}", "min_psr: .nan\n"])
    func refusesBadGateFiles(_ text: String) {
        #expect(throws: EvaluationError.self) { try BacktestGates.parse(text) }
    }

    @Test func readsTheReturnsColumn() throws {
        let dir = ScratchDirectory()
        #expect(try ReturnSeries.read(contentsOf: dir.write("a.csv", "date,ret\n1,0.1\n2,-0.2\n")) == [0.1, -0.2])
        #expect(try ReturnSeries.read(contentsOf: dir.write("b.csv", "pnl\n0.5\n0.25\n")) == [0.5, 0.25])
        #expect(try ReturnSeries.read(contentsOf: dir.write("c.csv", "a,b\n1,2\n"), column: "b") == [2])
        #expect(throws: EvaluationError.self) { try ReturnSeries.read(contentsOf: dir.write("d.csv", "a,b\n1,2\n")) }
        #expect(throws: EvaluationError.self) { try ReturnSeries.read(contentsOf: dir.write("e.csv", "ret\n0.1\n\n0.2\nx\n")) }
        do {
            _ = try ReturnSeries.read(contentsOf: dir.write("f.csv", "ret\n0.1\nNaN\n"))
            Issue.record("expected an error")
        } catch let error as EvaluationError {
            #expect(error.line == 3)
        }
    }
}
