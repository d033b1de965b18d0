import FoundationEssentials
import MLCore

/// JSON form of a report (`mlctl drift --json`):
///
/// ```json
/// {"format": "swift-mlops.drift-report", "version": 1, "drift_detected": true,
///  "verdict": {"drift_detected": …, "column_count": m, "drifted_columns": […], "share": …,
///              "drift_share": 0.5, "alpha": 0.05, "correction": "bonferroni", "rule": "…"},
///  "baseline": {"rows": …, "source": "profile" | "data", "sha256": …},
///  "current": {"rows": …, "sha256": …},
///  "columns": {"<name>": {"type": "numeric", "n_baseline": …, "n_current": …,
///     "psi": …, "ks_statistic": …, "ks_pvalue": …, "ks_method": "exact",
///     "js_distance_base2": …, "wasserstein": …, "wasserstein_normed": …,
///     "drifted": …, "verdict": {…}, "histogram": {…}, …},
///   "<categorical>": {"type": "categorical", "chi2_statistic": …, "chi2_pvalue": …, "chi2_dof": …,
///     "categories": […], "unseen_categories": […], …}}}
/// ```
/// Statistic keys are the ones of the fixtures' `expected.json`. Non-finite numbers (a normed
/// Wasserstein distance against a constant baseline) are written as `null`.
extension DriftReport: Encodable {
    /// The report format name written in JSON.
    public static let formatName = "swift-mlops.drift-report"

    typealias Key = _StringKey

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(Self.formatName, forKey: Key("format"))
        try c.encode(1, forKey: Key("version"))
        try c.encode(verdict.driftDetected, forKey: Key("drift_detected"))
        var v = c.nestedContainer(keyedBy: Key.self, forKey: Key("verdict"))
        try v.encode(verdict.driftDetected, forKey: Key("drift_detected"))
        try v.encode(verdict.columnCount, forKey: Key("column_count"))
        try v.encode(verdict.driftedColumns, forKey: Key("drifted_columns"))
        try v.encode(verdict.share, forKey: Key("share"))
        try v.encode(verdict.driftShare, forKey: Key("drift_share"))
        try v.encode(verdict.alpha, forKey: Key("alpha"))
        try v.encode(verdict.correction, forKey: Key("correction"))
        try v.encode(verdict.rule, forKey: Key("rule"))
        var b = c.nestedContainer(keyedBy: Key.self, forKey: Key("baseline"))
        try b.encode(baselineRowCount, forKey: Key("rows"))
        try b.encode(baselineSource, forKey: Key("source"))
        try b.encode(baselineSHA256, forKey: Key("sha256"))
        var cur = c.nestedContainer(keyedBy: Key.self, forKey: Key("current"))
        try cur.encode(currentRowCount, forKey: Key("rows"))
        try cur.encode(currentSHA256, forKey: Key("sha256"))
        var cols = c.nestedContainer(keyedBy: Key.self, forKey: Key("columns"))
        for column in columns {
            var o = cols.nestedContainer(keyedBy: Key.self, forKey: Key(column.name))
            try column.encodeFields(into: &o)
        }
    }

    /// The report as one JSON object (sorted keys).
    /// - Throws: ``DriftError`` `.invalidArgument` if encoding fails (it does not for reports
    ///   built by ``DriftDetector``).
    public func jsonData(prettyPrinted: Bool = false) throws -> Data {
        do {
            return try _JSONCoding.encode(self, pretty: prettyPrinted)
        } catch {
            throw DriftError(.invalidArgument, "cannot encode the report: \(error)")
        }
    }
}

extension ColumnDrift {
    func encodeFields(into o: inout KeyedEncodingContainer<DriftReport.Key>) throws {
        typealias Key = DriftReport.Key
        func number(_ x: Double?, _ key: String) throws {
            if let x, x.isFinite { try o.encode(x, forKey: Key(key)) } else { try o.encodeNil(forKey: Key(key)) }
        }
        try o.encode(kind, forKey: Key("type"))
        try o.encode(baselineCount, forKey: Key("n_baseline"))
        try o.encode(currentCount, forKey: Key("n_current"))
        try number(baselineMissingRate, "missing_rate_baseline")
        try number(currentMissingRate, "missing_rate_current")
        try number(psi, "psi")
        try number(jsDistance, "js_distance_base2")
        if let ks {
            try number(ks.statistic, "ks_statistic")
            try number(ks.pValue, "ks_pvalue")
            try o.encode(ks.method, forKey: Key("ks_method"))
            try o.encode(ks.baselineCount, forKey: Key("ks_n_baseline"))
        }
        if kind == .numeric {
            try number(wasserstein, "wasserstein")
            try number(wassersteinNormed, "wasserstein_normed")
            try number(baselineMean, "baseline_mean")
            try number(baselineStandardDeviation, "baseline_std")
            try number(currentMean, "current_mean")
        }
        if let chi = chiSquare {
            try number(chi.statistic, "chi2_statistic")
            try number(chi.pValue, "chi2_pvalue")
            try o.encode(chi.degreesOfFreedom, forKey: Key("chi2_dof"))
            try o.encode(chi.categories, forKey: Key("categories"))
            try o.encode(chi.baselineCounts, forKey: Key("baseline_counts"))
            try o.encode(chi.currentCounts, forKey: Key("current_counts"))
            try o.encode(chi.unseenCategories, forKey: Key("unseen_categories"))
            try o.encode(chi.vanishedCategories, forKey: Key("vanished_categories"))
        }
        try o.encode(verdict.drifted, forKey: Key("drifted"))
        try o.encode(verdict, forKey: Key("verdict"))
        var t = o.nestedContainer(keyedBy: Key.self, forKey: Key("thresholds"))
        try t.encode(thresholds.psiWarning, forKey: Key("psi_warning"))
        try t.encode(thresholds.psiDrift, forKey: Key("psi_drift"))
        try t.encode(thresholds.jsDistance, forKey: Key("js_distance"))
        if kind == .numeric { try t.encode(thresholds.wassersteinNormed, forKey: Key("wasserstein_normed")) }
        var h = o.nestedContainer(keyedBy: Key.self, forKey: Key("histogram"))
        try h.encode(histogram.labels, forKey: Key("labels"))
        if kind == .numeric { try h.encode(histogram.innerEdges, forKey: Key("inner_edges")) }
        try h.encode(histogram.baseline, forKey: Key("baseline"))
        try h.encode(histogram.current, forKey: Key("current"))
        try h.encode(histogram.currentCounts, forKey: Key("current_counts"))
    }
}
