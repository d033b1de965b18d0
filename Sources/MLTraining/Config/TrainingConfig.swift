import FoundationEssentials
import MLCore
import Yams

/// A training job as `mlctl train --config` reads it (YAML or JSON; unknown keys are an error):
///
/// ```yaml
/// data:
///   train: train.csv        # CSV (header) or NPY (2-D float, label in the last column… see `label`)
///   validation: val.csv     # optional; else split from train
///   test: test.csv          # optional; else split from train when `split.test` > 0
///   label: label            # the label column
///   features: [x0, x1]      # optional; default every column but the label
/// model:
///   kind: gbdt              # gbdt | logistic_regression | isolation_forest
///   objective: binary       # binary | multiclass | regression
///   num_trees: 100
///   num_leaves: 31
///   max_depth: -1
///   learning_rate: 0.1
///   min_child_samples: 20
///   # growth (leafwise | depthwise), min_child_weight, l2, min_split_gain, subsample,
///   # colsample, max_bins, early_stopping_rounds, class_weight: [w0, w1, …] or balanced
///   # logistic_regression: objective (binary | multiclass), l2 (= 1/C, default 1), l1,
///   #   standardize (default true), class_weight, solver (auto | newton | lbfgs),
///   #   max_iterations, tolerance
///   # isolation_forest: num_trees (default 100), max_samples (default 256); data.label
///   #   is optional and only used for metrics (1 = anomaly)
/// split: {train: 0.7, validation: 0.1, test: 0.2, stratify: true}
/// seed: 1
/// threads: 1
/// gates: {roc_auc: ">= 0.85"}
/// ```
///
/// Relative paths are resolved against the config file's directory (and that against the
/// working directory), so the resolved config (``resolvedTree``) names absolute files and a
/// manifest that embeds it can be re-run from anywhere on the same machine.
public struct TrainingConfig: Sendable, Equatable {
    /// Where the data is.
    public struct DataSection: Sendable, Equatable {
        /// The training file.
        public var train: String
        /// The validation file, if given.
        public var validation: String?
        /// The test file, if given.
        public var test: String?
        /// The label column (optional for `isolation_forest`, where it only feeds metrics).
        public var label: String?
        /// The feature columns (nil: all but the label).
        public var features: [String]?
    }

    /// How to split `train` when validation or test files are not given.
    public struct SplitSection: Sendable, Equatable {
        /// Fractions (summing to 1).
        public var train = 0.8
        /// The validation share.
        public var validation = 0.2
        /// The test share.
        public var test = 0.0
        /// Keep the class shares in every part (classifiers).
        public var stratify = true
        /// Split by row order instead of at random (time-ordered data: train first).
        public var timeOrdered = false
    }

    /// The model kind.
    public enum Kind: String, Sendable, Equatable {
        /// Gradient-boosted trees.
        case gbdt
        /// Logistic regression.
        case logisticRegression = "logistic_regression"
        /// Isolation forest.
        case isolationForest = "isolation_forest"
    }

    /// The data.
    public var data: DataSection
    /// The model kind.
    public var kind: Kind
    /// The GBDT parameters (seed and threads included; defaults for other kinds).
    public var parameters: GBDTParameters
    /// The logistic-regression parameters (threads included; defaults for other kinds).
    public var logisticRegression = LogisticRegressionParameters()
    /// The isolation-forest parameters (seed and threads included; defaults for other kinds).
    public var isolationForest = IsolationForestParameters()

    /// Whether the model is a classifier (labels are split stratified and must be classes).
    public var isClassifier: Bool {
        switch kind {
        case .gbdt: return parameters.objective != .regression
        case .logisticRegression: return true
        case .isolationForest: return false
        }
    }
    /// The split of `train`.
    public var split: SplitSection
    /// The seed.
    public var seed: UInt64
    /// Threads.
    public var threads: Int
    /// Gate rules by metric (`roc_auc: ">= 0.85"`), applied to the test metrics (else validation).
    public var gates: [String: String]
    /// The configuration with paths resolved, as a JSON tree (what the manifest embeds).
    package let resolvedTree: _JSONTree

    /// The canonical JSON text of the resolved configuration (sorted keys).
    public var canonicalText: String { resolvedTree.canonicalText }

    /// SHA-256 of ``canonicalText``.
    public var sha256: String { FileDigest.sha256Hex(of: Array(canonicalText.utf8)) }

    /// Reads a config file.
    /// - Throws: ``TrainingError`` `.invalidConfiguration` naming the key (`field`) and the file.
    public static func read(contentsOf path: String) throws -> TrainingConfig {
        let bytes: [UInt8]
        do {
            bytes = try _FileSystem.readBytes(atPath: path, maximumSize: 1 << 20)
        } catch {
            throw TrainingError(.invalidConfiguration, "cannot read the config: \(error)", path: path)
        }
        var base = _FileSystem.directory(of: path)
        if !base.hasPrefix("/"), let cwd = _Platform.currentDirectory() {
            base = base == "." ? cwd : cwd + "/" + base
        }
        do {
            return try parse(bytes, baseDirectory: base)
        } catch let error as TrainingError {
            throw error.at(path: path)
        }
    }

    /// Parses config text (YAML or JSON); relative paths are joined to `baseDirectory`.
    /// - Throws: ``TrainingError`` `.invalidConfiguration`.
    public static func parse(_ text: String, baseDirectory: String) throws -> TrainingConfig {
        try parse(Array(text.utf8), baseDirectory: baseDirectory)
    }

    static func parse(_ bytes: [UInt8], baseDirectory: String) throws -> TrainingConfig {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TrainingError(.invalidConfiguration, "the config is not UTF-8 text")
        }
        let tree: _JSONTree
        do {
            tree = try YAMLDecoder().decode(_JSONTree.self, from: text)
        } catch {
            throw TrainingError(.invalidConfiguration, "not valid YAML: \(String(describing: error).prefix(300))")
        }
        return try TrainingConfig(tree: tree, baseDirectory: baseDirectory)
    }

    /// A config from an already resolved tree (a manifest's `config`).
    /// - Throws: ``TrainingError`` `.invalidConfiguration`.
    package init(resolved tree: _JSONTree) throws {
        try self.init(tree: tree, baseDirectory: "/")
    }

    init(tree: _JSONTree, baseDirectory: String) throws {
        let r = _ConfigReader(tree, path: "")
        try r.allow(["data", "model", "split", "seed", "threads", "gates"])
        var resolved: [String: _JSONTree] = [:]

        let d = try r.section("data")
        try d.allow(["train", "validation", "test", "label", "features"])
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : baseDirectory + "/" + p }
        let train = resolve(try d.string("train"))
        let validation = try d.optionalString("validation").map(resolve)
        let test = try d.optionalString("test").map(resolve)
        let label = try d.optionalString("label")
        let features = try d.optionalStrings("features")
        data = DataSection(train: train, validation: validation, test: test, label: label, features: features)
        var dataTree: [String: _JSONTree] = ["train": .string(train)]
        if let label { dataTree["label"] = .string(label) }
        if let validation { dataTree["validation"] = .string(validation) }
        if let test { dataTree["test"] = .string(test) }
        if let features { dataTree["features"] = .array(features.map { .string($0) }) }
        resolved["data"] = .object(dataTree)

        seed = UInt64(try r.optionalInt("seed", range: 0...Int.max) ?? 1)
        threads = try r.optionalInt("threads", range: 1...256) ?? 1
        resolved["seed"] = .number(Double(seed))
        resolved["threads"] = .number(Double(threads))

        let m = try r.section("model")
        let kindText = try m.string("kind")
        guard let kind = Kind(rawValue: kindText) else {
            throw TrainingError(
                .invalidConfiguration, "unknown model kind '\(kindText)' (gbdt, logistic_regression, isolation_forest)", field: "model.kind")
        }
        self.kind = kind
        if kind != .isolationForest && label == nil {
            throw TrainingError(.invalidConfiguration, "missing 'data.label' (a \(kind.rawValue) model needs labels)", field: "data.label")
        }
        func prefixed<T>(_ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as TrainingError {
                throw TrainingError(error.code, error.message, field: "model." + (error.field ?? ""))
            }
        }
        var p = GBDTParameters()
        p.seed = seed
        p.threads = threads
        let modelTree: [String: _JSONTree]
        switch kind {
        case .gbdt:
            (p, modelTree) = try Self.gbdt(m, p)
            try prefixed { try GBDTTrainer.validate(p) }
        case .logisticRegression:
            var lr = LogisticRegressionParameters()
            lr.threads = threads
            (lr, modelTree) = try Self.logisticRegression(m, lr)
            try prefixed { try LogisticRegressionTrainer.validate(lr) }
            logisticRegression = lr
        case .isolationForest:
            try m.allow(["kind", "num_trees", "max_samples"])
            var f = IsolationForestParameters()
            f.seed = seed
            f.threads = threads
            f.numTrees = try m.optionalInt("num_trees", range: 1...100_000) ?? f.numTrees
            f.maxSamples = try m.optionalInt("max_samples", range: 1...Int(Int32.max)) ?? f.maxSamples
            isolationForest = f
            modelTree = [
                "kind": .string(kind.rawValue), "num_trees": .number(Double(f.numTrees)), "max_samples": .number(Double(f.maxSamples)),
            ]
        }
        parameters = p
        resolved["model"] = .object(modelTree)

        var s = SplitSection()
        if let sp = try r.optionalSection("split") {
            try sp.allow(["train", "validation", "test", "stratify", "time_ordered"])
            s.train = try sp.optionalNumber("train") ?? s.train
            s.validation = try sp.optionalNumber("validation") ?? s.validation
            s.test = try sp.optionalNumber("test") ?? s.test
            s.stratify = try sp.optionalBool("stratify") ?? s.stratify
            s.timeOrdered = try sp.optionalBool("time_ordered") ?? s.timeOrdered
            let parts = [s.train, s.validation, s.test]
            guard parts.allSatisfy({ $0 >= 0 && $0 <= 1 }), abs(parts.reduce(0, +) - 1) < 1e-9, s.train > 0 else {
                throw TrainingError(
                    .invalidConfiguration, "split fractions must be in [0, 1], train > 0, and sum to 1 (got \(parts))", field: "split")
            }
        }
        split = s
        resolved["split"] = .object([
            "train": .number(s.train), "validation": .number(s.validation), "test": .number(s.test), "stratify": .bool(s.stratify),
            "time_ordered": .bool(s.timeOrdered),
        ])

        var rules: [String: String] = [:]
        if let g = try r.optionalSection("gates") {
            for (metric, value) in g.members {
                switch value {
                case .string(let text): rules[metric] = text
                case .number(let v): rules[metric] = ">= \(v)"
                default: throw TrainingError(.invalidConfiguration, "gate '\(metric)' must be a rule like '>= 0.85'", field: "gates.\(metric)")
                }
            }
        }
        gates = rules
        resolved["gates"] = .object(rules.mapValues { .string($0) })
        resolvedTree = .object(resolved)
    }

    /// The `gbdt` keys of `model`.
    static func gbdt(_ m: _ConfigReader, _ start: GBDTParameters) throws -> (GBDTParameters, [String: _JSONTree]) {
        var p = start
        try m.allow([
            "kind", "objective", "num_trees", "num_leaves", "max_depth", "learning_rate", "min_child_samples", "min_child_weight",
            "l2", "min_split_gain", "subsample", "colsample", "max_bins", "early_stopping_rounds", "class_weight", "growth",
        ])
        if let o = try m.optionalString("objective") {
            guard let objective = GBDTParameters.Objective(rawValue: o) else {
                throw TrainingError(.invalidConfiguration, "unknown objective '\(o)' (binary, multiclass, regression)", field: "model.objective")
            }
            p.objective = objective
        }
        if let g = try m.optionalString("growth") {
            guard let growth = GBDTParameters.Growth(rawValue: g) else {
                throw TrainingError(.invalidConfiguration, "unknown growth '\(g)' (leafwise, depthwise)", field: "model.growth")
            }
            p.growth = growth
        }
        p.numTrees = try m.optionalInt("num_trees", range: 1...1_000_000) ?? p.numTrees
        p.numLeaves = try m.optionalInt("num_leaves", range: 2...131_072) ?? p.numLeaves
        p.maxDepth = try m.optionalInt("max_depth", range: -1...64) ?? p.maxDepth
        if p.maxDepth == 0 { throw TrainingError(.invalidConfiguration, "max_depth must be -1 or ≥ 1", field: "model.max_depth") }
        p.learningRate = try m.optionalNumber("learning_rate") ?? p.learningRate
        p.minChildSamples = try m.optionalInt("min_child_samples", range: 1...Int(Int32.max)) ?? p.minChildSamples
        p.minChildWeight = try m.optionalNumber("min_child_weight") ?? p.minChildWeight
        p.l2 = try m.optionalNumber("l2") ?? p.l2
        p.minSplitGain = try m.optionalNumber("min_split_gain") ?? p.minSplitGain
        p.subsample = try m.optionalNumber("subsample") ?? p.subsample
        p.colsample = try m.optionalNumber("colsample") ?? p.colsample
        p.maxBins = try m.optionalInt("max_bins", range: 2...255) ?? p.maxBins
        p.earlyStoppingRounds = try m.optionalInt("early_stopping_rounds", range: 0...1_000_000) ?? p.earlyStoppingRounds
        let (weights, balanced) = try m.classWeights()
        p.classWeights = weights
        p.balancedClassWeights = balanced
        var tree: [String: _JSONTree] = [
            "kind": .string("gbdt"), "objective": .string(p.objective.rawValue), "growth": .string(p.growth.rawValue),
            "num_trees": .number(Double(p.numTrees)), "num_leaves": .number(Double(p.numLeaves)),
            "max_depth": .number(Double(p.maxDepth)), "learning_rate": .number(p.learningRate),
            "min_child_samples": .number(Double(p.minChildSamples)), "min_child_weight": .number(p.minChildWeight),
            "l2": .number(p.l2), "min_split_gain": .number(p.minSplitGain), "subsample": .number(p.subsample),
            "colsample": .number(p.colsample), "max_bins": .number(Double(p.maxBins)),
            "early_stopping_rounds": .number(Double(p.earlyStoppingRounds)),
        ]
        if balanced { tree["class_weight"] = .string("balanced") }
        if !p.classWeights.isEmpty { tree["class_weight"] = .array(p.classWeights.map { .number($0) }) }
        return (p, tree)
    }

    /// The `logistic_regression` keys of `model`.
    static func logisticRegression(
        _ m: _ConfigReader, _ start: LogisticRegressionParameters
    ) throws -> (LogisticRegressionParameters, [String: _JSONTree]) {
        var p = start
        try m.allow(["kind", "objective", "l2", "l1", "standardize", "class_weight", "solver", "max_iterations", "tolerance"])
        if let o = try m.optionalString("objective") {
            guard o == "binary" || o == "multiclass" else {
                throw TrainingError(
                    .invalidConfiguration, "objective '\(o)' is not one logistic regression takes (binary, multiclass)", field: "model.objective")
            }
            p.multiclass = o == "multiclass"
        }
        p.l2 = try m.optionalNumber("l2") ?? p.l2
        p.l1 = try m.optionalNumber("l1") ?? p.l1
        p.standardize = try m.optionalBool("standardize") ?? p.standardize
        if let solver = try m.optionalString("solver") {
            guard let s = LogisticRegressionParameters.Solver(rawValue: solver) else {
                throw TrainingError(.invalidConfiguration, "unknown solver '\(solver)' (auto, newton, lbfgs)", field: "model.solver")
            }
            p.solver = s
        }
        p.maxIterations = try m.optionalInt("max_iterations", range: 1...1_000_000) ?? p.maxIterations
        p.tolerance = try m.optionalNumber("tolerance") ?? p.tolerance
        let (weights, balanced) = try m.classWeights()
        p.classWeights = weights
        p.balancedClassWeights = balanced
        var tree: [String: _JSONTree] = [
            "kind": .string("logistic_regression"), "objective": .string(p.multiclass ? "multiclass" : "binary"), "l2": .number(p.l2),
            "l1": .number(p.l1), "standardize": .bool(p.standardize), "solver": .string(p.solver.rawValue),
            "max_iterations": .number(Double(p.maxIterations)), "tolerance": .number(p.tolerance),
        ]
        if balanced { tree["class_weight"] = .string("balanced") }
        if !p.classWeights.isEmpty { tree["class_weight"] = .array(p.classWeights.map { .number($0) }) }
        return (p, tree)
    }
}

/// Strict reading of one config object: every key read must be allowed; types checked.
struct _ConfigReader {
    let members: [String: _JSONTree]
    let path: String

    init(_ tree: _JSONTree, path: String) {
        if case .object(let m) = tree { members = m } else { members = [:] }
        self.path = path
    }

    func key(_ k: String) -> String { path.isEmpty ? k : path + "." + k }

    func allow(_ keys: Set<String>) throws {
        for k in members.keys.sorted() where !keys.contains(k) {
            throw TrainingError(
                .invalidConfiguration, "unknown key '\(key(k))' (expected \(keys.sorted().joined(separator: ", ")))", field: key(k))
        }
    }

    func section(_ k: String) throws -> _ConfigReader {
        guard let s = try optionalSection(k) else {
            throw TrainingError(.invalidConfiguration, "missing section '\(key(k))'", field: key(k))
        }
        return s
    }

    func optionalSection(_ k: String) throws -> _ConfigReader? {
        guard let v = members[k] else { return nil }
        guard case .object = v else { throw TrainingError(.invalidConfiguration, "'\(key(k))' must be a mapping", field: key(k)) }
        return _ConfigReader(v, path: key(k))
    }

    func string(_ k: String) throws -> String {
        guard let s = try optionalString(k) else { throw TrainingError(.invalidConfiguration, "missing '\(key(k))'", field: key(k)) }
        return s
    }

    func optionalString(_ k: String) throws -> String? {
        guard let v = members[k] else { return nil }
        guard case .string(let s) = v, !s.isEmpty else {
            throw TrainingError(.invalidConfiguration, "'\(key(k))' must be a non-empty string", field: key(k))
        }
        return s
    }

    func optionalStrings(_ k: String) throws -> [String]? {
        guard let v = members[k] else { return nil }
        guard case .array(let items) = v, !items.isEmpty else {
            throw TrainingError(.invalidConfiguration, "'\(key(k))' must be a non-empty list of names", field: key(k))
        }
        return try items.map {
            guard case .string(let s) = $0 else { throw TrainingError(.invalidConfiguration, "'\(key(k))' holds a non-string", field: key(k)) }
            return s
        }
    }

    func optionalNumber(_ k: String) throws -> Double? {
        guard let v = members[k] else { return nil }
        guard case .number(let d) = v, d.isFinite else {
            throw TrainingError(.invalidConfiguration, "'\(key(k))' must be a number", field: key(k))
        }
        return d
    }

    func optionalNumbers(_ k: String) throws -> [Double]? {
        guard let v = members[k] else { return nil }
        guard case .array(let items) = v else { throw TrainingError(.invalidConfiguration, "'\(key(k))' must be a list of numbers", field: key(k)) }
        return try items.map {
            guard case .number(let d) = $0, d.isFinite else {
                throw TrainingError(.invalidConfiguration, "'\(key(k))' holds a non-number", field: key(k))
            }
            return d
        }
    }

    /// `class_weight`: a list of numbers, or `balanced` (scikit-learn's n / (K · count_k)).
    func classWeights() throws -> ([Double], balanced: Bool) {
        if case .string(let s)? = members["class_weight"] {
            guard s == "balanced" else {
                throw TrainingError(.invalidConfiguration, "'\(key("class_weight"))' must be a list of numbers or 'balanced'", field: key("class_weight"))
            }
            return ([], true)
        }
        return (try optionalNumbers("class_weight") ?? [], false)
    }

    func optionalInt(_ k: String, range: ClosedRange<Int>) throws -> Int? {
        guard let d = try optionalNumber(k) else { return nil }
        // Int(exactly:) refuses fractions and values beyond Int (2^63 would trap in Int(_:)).
        guard let i = Int(exactly: d), range.contains(i) else {
            throw TrainingError(
                .invalidConfiguration, "'\(key(k))' must be an integer in \(range.lowerBound)…\(range.upperBound) (got \(d))", field: key(k))
        }
        return i
    }

    func optionalBool(_ k: String) throws -> Bool? {
        guard let v = members[k] else { return nil }
        guard case .bool(let b) = v else { throw TrainingError(.invalidConfiguration, "'\(key(k))' must be true or false", field: key(k)) }
        return b
    }
}
