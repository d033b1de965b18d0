import ArgumentParser
import MLBenchmarkSupport
import MLCore
import MLTraining

/// `mlctl bench train --x X.npy --y y.npy [--test-x T.npy] [--growth leafwise|depthwise] …` (W3).
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time a gradient-boosted tree training in memory (W3); NPY reading is not timed, binning is.",
        discussion: "--json prints the TrainingBenchmark fields (test predictions included with --test-x)."
    )

    @Option(help: "Features, a 2-D float32 or float64 NPY.") var x: String
    @Option(help: "Labels, a 1-D NPY.") var y: String
    @Option(name: .customLong("test-x"), help: "Test features to predict with the trained model.") var testX: String?
    @Option(help: "leafwise or depthwise.") var growth = "leafwise"
    @Option(name: .customLong("num-leaves")) var numLeaves = 31
    @Option(name: .customLong("max-depth")) var maxDepth = -1
    @Option(name: .customLong("num-trees")) var numTrees = 100
    @Option(name: .customLong("learning-rate")) var learningRate = 0.1
    @Option(name: .customLong("min-child-samples")) var minChildSamples = 20
    @Option(name: .customLong("min-child-weight")) var minChildWeight = 1e-3
    @Option var l2 = 0.0
    @Option var threads = 1
    @Option var repeats = 1
    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        var p = GBDTParameters()
        guard let g = GBDTParameters.Growth(rawValue: growth) else { throw ValidationError("--growth is leafwise or depthwise") }
        p.growth = g
        p.numLeaves = numLeaves
        p.maxDepth = maxDepth
        p.numTrees = numTrees
        p.learningRate = learningRate
        p.minChildSamples = minChildSamples
        p.minChildWeight = minChildWeight
        p.l2 = l2
        p.threads = threads
        let features = try Matrix<Float>(contentsOfNPYFile: x)
        let labels = try Matrix<Double>(contentsOfNPYFile: y).elements
        let test = try testX.map { try Matrix<Float>(contentsOfNPYFile: $0) }
        let r = try TrainingBenchmark.run(x: features, y: labels, parameters: p, testX: test, repeats: repeats)
        try jsonOutput.emit(r) {
            print("GBDT \(r.rows) × \(r.features), \(r.trees) trees (\(growth)): median \(r.secondsMedian) s")
        }
    }
}
