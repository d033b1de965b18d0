import MLMetrics

/// What `mlctl backtest` reports: the statistics of a return series (or only the Sharpe
/// inference, from summary statistics), PSR against a benchmark, DSR when the trials are
/// known, and the gates' outcome. Encodes with the key names of the `backtest` fixtures
/// (`sharpe_annualized`, `psr`, `dsr`, `max_drawdown`, `win_rate`, …); absent values are
/// left out.
public struct BacktestReport: Sendable, Equatable, Encodable {
    /// One gate's outcome.
    public struct GateOutcome: Sendable, Equatable, Encodable {
        /// The gate's key (`min_sharpe`).
        public let gate: String
        /// The value it was checked against (nil when it could not be computed).
        public let value: Double?
        /// The threshold.
        public let threshold: Double
        /// Whether it passed.
        public let passed: Bool
    }

    /// The statistics of the return series, when one was given.
    public let statistics: BacktestStatistics?
    /// The per-period Sharpe ratio.
    public let sharpePerPeriod: Double?
    /// T.
    public let observations: Int
    /// P.
    public let periodsPerYear: Double
    /// γ₃ and raw γ₄ used by PSR/DSR.
    public let skewness: Double?
    /// Raw (Pearson) kurtosis.
    public let kurtosis: Double?
    /// The PSR benchmark SR*, per period.
    public let psrBenchmark: Double
    /// PSR's z statistic and value.
    public let psrZ: Double?
    /// PSR(SR*).
    public let psr: Double?
    /// Observations needed for PSR(SR*) ≥ 0.95; nil when SR ≤ SR*.
    public let minimumTrackRecordLength: Double?
    /// The trials behind DSR.
    public let trials: BacktestTrials?
    /// SR₀, per period.
    public let sr0: Double?
    /// DSR's z statistic.
    public let dsrZ: Double?
    /// DSR.
    public let dsr: Double?
    /// Each gate's outcome (empty without gates).
    public let gates: [GateOutcome]

    /// Whether every gate passed (true without gates).
    public var passed: Bool { gates.allSatisfy(\.passed) }

    /// Every failing gate, as a sentence (`"sharpe_annualized 0.83 < min_sharpe 1.2"`).
    public var failures: [String] {
        gates.filter { !$0.passed }.map { g in
            let name = Self.metricName(g.gate)
            guard let v = g.value else { return "\(name) is undefined for this series (\(g.gate) \(_Format.general(g.threshold)))" }
            let op = g.gate.hasPrefix("max_") ? ">" : "<"
            return "\(name) \(_Format.general(v)) \(op) \(g.gate) \(_Format.general(g.threshold))"
        }
    }

    /// The report of a return series.
    /// - Parameters:
    ///   - benchmarkSharpe: SR* for PSR, **per period** (default 0).
    ///   - trials: the strategies tried, for DSR (nil: no DSR).
    ///   - gates: the gates to apply (nil: none).
    /// - Throws: ``EvaluationError`` `.invalidArgument` when a `min_dsr` gate is set without
    ///   trials.
    public init(
        statistics: BacktestStatistics, benchmarkSharpe: Double = 0, trials: BacktestTrials? = nil, gates: BacktestGates? = nil
    ) throws {
        try self.init(
            statistics: statistics, inference: statistics.inference, observations: statistics.periods,
            periodsPerYear: statistics.periodsPerYear, benchmarkSharpe: benchmarkSharpe, trials: trials, gates: gates)
    }

    /// The report from summary statistics only (no drawdown, win rate or returns).
    /// - Throws: as ``init(statistics:benchmarkSharpe:trials:gates:)``.
    public init(
        inference: SharpeRatioInference, periodsPerYear: Double, benchmarkSharpe: Double = 0, trials: BacktestTrials? = nil,
        gates: BacktestGates? = nil
    ) throws {
        try self.init(
            statistics: nil, inference: inference, observations: inference.observations, periodsPerYear: periodsPerYear,
            benchmarkSharpe: benchmarkSharpe, trials: trials, gates: gates)
    }

    private init(
        statistics: BacktestStatistics?, inference: SharpeRatioInference?, observations: Int, periodsPerYear: Double,
        benchmarkSharpe: Double, trials: BacktestTrials?, gates: BacktestGates?
    ) throws {
        guard benchmarkSharpe.isFinite else {
            throw EvaluationError(.invalidArgument, "the benchmark Sharpe ratio must be finite", field: "benchmark_sharpe")
        }
        if gates?.minDSR != nil && trials == nil {
            throw EvaluationError(
                .invalidArgument,
                "the min_dsr gate needs the trial count and the variance of the trials' Sharpe ratios (--trials and --trials-sharpe-variance, or --registry and --experiment)",
                field: "min_dsr")
        }
        self.statistics = statistics
        self.sharpePerPeriod = inference?.sharpe
        self.observations = observations
        self.periodsPerYear = periodsPerYear
        self.skewness = inference?.skewness
        self.kurtosis = inference?.kurtosis
        self.psrBenchmark = benchmarkSharpe
        self.psrZ = inference?.z(benchmark: benchmarkSharpe)
        self.psr = inference?.probabilisticSharpe(benchmark: benchmarkSharpe)
        self.minimumTrackRecordLength = inference?.minimumTrackRecordLength(benchmark: benchmarkSharpe)
        self.trials = trials
        if let inference, let trials {
            let d = inference.deflatedSharpe(trials)
            (self.dsr, self.sr0, self.dsrZ) = (d.dsr, d.sr0, d.z)
        } else {
            (self.dsr, self.sr0, self.dsrZ) = (nil, nil, nil)
        }
        let sharpeAnnualized = inference.map { $0.sharpe * periodsPerYear.squareRoot() }
        let values: [String: Double?] = [
            "min_sharpe": sharpeAnnualized, "min_psr": psr, "max_drawdown": statistics?.maxDrawdown, "min_dsr": dsr,
            "min_win_rate": statistics?.winRate, "min_sortino": statistics?.sortino,
            "min_annualized_return": statistics?.annualizedReturn,
        ]
        self.gates = (gates?.active ?? []).map { gate in
            let value = values[gate.key] ?? nil
            let passed = value.map { gate.atMost ? $0 <= gate.threshold : $0 >= gate.threshold } ?? false
            return GateOutcome(gate: gate.key, value: value, threshold: gate.threshold, passed: passed)
        }
    }

    static func metricName(_ gate: String) -> String {
        switch gate {
        case "min_sharpe": "sharpe_annualized"
        case "min_psr": "psr"
        case "max_drawdown": "max_drawdown"
        case "min_dsr": "dsr"
        case "min_win_rate": "win_rate"
        case "min_sortino": "sortino"
        default: "cagr"
        }
    }

    /// The flat list of named values, in report order (what the JSON and the text show).
    public var values: [(key: String, value: Double)] {
        var out: [(String, Double?)] = [("n_periods", Double(observations)), ("periods_per_year", periodsPerYear)]
        if let s = statistics {
            out += [("mean", s.mean), ("std_ddof1", s.standardDeviation)]
        }
        out += [
            ("sharpe_per_period", sharpePerPeriod), ("sharpe_annualized", sharpePerPeriod.map { $0 * periodsPerYear.squareRoot() }),
        ]
        if let s = statistics { out.append(("sortino", s.sortino)) }
        out += [("skewness", skewness), ("kurtosis_pearson", kurtosis), ("kurtosis_excess", kurtosis.map { $0 - 3 })]
        if let s = statistics {
            out += [
                ("annualized_volatility", s.annualizedVolatility), ("total_return", s.totalReturn), ("cagr", s.annualizedReturn),
                ("max_drawdown", s.maxDrawdown), ("max_drawdown_end_index", s.maxDrawdownEndIndex.map(Double.init)),
                ("max_drawdown_peak_index", s.maxDrawdownPeakIndex.map(Double.init)),
                ("max_drawdown_duration", Double(s.maxDrawdownDuration)), ("win_rate", s.winRate),
                ("n_zero_returns", Double(s.zeroReturns)),
            ]
        }
        out += [
            ("psr_benchmark", psrBenchmark), ("psr_z", psrZ), ("psr", psr), ("min_track_record_length", minimumTrackRecordLength),
            ("dsr_n_trials", trials.map { Double($0.count) }), ("dsr_trial_sharpe_variance", trials?.sharpeVariance),
            ("dsr_sr0_per_period", sr0), ("dsr_z", dsrZ), ("dsr", dsr),
        ]
        return out.compactMap { k, v in v.flatMap { $0.isFinite ? (k, $0) : nil } }
    }

    static let integerKeys: Set<String> = [
        "n_periods", "max_drawdown_end_index", "max_drawdown_peak_index", "max_drawdown_duration", "n_zero_returns",
        "dsr_n_trials",
    ]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// One flat JSON object: the values, `trials_source`, and with gates `passed`, `failures`
    /// and `gates`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in values {
            if Self.integerKeys.contains(k) { try c.encode(Int(v), forKey: Key(k)) } else { try c.encode(v, forKey: Key(k)) }
        }
        if let trials { try c.encode(trials.source, forKey: Key("trials_source")) }
        if !gates.isEmpty {
            try c.encode(passed, forKey: Key("passed"))
            try c.encode(failures, forKey: Key("failures"))
            try c.encode(gates, forKey: Key("gates"))
        }
    }
}

extension BacktestReport {
    /// The human-readable form: one `name  value` line each, then the gates.
    public var text: String {
        var lines = values.map { k, v in
            k.padding(toLength: 26, withPad: " ", startingAt: 0)
                + (Self.integerKeys.contains(k) ? String(Int(v)) : _Format.general(v, 6))
        }
        if let trials { lines.append("trials_source".padding(toLength: 26, withPad: " ", startingAt: 0) + trials.source) }
        if !gates.isEmpty {
            lines.append("")
            for g in gates {
                let shown = g.value.map { _Format.general($0, 4) } ?? "undefined"
                lines.append("\(g.passed ? "PASS" : "FAIL")  \(g.gate) \(_Format.general(g.threshold, 4)): \(Self.metricName(g.gate)) = \(shown)")
            }
            lines.append(passed ? "backtest gates passed" : "backtest gates FAILED: " + failures.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }
}
