import MLCore

/// Compares current data with a baseline (a table or a ``BaselineProfile``), column by column,
/// and decides one verdict with the sample-size-aware rule of ``DriftConfiguration``.
///
/// ```swift
/// let report = try DriftDetector().compare(baseline: profile, current: today)
/// if report.verdict.driftDetected { print(report.verdict.driftedColumns) }
/// try print(report.prometheusText())
/// ```
///
/// Each numeric column is sorted once (radix sort); PSI bins, JS bins, the KS statistic and
/// Wasserstein-1 are all derived from the sorted arrays in O(n). Columns run in parallel on up to
/// ``maximumThreads`` threads; results are identical for every thread count.
///
/// **Columns.** Every baseline column (or those named in `columns:`) that the configuration
/// does not ignore is compared; extra current columns are ignored. Missing values are dropped on
/// both sides and reported as missing rates.
public struct DriftDetector: Sendable {
    /// The verdict rule and thresholds.
    public var configuration: DriftConfiguration
    /// The most threads to use (`nil`: every active processor).
    public var maximumThreads: Int?

    /// A detector with the given rule (default: the default rule).
    public init(configuration: DriftConfiguration = DriftConfiguration(), maximumThreads: Int? = nil) {
        self.configuration = configuration
        self.maximumThreads = maximumThreads
    }

    /// Compares `current` with the full baseline table (every statistic on all rows).
    /// - Throws: ``DriftError``: `.emptyData` (no rows or no columns on a side), `.missingColumn`
    ///   (a baseline column absent from `current`, or an unknown name in `columns`),
    ///   `.typeMismatch` (numeric on one side, text on the other), `.emptyColumn` (only missing
    ///   values on a side), `.invalidConfiguration`.
    public func compare(baseline: Table, current: Table, columns: [String]? = nil) throws -> DriftReport {
        try configuration.validate()
        guard baseline.rowCount > 0, baseline.columnCount > 0 else {
            throw DriftError(.emptyData, "the baseline data has no rows", path: "baseline")
        }
        let names = try selectedNames(available: baseline.names, requested: columns, side: "baseline")
        try checkCurrent(current, names: names)
        let jobs: [(String, _Reference, Column)] = try names.map { name in
            guard let b = baseline[name], let c = current[name] else {
                throw DriftError(.missingColumn, "not in the current data", path: "current", field: name)
            }
            let values = try _ColumnValues(b, name: name, kind: configuration.columns[name]?.kind, side: "baseline")
            switch values {
            case .numeric(let raw): return (name, .numericData(raw), c)
            case .categorical(let counts, let missing): return (name, .categorical(counts, missing: missing), c)
            }
        }
        return try run(jobs, baselineRows: baseline.rowCount, currentRows: current.rowCount, source: .data, sha: nil)
    }

    /// Compares `current` with a baseline profile (PSI/JS on the profile's bins, KS and
    /// Wasserstein on its reservoir sample).
    /// - Throws: as ``compare(baseline:current:columns:)-(Table,_,_)``, and `.typeMismatch` when
    ///   the configuration forces a kind the profile does not have.
    public func compare(baseline: BaselineProfile, current: Table, columns: [String]? = nil) throws -> DriftReport {
        try configuration.validate()
        try baseline.validate()
        let names = try selectedNames(available: baseline.columns.map(\.name), requested: columns, side: "baseline")
        try checkCurrent(current, names: names)
        let jobs: [(String, _Reference, Column)] = try names.map { name in
            guard let profile = baseline.column(named: name), let c = current[name] else {
                throw DriftError(.missingColumn, "not in the current data", path: "current", field: name)
            }
            if let forced = configuration.columns[name]?.kind, forced != profile.kind {
                throw DriftError(.typeMismatch, "the profile has it as \(profile.kind.rawValue), the configuration as \(forced.rawValue)", path: "baseline", field: name)
            }
            switch profile.kind {
            case .numeric:
                guard let n = profile.numeric else { throw DriftError(.invalidProfile, "no numeric summary", field: name) }
                return (name, .numericProfile(n, count: profile.count, missing: profile.missingCount), c)
            case .categorical:
                guard let cat = profile.categorical else { throw DriftError(.invalidProfile, "no categories", field: name) }
                return (name, .categorical(cat.countsByCategory, missing: profile.missingCount), c)
            }
        }
        return try run(jobs, baselineRows: baseline.rowCount, currentRows: current.rowCount, source: .profile, sha: baseline.dataSHA256)
    }

    // MARK: - Internals

    enum _Reference: Sendable {
        case numericData([Double])
        case numericProfile(NumericProfile, count: Int, missing: Int)
        case categorical([String: Int], missing: Int)
    }

    func selectedNames(available: [String], requested: [String]?, side: String) throws -> [String] {
        if let requested {
            for name in requested where !available.contains(name) {
                throw DriftError(.missingColumn, "not in the \(side)", path: side, field: name)
            }
        }
        let names = (requested ?? available).filter { !configuration.isIgnored($0) }
        guard !names.isEmpty else { throw DriftError(.emptyData, "no columns to compare", path: side) }
        return names
    }

    func checkCurrent(_ current: Table, names: [String]) throws {
        for name in names where current.index(of: name) == nil {
            throw DriftError(.missingColumn, "in the baseline but not in the current data", path: "current", field: name)
        }
        guard current.rowCount > 0 else { throw DriftError(.emptyData, "the current data has no rows", path: "current") }
    }

    func run(_ jobs: [(String, _Reference, Column)], baselineRows: Int, currentRows: Int, source: DriftReport.BaselineSource, sha: String?) throws -> DriftReport {
        let config = configuration
        let stats = try _Parallel.map(jobs, maximumThreads: maximumThreads) { job, workspace in
            try Self.statistics(name: job.0, reference: job.1, current: job.2, configuration: config, workspace: workspace)
        }
        let (columns, verdict) = Self.decide(stats, configuration: config)
        return DriftReport(
            columns: columns, verdict: verdict, baselineRowCount: baselineRows, currentRowCount: currentRows,
            baselineSource: source, baselineSHA256: sha)
    }

    /// Everything of a column but the verdict.
    struct _Statistics: Sendable {
        var name: String
        var kind: FeatureKind
        var baselineCount: Int
        var currentCount: Int
        var baselineMissingRate: Double
        var currentMissingRate: Double
        var psi: Double
        var js: Double
        var ks: KolmogorovSmirnovTest?
        var wasserstein: Double?
        var wassersteinNormed: Double?
        var baselineMean: Double?
        var baselineStd: Double?
        var currentMean: Double?
        var chi: ChiSquareTest?
        var histogram: DriftHistogram
        /// Tests of the verdict logic set the p-value directly.
        var pOverride: Double? = nil
        var pValue: Double { pOverride ?? ks?.pValue ?? chi?.pValue ?? 1 }
    }

    static func statistics(
        name: String, reference: _Reference, current: Column, configuration: DriftConfiguration,
        workspace: _SortWorkspace = _SortWorkspace()
    ) throws -> _Statistics {
        func rate(_ missing: Int, _ count: Int) -> Double { count + missing == 0 ? 0 : Double(missing) / Double(count + missing) }
        switch reference {
        case .categorical(let baseCounts, let baseMissing):
            let values = try _ColumnValues(current, name: name, kind: .categorical, side: "current")
            guard case .categorical(let curCounts, let curMissing) = values else {
                throw DriftError(.typeMismatch, "expected categories", path: "current", field: name)
            }
            let nb = baseCounts.values.reduce(0, +), nc = curCounts.values.reduce(0, +)
            guard nb > 0 else { throw DriftError(.emptyColumn, "only missing values", path: "baseline", field: name) }
            guard nc > 0 else { throw DriftError(.emptyColumn, "only missing values", path: "current", field: name) }
            let chi = try ChiSquareTest(baselineCounts: baseCounts, currentCounts: curCounts)
            let bp = DriftStatistics.proportions(chi.baselineCounts)
            let cp = DriftStatistics.proportions(chi.currentCounts)
            return _Statistics(
                name: name, kind: .categorical, baselineCount: nb, currentCount: nc,
                baselineMissingRate: rate(baseMissing, nb), currentMissingRate: rate(curMissing, nc),
                psi: DriftStatistics.psiUnchecked(bp, cp, epsilon: DriftStatistics.psiEpsilon),
                js: DriftStatistics.jsUnchecked(bp, cp), chi: chi,
                histogram: DriftHistogram(labels: chi.categories, innerEdges: [], baseline: bp, current: cp, currentCounts: chi.currentCounts))
        case .numericData, .numericProfile:
            let values = try _ColumnValues(current, name: name, kind: .numeric, side: "current")
            guard case .numeric(let raw) = values else {
                throw DriftError(.typeMismatch, "expected numbers", path: "current", field: name)
            }
            var baseSorted: _SortedValues?
            defer { baseSorted?.recycle(into: workspace, baseline: true) }
            let edges: [Double], baseProportions: [Double], testSample: [Double]
            let baseCount: Int, baseMissing: Int, baseMean: Double, baseStd: Double
            switch reference {
            case .numericData(let braw):
                let base = _SortedValues(dropping: braw, workspace: workspace, baseline: true)
                baseSorted = base
                guard base.count > 0 else { throw DriftError(.emptyColumn, "only missing values", path: "baseline", field: name) }
                try base.checkFinite(column: name, side: "baseline")
                edges = base.decileEdges()
                baseProportions = DriftStatistics.proportions(base.binCounts(innerEdges: edges))
                testSample = base.values
                baseCount = base.count
                baseMissing = base.missingCount
                let m = base.moments
                baseMean = m.mean
                baseStd = m.standardDeviation
            case .numericProfile(let p, let count, let missing):
                edges = p.innerEdges
                baseProportions = p.binProportions
                testSample = _SortedValues(dropping: p.sample).values
                baseCount = count
                baseMissing = missing
                baseMean = p.mean
                baseStd = p.standardDeviation
            case .categorical:
                preconditionFailure("internal: categorical reference in the numeric branch")
            }
            guard !testSample.isEmpty else { throw DriftError(.emptyColumn, "empty baseline sample", path: "baseline", field: name) }
            let cur = _SortedValues(dropping: raw, workspace: workspace, baseline: false)
            defer { cur.recycle(into: workspace, baseline: false) }
            guard cur.count > 0 else { throw DriftError(.emptyColumn, "only missing values", path: "current", field: name) }
            try cur.checkFinite(column: name, side: "current")
            let curCounts = cur.binCounts(innerEdges: edges)
            let curProportions = DriftStatistics.proportions(curCounts)
            let scan = _SortedComparison(testSample, cur.values)
            let ks = try KolmogorovSmirnovTest(extreme: scan.ksExtreme, n1: testSample.count, n2: cur.count)
            let w1 = scan.wasserstein
            let normed = baseStd > 0 ? w1 / baseStd : (w1 == 0 ? 0 : .infinity)
            let curMoments = cur.moments
            return _Statistics(
                name: name, kind: .numeric, baselineCount: baseCount, currentCount: cur.count,
                baselineMissingRate: rate(baseMissing, baseCount), currentMissingRate: rate(cur.missingCount, cur.count),
                psi: DriftStatistics.psiUnchecked(baseProportions, curProportions, epsilon: DriftStatistics.psiEpsilon),
                js: DriftStatistics.jsUnchecked(baseProportions, curProportions), ks: ks, wasserstein: w1,
                wassersteinNormed: normed, baselineMean: baseMean, baselineStd: baseStd, currentMean: curMoments.mean,
                histogram: DriftHistogram(
                    labels: Self.binLabels(edges), innerEdges: edges, baseline: baseProportions, current: curProportions,
                    currentCounts: curCounts))
        }
    }

    static func binLabels(_ edges: [Double]) -> [String] {
        let bounds = ["−∞"] + edges.map { _Format.short($0) } + ["+∞"]
        return (0..<(edges.count + 1)).map { "[\(bounds[$0]), \(bounds[$0 + 1]))" }
    }

    /// The single place where verdicts are decided.
    static func decide(_ stats: [_Statistics], configuration: DriftConfiguration) -> ([ColumnDrift], DriftVerdict) {
        let m = stats.count
        let alpha = configuration.alpha
        let pValues = stats.map(\.pValue)
        var significant = [Bool](repeating: false, count: m)
        var cutoffs = [Double](repeating: alpha / Double(max(m, 1)), count: m)
        switch configuration.correction {
        case .bonferroni:
            for i in 0..<m { significant[i] = pValues[i] < alpha / Double(m) }
        case .none:
            for i in 0..<m {
                cutoffs[i] = alpha
                significant[i] = pValues[i] < alpha
            }
        case .benjaminiHochberg:
            let order = (0..<m).sorted { pValues[$0] != pValues[$1] ? pValues[$0] < pValues[$1] : $0 < $1 }
            var largest = 0
            for (rank, index) in order.enumerated() where pValues[index] <= Double(rank + 1) * alpha / Double(m) {
                largest = rank + 1
            }
            let cutoff = largest > 0 ? Double(largest) * alpha / Double(m) : alpha / Double(m)
            for i in 0..<m {
                cutoffs[i] = cutoff
                significant[i] = largest > 0 && pValues[i] <= cutoff
            }
        }
        var columns: [ColumnDrift] = []
        var drifted: [String] = []
        for (i, s) in stats.enumerated() {
            let t = configuration.thresholds(for: s.name)
            var effects: [String] = []
            if s.psi >= t.psiDrift { effects.append("psi") }
            if s.js >= t.jsDistance { effects.append("js_distance") }
            if s.kind == .numeric, let w = s.wassersteinNormed, w >= t.wassersteinNormed { effects.append("wasserstein_normed") }
            let level: PSILevel = s.psi >= t.psiDrift ? .drift : (s.psi >= t.psiWarning ? .warning : .stable)
            let isDrifted = significant[i] && !effects.isEmpty
            if isDrifted { drifted.append(s.name) }
            let verdict = ColumnVerdict(
                drifted: isDrifted, significant: significant[i], pValue: pValues[i], test: s.kind == .numeric ? "ks" : "chi2",
                significanceThreshold: cutoffs[i], exceededEffects: effects, psiLevel: level)
            columns.append(ColumnDrift(
                name: s.name, kind: s.kind, baselineCount: s.baselineCount, currentCount: s.currentCount,
                baselineMissingRate: s.baselineMissingRate, currentMissingRate: s.currentMissingRate, psi: s.psi,
                jsDistance: s.js, ks: s.ks, wasserstein: s.wasserstein, wassersteinNormed: s.wassersteinNormed,
                baselineMean: s.baselineMean, baselineStandardDeviation: s.baselineStd, currentMean: s.currentMean,
                chiSquare: s.chi, histogram: s.histogram, thresholds: t, verdict: verdict))
        }
        let share = m > 0 ? Double(drifted.count) / Double(m) : 0
        let verdict = DriftVerdict(
            driftDetected: m > 0 && share >= configuration.driftShare, columnCount: m, driftedColumns: drifted,
            share: share, driftShare: configuration.driftShare, alpha: alpha, correction: configuration.correction)
        return (columns, verdict)
    }
}
