import MLCore

extension DriftReport {
    /// The report in the Prometheus text exposition format (version 0.0.4), for the
    /// node-exporter textfile collector: write it to `<dir>/drift.prom` (atomically — the CLI's
    /// `--prometheus` does) and point `--collector.textfile.directory` at `<dir>`.
    ///
    /// Gauges (every one with `# HELP` and `# TYPE`; label values escaped as the format says:
    /// `\` → `\\`, `"` → `\"`, newline → `\n`):
    /// - per column (`column="…"`): `mlctl_drift_psi`, `mlctl_drift_js_distance`,
    ///   `mlctl_drift_ks_statistic`, `mlctl_drift_ks_pvalue`, `mlctl_drift_wasserstein_normed`
    ///   (numeric), `mlctl_drift_chi2_pvalue` (categorical), `mlctl_drift_column_drifted` (0/1);
    /// - dataset: `mlctl_drift_detected` (0/1), `mlctl_drift_share`, `mlctl_drift_columns`,
    ///   `mlctl_drift_columns_drifted`, and `mlctl_drift_last_run_timestamp_seconds` when
    ///   `timestamp` (Unix seconds) is given — alert on it to catch a cron job that stopped.
    public func prometheusText(timestamp: Double? = nil, extraLabels: [String: String] = [:]) -> String {
        let extra = extraLabels.keys.sorted().map { "\($0)=\"\(Self.escapeLabel(extraLabels[$0] ?? ""))\"" }
        func labels(_ column: String?) -> String {
            var parts = extra
            if let column { parts.insert("column=\"\(Self.escapeLabel(column))\"", at: 0) }
            return parts.isEmpty ? "" : "{" + parts.joined(separator: ",") + "}"
        }
        var out = ""
        func family(_ name: String, _ help: String, _ samples: [(String?, Double)]) {
            guard !samples.isEmpty else { return }
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for (column, value) in samples {
                out += "\(name)\(labels(column)) \(_Format.prometheus(value))\n"
            }
        }
        let numeric = columns.filter { $0.kind == .numeric }
        let categorical = columns.filter { $0.kind == .categorical }
        family("mlctl_drift_psi", "Population stability index of the column, current vs baseline (decile bins or categories, epsilon 1e-4).",
               columns.map { ($0.name, $0.psi) })
        family("mlctl_drift_js_distance", "Jensen-Shannon distance (base 2) of the column on the PSI bins.",
               columns.map { ($0.name, $0.jsDistance) })
        family("mlctl_drift_ks_statistic", "Two-sample Kolmogorov-Smirnov statistic of the numeric column.",
               numeric.compactMap { c in c.ks.map { (c.name, $0.statistic) } })
        family("mlctl_drift_ks_pvalue", "Two-sample Kolmogorov-Smirnov p-value of the numeric column (before correction).",
               numeric.compactMap { c in c.ks.map { (c.name, $0.pValue) } })
        family("mlctl_drift_wasserstein_normed", "Wasserstein-1 distance divided by the baseline standard deviation.",
               numeric.compactMap { c in c.wassersteinNormed.map { (c.name, $0) } })
        family("mlctl_drift_chi2_pvalue", "Chi-square test p-value of the categorical column (before correction).",
               categorical.compactMap { c in c.chiSquare.map { (c.name, $0.pValue) } })
        family("mlctl_drift_column_drifted", "1 if the column drifted (significant after correction and an effect size over its threshold).",
               columns.map { ($0.name, $0.verdict.drifted ? 1 : 0) })
        family("mlctl_drift_detected", "1 if the share of drifted columns reached the configured drift share.",
               [(nil, verdict.driftDetected ? 1 : 0)])
        family("mlctl_drift_share", "Share of compared columns that drifted.", [(nil, verdict.share)])
        family("mlctl_drift_columns", "Number of compared columns (m of the correction).", [(nil, Double(verdict.columnCount))])
        family("mlctl_drift_columns_drifted", "Number of drifted columns.", [(nil, Double(verdict.driftedColumns.count))])
        if let timestamp {
            family("mlctl_drift_last_run_timestamp_seconds", "Unix time of this drift check.", [(nil, timestamp)])
        }
        return out
    }

    /// Escapes a label value: backslash, double quote and line feed.
    static func escapeLabel(_ value: String) -> String {
        _TextEscaping.escape(value) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "\"": "\\\""
            case "\n": "\\n"
            default: nil
            }
        }
    }
}
