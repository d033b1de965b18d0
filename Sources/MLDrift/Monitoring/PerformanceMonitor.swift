import MLMetrics

/// Which observations a ``PerformanceMonitor`` keeps.
public enum PerformanceWindow: Sendable, Equatable, Codable {
    /// The last `n` observations (n ≥ 1).
    case count(Int)
    /// The observations with time > latest time − `seconds` (seconds > 0).
    case duration(seconds: Double)
}

/// What the predictions are, and so which metrics are computed.
public enum MonitoredTask: Sendable, Equatable, Codable {
    /// Binary classifier: prediction = probability of class 1 in [0, 1], outcome = 0 or 1.
    /// Metrics: ROC-AUC, precision and recall at `threshold` (score ≥ threshold is positive), Brier.
    case classification(threshold: Double)
    /// Return prediction: prediction = predicted return or signal, outcome = realised return.
    /// The strategy return is sign(prediction) × outcome. Metrics: annualised Sharpe of the
    /// strategy returns (mean / sample std × √periodsPerYear), maximum drawdown of the compounded
    /// strategy equity (starting equity 1 counts as a peak), win rate (strategy return > 0),
    /// direction accuracy (sign(prediction) = sign(outcome)) and Pearson correlation.
    case returns(periodsPerYear: Double)
}

/// Limits below (or above) which performance counts as degraded; `nil` means not checked.
public struct PerformanceLimits: Sendable, Equatable, Codable {
    /// Minimum ROC-AUC.
    public var minimumAUC: Double?
    /// Minimum precision at the threshold.
    public var minimumPrecision: Double?
    /// Minimum recall at the threshold.
    public var minimumRecall: Double?
    /// Maximum Brier score.
    public var maximumBrier: Double?
    /// Minimum annualised Sharpe ratio.
    public var minimumSharpe: Double?
    /// Maximum drawdown, as a positive fraction (0.2 = 20 %).
    public var maximumDrawdown: Double?
    /// Minimum win rate.
    public var minimumWinRate: Double?
    /// Minimum direction accuracy.
    public var minimumDirectionAccuracy: Double?
    /// Minimum Pearson correlation of prediction and outcome.
    public var minimumCorrelation: Double?
    /// Fewer observations than this in the window: metrics are reported, degradation is not judged.
    public var minimumSamples: Int

    /// Limits; every metric unchecked unless given, 30 samples before judging.
    public init(
        minimumAUC: Double? = nil, minimumPrecision: Double? = nil, minimumRecall: Double? = nil, maximumBrier: Double? = nil,
        minimumSharpe: Double? = nil, maximumDrawdown: Double? = nil, minimumWinRate: Double? = nil,
        minimumDirectionAccuracy: Double? = nil, minimumCorrelation: Double? = nil, minimumSamples: Int = 30
    ) {
        self.minimumAUC = minimumAUC
        self.minimumPrecision = minimumPrecision
        self.minimumRecall = minimumRecall
        self.maximumBrier = maximumBrier
        self.minimumSharpe = minimumSharpe
        self.maximumDrawdown = maximumDrawdown
        self.minimumWinRate = minimumWinRate
        self.minimumDirectionAccuracy = minimumDirectionAccuracy
        self.minimumCorrelation = minimumCorrelation
        self.minimumSamples = minimumSamples
    }
}

/// The metrics of the current window and whether they breach the limits.
public struct PerformanceSnapshot: Sendable, Equatable, Codable {
    /// Observations in the window.
    public let count: Int
    /// ROC-AUC (classification; `nil` while only one class is in the window).
    public let auc: Double?
    /// Precision at the threshold (classification).
    public let precision: Double?
    /// Recall at the threshold (classification).
    public let recall: Double?
    /// Brier score (classification).
    public let brier: Double?
    /// Annualised Sharpe ratio of the strategy returns (returns; `nil` with < 2 values or zero spread).
    public let sharpe: Double?
    /// Maximum drawdown of the compounded strategy equity, a positive fraction (returns).
    public let maximumDrawdown: Double?
    /// Share of strategy returns > 0 (returns).
    public let winRate: Double?
    /// Share of sign(prediction) = sign(outcome) (returns).
    public let directionAccuracy: Double?
    /// Pearson correlation of prediction and outcome (returns; `nil` with zero spread).
    public let correlation: Double?
    /// True when the window has at least `minimumSamples` observations and a metric breaches its limit.
    public let degraded: Bool
    /// Every breached limit, e.g. `"auc 0.61 < minimum 0.7"`; or why degradation was not judged.
    public let reasons: [String]
}

/// A rolling window of predictions with their outcomes, and the performance metrics on it.
///
/// ```swift
/// var monitor = try PerformanceMonitor(task: .classification(threshold: 0.5), window: .count(5_000),
///                                      limits: PerformanceLimits(minimumAUC: 0.75))
/// try monitor.record(prediction: 0.83, outcome: 1, time: now)
/// let s = try monitor.snapshot()     // s.degraded, s.reasons
/// ```
///
/// A value type: give each task its own, or keep one behind a `Mutex` or an actor when several
/// tasks record into it. Recording is O(1) amortised; a snapshot is O(n log n) for AUC.
public struct PerformanceMonitor: Sendable {
    /// What is predicted.
    public let task: MonitoredTask
    /// Which observations are kept.
    public let window: PerformanceWindow
    /// The degradation limits.
    public var limits: PerformanceLimits

    private var predictions: [Double] = []
    private var outcomes: [Double] = []
    private var times: [Double] = []
    private var head = 0

    /// A monitor with an empty window.
    /// - Throws: ``DriftError`` `.invalidArgument` for a count < 1, a duration ≤ 0, a threshold
    ///   outside [0, 1] or periods per year ≤ 0.
    public init(task: MonitoredTask, window: PerformanceWindow, limits: PerformanceLimits = PerformanceLimits()) throws {
        switch window {
        case .count(let n) where n < 1: throw DriftError(.invalidArgument, "window count must be ≥ 1, got \(n)")
        case .duration(let s) where !(s > 0 && s.isFinite): throw DriftError(.invalidArgument, "window duration must be > 0 seconds, got \(s)")
        default: break
        }
        switch task {
        case .classification(let t) where !(t >= 0 && t <= 1): throw DriftError(.invalidArgument, "threshold must be in [0, 1], got \(t)")
        case .returns(let p) where !(p > 0 && p.isFinite): throw DriftError(.invalidArgument, "periods per year must be > 0, got \(p)")
        default: break
        }
        self.task = task
        self.window = window
        self.limits = limits
    }

    /// Observations currently in the window.
    public var count: Int { predictions.count - head }

    /// Adds one observation. `time` (any monotone clock in seconds, e.g. Unix time) orders the
    /// time window; observations must come in non-decreasing time.
    /// - Throws: ``DriftError`` `.invalidArgument` for a non-finite value, an outcome that is not 0/1
    ///   or a probability outside [0, 1] (classification), or a time earlier than the last one.
    public mutating func record(prediction: Double, outcome: Double, time: Double = 0) throws {
        guard prediction.isFinite, outcome.isFinite, time.isFinite else {
            throw DriftError(.invalidArgument, "prediction, outcome and time must be finite (got \(prediction), \(outcome), \(time))")
        }
        if case .classification = task {
            guard prediction >= 0, prediction <= 1 else { throw DriftError(.invalidArgument, "probability \(prediction) is outside [0, 1]") }
            guard outcome == 0 || outcome == 1 else { throw DriftError(.invalidArgument, "outcome \(outcome) is not 0 or 1") }
        }
        if let last = times.last, count > 0, time < last {
            throw DriftError(.invalidArgument, "time \(time) is earlier than the previous observation's \(last)")
        }
        predictions.append(prediction)
        outcomes.append(outcome)
        times.append(time)
        evict(latest: time)
    }

    private mutating func evict(latest: Double) {
        switch window {
        case .count(let n):
            if count > n { head += count - n }
        case .duration(let seconds):
            while head < times.count && times[head] <= latest - seconds { head += 1 }
        }
        // Compact when the dead prefix dominates (amortised O(1)).
        if head > 1024 && head * 2 > predictions.count {
            predictions.removeFirst(head)
            outcomes.removeFirst(head)
            times.removeFirst(head)
            head = 0
        }
    }

    /// The metrics of the current window and the degradation verdict.
    public func snapshot() -> PerformanceSnapshot {
        let p = Array(predictions[head...]), y = Array(outcomes[head...])
        var reasons: [String] = []
        func below(_ name: String, _ value: Double?, _ limit: Double?) {
            if let value, let limit, value < limit { reasons.append("\(name) \(_Format.short(value)) < minimum \(_Format.short(limit))") }
        }
        func above(_ name: String, _ value: Double?, _ limit: Double?) {
            if let value, let limit, value > limit { reasons.append("\(name) \(_Format.short(value)) > maximum \(_Format.short(limit))") }
        }
        var auc: Double?, precision: Double?, recall: Double?, brier: Double?
        var sharpe: Double?, drawdown: Double?, winRate: Double?, direction: Double?, correlation: Double?
        switch task {
        case .classification(let threshold):
            let labels = y.map { Int($0) }
            if !p.isEmpty {
                auc = try? BinaryMetrics.rocAUC(scores: p, labels: labels)
                if let cm = try? BinaryMetrics.confusionMatrix(scores: p, labels: labels, threshold: threshold) {
                    precision = cm.truePositives + cm.falsePositives > 0 ? cm.precision : nil
                    recall = cm.truePositives + cm.falseNegatives > 0 ? cm.recall : nil
                }
                brier = try? BinaryMetrics.brierScore(probabilities: p, labels: labels)
            }
            below("auc", auc, limits.minimumAUC)
            below("precision", precision, limits.minimumPrecision)
            below("recall", recall, limits.minimumRecall)
            above("brier", brier, limits.maximumBrier)
        case .returns(let periodsPerYear):
            let strategy = zip(p, y).map { (pred, out) in pred > 0 ? out : (pred < 0 ? -out : 0) }
            if strategy.count >= 2 {
                let mean = strategy.reduce(0, +) / Double(strategy.count)
                let variance = strategy.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(strategy.count - 1)
                sharpe = variance > 0 ? mean / variance.squareRoot() * periodsPerYear.squareRoot() : nil
                correlation = Self.pearson(p, y)
            }
            if !strategy.isEmpty {
                var equity = 1.0, peak = 1.0, worst = 0.0
                for r in strategy {
                    equity *= 1 + r
                    peak = max(peak, equity)
                    worst = max(worst, peak > 0 ? (peak - equity) / peak : 0)
                }
                drawdown = worst
                winRate = Double(strategy.filter { $0 > 0 }.count) / Double(strategy.count)
                direction = Double(zip(p, y).filter { $0.0.sign == $0.1.sign && ($0.0 == 0) == ($0.1 == 0) }.count) / Double(p.count)
            }
            below("sharpe", sharpe, limits.minimumSharpe)
            above("max_drawdown", drawdown, limits.maximumDrawdown)
            below("win_rate", winRate, limits.minimumWinRate)
            below("direction_accuracy", direction, limits.minimumDirectionAccuracy)
            below("correlation", correlation, limits.minimumCorrelation)
        }
        let judged = p.count >= limits.minimumSamples
        if !judged { reasons = ["only \(p.count) observations, \(limits.minimumSamples) needed to judge degradation"] }
        return PerformanceSnapshot(
            count: p.count, auc: auc, precision: precision, recall: recall, brier: brier, sharpe: sharpe,
            maximumDrawdown: drawdown, winRate: winRate, directionAccuracy: direction, correlation: correlation,
            degraded: judged && !reasons.isEmpty, reasons: reasons)
    }

    static func pearson(_ a: [Double], _ b: [Double]) -> Double? {
        let n = Double(a.count)
        guard a.count >= 2 else { return nil }
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) {
            sab += (x - ma) * (y - mb)
            saa += (x - ma) * (x - ma)
            sbb += (y - mb) * (y - mb)
        }
        guard saa > 0, sbb > 0 else { return nil }
        return sab / (saa * sbb).squareRoot()
    }
}
