import MLCore

/// Checks price bars before features are computed from them: missing values, non-positive
/// prices, OHLC inconsistency, non-positive volume, non-increasing timestamps and one-bar return
/// outliers. Each problem is an ``OHLCVFinding`` naming its rows.
///
/// Return outliers use the robust z-score of the one-bar simple returns rₜ = closeₜ/closeₜ₋₁ − 1
/// (over consecutive rows whose closes are both present and positive):
/// z = 0.6745·(r − median(r)) / MAD, MAD = median(|r − median(r)|) (Iglewicz and Hoaglin's
/// modified z-score); a row is an outlier when |z| > ``outlierLimit``. With MAD = 0 (more than
/// half the returns equal) no row is an outlier. A single bad close is flagged on both rows
/// whose returns it distorts: its own and the next.
///
/// ```swift
/// let report = OHLCVValidator().validate(bars)
/// for finding in report.findings { print(finding.kind, finding.rowNumbers.prefix(5)) }
/// ```
public struct OHLCVValidator: Sendable, Hashable {
    /// What to do with the rows findings name.
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        /// Report the findings; keep every row.
        case report
        /// Report the findings and remove every row a finding names.
        case drop
        /// Report the findings; the validation fails when there is any.
        case fail
    }

    /// The outcome of ``run(_:table:mode:)``.
    public struct Outcome: Sendable {
        /// The findings.
        public let report: OHLCVValidationReport
        /// In ``Mode/drop``, the input table without the flagged rows; otherwise `nil`.
        public let cleaned: Table?
        /// In ``Mode/fail``, whether any problem was found; otherwise `false`.
        public let failed: Bool
    }

    /// The robust z-score above which a return is an outlier (default 10, about 15 median
    /// absolute deviations: far beyond the 3.5 used for near-normal data, because returns are
    /// fat-tailed and a real 5-sigma day should not be flagged as bad data).
    public private(set) var outlierLimit: Double

    /// A validator with the default outlier limit, 10.
    public init() { outlierLimit = 10 }

    /// A validator with the given outlier limit.
    /// - Throws: ``FeatureError`` `.invalidParameter` (field `outlierLimit`) unless it is positive and finite.
    public init(outlierLimit: Double) throws {
        guard outlierLimit > 0, outlierLimit.isFinite else {
            throw FeatureError(.invalidParameter, "must be positive and finite, got \(outlierLimit)", field: "outlierLimit")
        }
        self.outlierLimit = outlierLimit
    }

    /// Checks `bars`. One pass per rule; the outlier rule sorts the returns (O(n log n)).
    public func validate(_ bars: OHLCVBars) -> OHLCVValidationReport {
        let n = bars.count
        var missing: [Int] = [], nonPositive: [Int] = [], inconsistent: [Int] = [], noVolume: [Int] = []
        var nonIncreasing: [Int] = []
        var previousTime: Double?
        for i in 0..<n {
            let (o, h, l, c, v) = (bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i])
            let time = bars.seconds(at: i)
            if o.isNaN || h.isNaN || l.isNaN || c.isNaN || v.isNaN || (bars.timestamps != nil && time == nil) {
                missing.append(i + 1)
            }
            if o <= 0 || h <= 0 || l <= 0 || c <= 0 { nonPositive.append(i + 1) }
            if !o.isNaN, !h.isNaN, !l.isNaN, !c.isNaN, !(l <= Swift.min(o, c) && Swift.max(o, c) <= h) {
                inconsistent.append(i + 1)
            }
            if v <= 0 { noVolume.append(i + 1) }
            if let time {
                if let previousTime, time <= previousTime { nonIncreasing.append(i + 1) }
                previousTime = time
            }
        }
        var findings: [OHLCVFinding] = []
        func add(_ kind: OHLCVFinding.Kind, _ columns: [String], _ rows: [Int], _ rule: String) {
            if !rows.isEmpty { findings.append(OHLCVFinding(kind: kind, columns: columns, rowNumbers: rows, rule: rule)) }
        }
        let prices = ["open", "high", "low", "close"]
        add(.missingValue, prices + ["volume"] + (bars.timestamps == nil ? [] : ["timestamp"]), missing,
            "every price, the volume and the timestamp present and readable")
        add(.nonPositivePrice, prices, nonPositive, "open, high, low, close > 0")
        add(.inconsistentOHLC, prices, inconsistent, "low <= min(open, close) and max(open, close) <= high")
        add(.nonPositiveVolume, ["volume"], noVolume, "volume > 0")
        add(.nonIncreasingTimestamp, ["timestamp"], nonIncreasing, "each timestamp later than the previous one")
        add(.returnOutlier, ["close"], returnOutliers(bars.close),
            "|0.6745 (r - median r) / MAD| <= \(outlierLimit) for r = close / previous close - 1")
        return OHLCVValidationReport(rowCount: n, findings: findings)
    }

    /// Validates the bars read from `table` and applies `mode`.
    /// - Throws: ``FeatureError`` as ``OHLCVValidationReport/droppingFlaggedRows(from:)``.
    public func run(_ bars: OHLCVBars, table: Table, mode: Mode) throws -> Outcome {
        let report = validate(bars)
        switch mode {
        case .report: return Outcome(report: report, cleaned: nil, failed: false)
        case .drop: return Outcome(report: report, cleaned: try report.droppingFlaggedRows(from: table), failed: false)
        case .fail: return Outcome(report: report, cleaned: nil, failed: !report.passed)
        }
    }

    /// Rows (1-based) whose return from the previous row is an outlier.
    private func returnOutliers(_ close: [Double]) -> [Int] {
        var returns: [(row: Int, value: Double)] = []
        returns.reserveCapacity(close.count)
        for i in close.indices.dropFirst() where close[i - 1] > 0 && close[i] > 0 {
            returns.append((i + 1, close[i] / close[i - 1] - 1))
        }
        guard returns.count >= 3 else { return [] }
        let median = Self.median(returns.map(\.value))
        let mad = Self.median(returns.map { ($0.value - median).magnitude })
        guard mad > 0 else { return [] }
        return returns.filter { (0.6745 * ($0.value - median) / mad).magnitude > outlierLimit }.map(\.row)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
