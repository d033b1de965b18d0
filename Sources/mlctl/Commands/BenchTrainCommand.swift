import ArgumentParser
import MLBenchmarkSupport
import MLCore
import MLTraining

/// `mlctl bench train --x X.npy [--y y.npy] [--test-x T.npy] [--kind gbdt|logistic_regression|isolation_forest] …` (W3).
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time a training in memory (W3): boosted trees, logistic regression, or isolation forest fit + score.",
        discussion: """
            NPY reading is not timed; GBDT binning is. --kind isolation_forest times the fit and the scoring of every \
            training row through the exported model file (--y not needed). --json prints the TrainingBenchmark \
            fields (test predictions included with --test-x; the forest's training-row scores without it).
            """
    )

    @Option(help: "Features, a 2-D float32 or float64 NPY.") var x: String
    @Option(help: "Labels, a 1-D NPY (not for isolation_forest).") var y: String?
    @Option(help: "gbdt, logistic_regression or isolation_forest.") var kind = "gbdt"
    @Option(name: .customLong("test-x"), help: "Test features to predict with the trained model.") var testX: String?
    @Option(help: "leafwise or depthwise.") var growth = "leafwise"
    @Option(name: .customLong("num-leaves")) var numLeaves = 31
    @Option(name: .customLong("max-depth")) var maxDepth = -1
    @Option(name: .customLong("num-trees")) var numTrees = 100
    @Option(name: .customLong("learning-rate")) var learningRate = 0.1
    @Option(name: .customLong("min-child-samples")) var minChildSamples = 20
    @Option(name: .customLong("min-child-weight")) var minChildWeight = 1e-3
    @Option(help: "GBDT leaf L2 (default 0); logistic regression: 1/C (default 1).") var l2: Double?
    @Option(help: "Logistic regression: auto, newton or lbfgs.") var solver = "auto"
    @Option(help: "Logistic regression: gradient tolerance per unit row weight.") var tolerance = 1e-8
    @Option(name: .customLong("max-samples"), help: "Isolation forest: rows per tree.") var maxSamples = 256
    @Option var seed: UInt64 = 1
    @Option var threads = 1
    @Option var repeats = 1
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let features = try Matrix<Float>(contentsOfNPYFile: x)
        let test = try testX.map { try Matrix<Float>(contentsOfNPYFile: $0) }
        func labels() throws -> [Double] {
            guard let y else { throw ValidationError("--y is needed for --kind \(kind)") }
            return try Matrix<Double>(contentsOfNPYFile: y).elements
        }
        switch kind {
        case "gbdt": break
        case "logistic_regression":
            var p = LogisticRegressionParameters()
            p.l2 = l2 ?? 1
            guard let s = LogisticRegressionParameters.Solver(rawValue: solver) else { throw ValidationError("--solver is auto, newton or lbfgs") }
            p.solver = s
            p.tolerance = tolerance
            p.threads = threads
            let r = try TrainingBenchmark.run(x: features, y: try labels(), logisticRegression: p, testX: test, repeats: repeats)
            try jsonOutput.emit(r) {
                print("logistic regression \(r.rows) × \(r.features), \(r.iterations ?? 0) iterations: median \(r.secondsMedian) s")
            }
            return
        case "isolation_forest":
            var p = IsolationForestParameters()
            p.numTrees = numTrees
            p.maxSamples = maxSamples
            p.seed = seed
            p.threads = threads
            let r = try TrainingBenchmark.run(x: features, isolationForest: p, testX: test, repeats: repeats)
            try jsonOutput.emit(r) {
                print("isolation forest \(r.rows) × \(r.features), \(r.trees) trees, fit + score: median \(r.secondsMedian) s")
            }
            return
        default:
            throw ValidationError("--kind is gbdt, logistic_regression or isolation_forest")
        }
        var p = GBDTParameters()
        guard let g = GBDTParameters.Growth(rawValue: growth) else { throw ValidationError("--growth is leafwise or depthwise") }
        p.growth = g
        p.numLeaves = numLeaves
        p.maxDepth = maxDepth
        p.numTrees = numTrees
        p.learningRate = learningRate
        p.minChildSamples = minChildSamples
        p.minChildWeight = minChildWeight
        p.l2 = l2 ?? 0
        p.seed = seed
        p.threads = threads
        let r = try TrainingBenchmark.run(x: features, y: try labels(), parameters: p, testX: test, repeats: repeats)
        try jsonOutput.emit(r) {
            print("GBDT \(r.rows) × \(r.features), \(r.trees) trees (\(growth)): median \(r.secondsMedian) s")
        }
    }
}
