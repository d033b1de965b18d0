import MLCore
import MLMetrics

/// The acceptance gates of a backtest, read from YAML or JSON:
///
/// ```yaml
/// min_sharpe: 1.2        # annualized Sharpe ratio ≥
/// min_psr: 0.95          # probabilistic Sharpe ratio (vs. benchmark) ≥
/// max_drawdown: 0.20     # a positive fraction of the peak ≤ (0.20 = 20 %)
/// min_dsr: 0.95          # optional: deflated Sharpe ratio ≥ (needs the trials)
/// min_win_rate: 0.5      # optional
/// min_sortino: 1.0       # optional, annualized
/// min_annualized_return: 0.05   # optional, CAGR
/// ```
/// Unknown keys are an error; every key is optional but the file must set one.
public struct BacktestGates: Sendable, Equatable {
    /// Minimum annualized Sharpe ratio.
    public var minSharpe: Double?
    /// Minimum probabilistic Sharpe ratio.
    public var minPSR: Double?
    /// Maximum drawdown, a positive fraction in [0, 1].
    public var maxDrawdown: Double?
    /// Minimum deflated Sharpe ratio (requires ``BacktestTrials``).
    public var minDSR: Double?
    /// Minimum win rate.
    public var minWinRate: Double?
    /// Minimum annualized Sortino ratio.
    public var minSortino: Double?
    /// Minimum annualized return (CAGR).
    public var minAnnualizedReturn: Double?

    /// Creates gates; nil means the gate does not apply.
    public init(
        minSharpe: Double? = nil, minPSR: Double? = nil, maxDrawdown: Double? = nil, minDSR: Double? = nil,
        minWinRate: Double? = nil, minSortino: Double? = nil, minAnnualizedReturn: Double? = nil
    ) {
        self.minSharpe = minSharpe
        self.minPSR = minPSR
        self.maxDrawdown = maxDrawdown
        self.minDSR = minDSR
        self.minWinRate = minWinRate
        self.minSortino = minSortino
        self.minAnnualizedReturn = minAnnualizedReturn
    }

    static let keys = [
        "min_sharpe", "min_psr", "max_drawdown", "min_dsr", "min_win_rate", "min_sortino", "min_annualized_return",
    ]

    /// Reads a gates file (JSON when it starts with `{`, YAML otherwise).
    /// - Throws: ``EvaluationError`` `.unreadableFile`, `.invalidRule` naming the key at fault.
    public static func read(contentsOf path: String) throws -> BacktestGates {
        do {
            return try BacktestGates(document: try _Document.parse(try TextFile.bytes(at: path), path: path, code: .invalidRule))
        } catch let error as EvaluationError {
            throw error.at(path: path)
        }
    }

    /// Parses gates from YAML or JSON text.
    /// - Throws: as ``read(contentsOf:)``.
    public static func parse(_ text: String) throws -> BacktestGates {
        try BacktestGates(document: try _Document.parse(Array(text.utf8), path: nil, code: .invalidRule))
    }

    init(document: _Document) throws {
        guard case .object(let members) = document else {
            throw EvaluationError(.invalidRule, "a backtest gates file is an object such as 'min_sharpe: 1.2'")
        }
        var values: [String: Double] = [:]
        for (key, node) in members {
            guard Self.keys.contains(key) else {
                throw EvaluationError(
                    .invalidRule, "unknown gate '\(key)' (expected one of \(Self.keys.joined(separator: ", ")))", field: key)
            }
            guard let v = node.number, v.isFinite else {
                throw EvaluationError(.invalidRule, "gate '\(key)' must be a number", field: key)
            }
            values[key] = v
        }
        guard !values.isEmpty else { throw EvaluationError(.invalidRule, "the gates file sets no gate") }
        if let dd = values["max_drawdown"], !(0...1).contains(dd) {
            throw EvaluationError(
                .invalidRule,
                "max_drawdown is a positive fraction of the peak in [0, 1] (0.20 for 20 %), got \(dd)",
                field: "max_drawdown")
        }
        self.init(
            minSharpe: values["min_sharpe"], minPSR: values["min_psr"], maxDrawdown: values["max_drawdown"],
            minDSR: values["min_dsr"], minWinRate: values["min_win_rate"], minSortino: values["min_sortino"],
            minAnnualizedReturn: values["min_annualized_return"])
    }

    /// The gates that apply, as (key, comparison, threshold), in a fixed order.
    var active: [(key: String, atMost: Bool, threshold: Double)] {
        var out: [(String, Bool, Double)] = []
        if let v = minSharpe { out.append(("min_sharpe", false, v)) }
        if let v = minPSR { out.append(("min_psr", false, v)) }
        if let v = maxDrawdown { out.append(("max_drawdown", true, v)) }
        if let v = minDSR { out.append(("min_dsr", false, v)) }
        if let v = minWinRate { out.append(("min_win_rate", false, v)) }
        if let v = minSortino { out.append(("min_sortino", false, v)) }
        if let v = minAnnualizedReturn { out.append(("min_annualized_return", false, v)) }
        return out
    }
}
