import FoundationEssentials
import MLCore

/// What current data is compared with: a saved profile or the full baseline data.
public enum DriftBaseline: Sendable {
    /// A ``BaselineProfile`` (PSI/JS on its bins, KS and Wasserstein on its sample).
    case profile(BaselineProfile)
    /// The full baseline table (every statistic on all rows).
    case data(Table)

    /// Loads a baseline file: a profile when the name ends in `.json` (e.g. `base.profile.json`),
    /// else a CSV file read with MLCore's `CSVReader` (header row, inferred types).
    /// - Throws: ``DriftError`` for a bad profile, MLCore's `DataFormatError` for a bad CSV file.
    public static func load(contentsOf path: String) throws -> DriftBaseline {
        if path.lowercased().hasSuffix(".json") {
            return .profile(try BaselineProfile.load(contentsOf: path))
        }
        return .data(try CSVReader().read(contentsOf: path))
    }
}

extension DriftDetector {
    /// Compares `current` with either kind of baseline.
    /// - Throws: as the two specific `compare` methods.
    public func compare(baseline: DriftBaseline, current: Table, columns: [String]? = nil) throws -> DriftReport {
        switch baseline {
        case .profile(let profile): try compare(baseline: profile, current: current, columns: columns)
        case .data(let table): try compare(baseline: table, current: current, columns: columns)
        }
    }
}

extension DriftReport {
    /// A plain-text table for terminals: one line per column and the verdict.
    public func textSummary() -> String {
        let header = ["column", "type", "test", "p-value", "threshold", "PSI", "JS", "W1/σ", "verdict"]
        var rows: [[String]] = [header]
        for c in columns {
            rows.append([
                c.name, c.kind.rawValue, c.verdict.test, _Format.short(c.verdict.pValue, digits: 3),
                (c.verdict.significant ? "< " : "≥ ") + _Format.short(c.verdict.significanceThreshold, digits: 3),
                _Format.short(c.psi, digits: 3), _Format.short(c.jsDistance, digits: 3),
                c.wassersteinNormed.map { _Format.short($0, digits: 3) } ?? "-",
                c.verdict.drifted ? "DRIFTED" : (c.verdict.psiLevel == .warning ? "psi-warning" : "stable"),
            ])
        }
        let widths = header.indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
        var out = ""
        for row in rows {
            out += row.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - cell.count) }
                .joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        out += verdict.driftDetected
            ? "DRIFT: \(verdict.driftedColumns.count) of \(verdict.columnCount) columns drifted (share \(_Format.short(verdict.share, digits: 3)) ≥ \(_Format.short(verdict.driftShare, digits: 3)))\n"
            : "no drift: \(verdict.driftedColumns.count) of \(verdict.columnCount) columns drifted (share \(_Format.short(verdict.share, digits: 3)) < \(_Format.short(verdict.driftShare, digits: 3)))\n"
        return out
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

extension DriftReport {
    /// Writes ``html(title:)`` to `path` (atomically).
    /// - Throws: ``DriftError`` `.io`.
    public func writeHTML(to path: String, title: String = "Drift report") throws {
        try _Files.write(Data(html(title: title).utf8), to: path)
    }

    /// Writes ``prometheusText(timestamp:extraLabels:)`` to `path` atomically (a temporary file
    /// renamed over it), as the node-exporter textfile collector requires.
    /// - Throws: ``DriftError`` `.io`.
    public func writePrometheus(to path: String, timestamp: Double? = nil, extraLabels: [String: String] = [:]) throws {
        try _Files.write(Data(prometheusText(timestamp: timestamp, extraLabels: extraLabels).utf8), to: path)
    }
}
