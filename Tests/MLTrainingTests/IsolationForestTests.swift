import FoundationEssentials
import MLCore
import MLModels
import MLTesting
@testable import MLTraining
import Testing

/// `Fixtures/training/isolation_forest/forest.json`: a scikit-learn 1.9 IsolationForest (7 trees,
/// ψ = 32) dumped node by node, with its own `score_samples`.
struct SklearnForest: Decodable {
    struct Tree: Decodable {
        let children_left: [Int]
        let children_right: [Int]
        let feature: [Int]
        let threshold: [Double]
        let n_node_samples: [Int]
    }
    let max_samples: Int
    let trees: [Tree]
    let score_samples_train: [Double]
    let score_samples_test: [Double]

    static func load() throws -> SklearnForest {
        let path = FixtureLocator(testFile: #filePath).path("training/isolation_forest/forest.json")
        return try JSONDecoder().decode(SklearnForest.self, from: Data(try _FileSystem.readBytes(atPath: path, maximumSize: 1 << 20)))
    }

    /// Our model of the same trees: scikit-learn compares float32 `x <= threshold` (float64), so
    /// the threshold becomes the largest float not above it.
    func model(features: [String]) throws -> IsolationForestModel {
        let trees = trees.map { t in
            (0..<t.feature.count).map { i -> IsolationForestModel.Node in
                var th = Float(t.threshold[i])
                if Double(th) > t.threshold[i] { th = th.nextDown }
                let leaf = t.children_left[i] < 0
                return IsolationForestModel.Node(
                    feature: leaf ? -1 : Int32(t.feature[i]), threshold: leaf ? 0 : th, left: Int32(t.children_left[i]),
                    right: Int32(t.children_right[i]), samples: Int32(t.n_node_samples[i]))
            }
        }
        return try IsolationForestModel(trees: trees, maxSamples: max_samples, featureNames: features)
    }
}

@Suite("Isolation forest")
struct IsolationForestTests {
    let fixtures = FixtureLocator(testFile: #filePath)

    @Test("c(n) is scikit-learn's average path length")
    func averagePathLength() {
        #expect(IsolationForestModel.averagePathLength(0) == 0)
        #expect(IsolationForestModel.averagePathLength(1) == 0)
        #expect(IsolationForestModel.averagePathLength(2) == 1)
        #expect(abs(IsolationForestModel.averagePathLength(3) - 1.207392357589623) < 1e-15)
        #expect(abs(IsolationForestModel.averagePathLength(256) - 10.244770920119917) < 1e-13)
    }

    @Test("a fixed forest scores exactly as scikit-learn's score_samples, in memory and as a model file")
    func sklearnForest() throws {
        let forest = try SklearnForest.load()
        let train = try TrainingTable(contentsOf: fixtures.path("training/isolation_forest/train.csv"), label: nil)
        let test = try TrainingTable(contentsOf: fixtures.path("training/isolation_forest/test.csv"), label: nil)
        let model = try forest.model(features: train.features)
        for (table, expected) in [(train, forest.score_samples_train), (test, forest.score_samples_test)] {
            let got = model.scoreSamples(table.x)
            #expect(got.count == expected.count)
            for i in 0..<got.count { #expect(abs(got[i] - expected[i]) <= 1e-15, "row \(i): \(got[i]) vs \(expected[i])") }
            let loaded = try ModelLoader.load(bytes: try model.nativeJSON())
            #expect(loaded.outputKind == .anomalyScore)
            let scored = try loaded.predict(table.x)
            for i in 0..<got.count { #expect(abs(scored.elements[i] + expected[i]) <= 1e-15, "file row \(i)") }
        }
    }

    @Test("training: ψ rows per tree, depth ⌈log₂ ψ⌉, identical at 1 and 2 threads, outliers score higher")
    func training() throws {
        var random = SeededRandom(seed: 11)
        let rows = 4000, f = 5
        var x = [Float](repeating: 0, count: rows * f)
        var outlier = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            let far = r % 50 == 0
            outlier[r] = far ? 1 : 0
            for j in 0..<f { x[r * f + j] = Float(random.nextNormal() * (far ? 4 : 1)) }
        }
        let m = try Matrix(rows: rows, columns: f, elements: x)
        var p = IsolationForestParameters()
        p.numTrees = 50
        p.seed = 3
        let one = try IsolationForestTrainer.train(x: m, parameters: p)
        p.threads = 2
        let two = try IsolationForestTrainer.train(x: m, parameters: p)
        #expect(one == two)
        #expect(try one.nativeJSON() == two.nativeJSON())
        #expect(one.maxSamples == 256)
        for tree in one.trees {
            #expect(tree[0].samples == 256)
            let leaves = tree.filter { $0.feature < 0 }
            #expect(leaves.reduce(0) { $0 + Int($1.samples) } == 256)
        }
        #expect(one.leafPathLengths.allSatisfy { $0.allSatisfy { $0 <= 8 + IsolationForestModel.averagePathLength(256) } })
        let scores = one.predict(m)
        #expect(scores.allSatisfy { $0 > 0 && $0 <= 1 })
        #expect(auc(scores, outlier) > 0.9)
        p.seed = 4
        #expect(try IsolationForestTrainer.train(x: m, parameters: p) != one)
    }

    @Test("missing values and bad parameters are typed errors")
    func badInputs() throws {
        let m = try Matrix<Float>(rows: 2, columns: 2, elements: [1, .nan, 3, 4])
        #expect(throws: TrainingError.self) { try IsolationForestTrainer.train(x: m, parameters: .init(), featureNames: ["a", "b"]) }
        var p = IsolationForestParameters()
        p.numTrees = 0
        let ok = try Matrix<Float>(rows: 2, columns: 1, elements: [1, 2])
        #expect(throws: TrainingError.self) { try IsolationForestTrainer.train(x: ok, parameters: p) }
        let bad = [[IsolationForestModel.Node(feature: 0, threshold: 1, left: 1, right: 5, samples: 2)]]
        #expect(throws: TrainingError.self) { try IsolationForestModel(trees: bad, maxSamples: 2, featureNames: ["a"]) }
    }

    @Test("decoding validates: a bad child index or mismatched arrays are errors, not traps")
    func decodingValidates() throws {
        let badForest = #"{"trees": [[{"feature": 0, "threshold": 1, "left": 1, "right": 9, "samples": 2}]], "maxSamples": 2, "featureNames": ["a"]}"#
        #expect(throws: (any Error).self) { try JSONDecoder().decode(IsolationForestModel.self, from: Data(badForest.utf8)) }
        let badLinear = #"{"classCount": 2, "featureNames": ["a", "b"], "means": [0, 0], "scales": [1, 1], "coefficients": [1], "#
            + #""intercepts": [0], "objectiveValue": 0, "iterations": 1, "converged": true, "solver": "newton", "standardized": false}"#
        #expect(throws: (any Error).self) { try JSONDecoder().decode(LogisticRegressionModel.self, from: Data(badLinear.utf8)) }
        let x = try Matrix<Float>(rows: 2, columns: 1, elements: [1, 2])
        let model = try LogisticRegressionTrainer.train(x: x, y: [0, 1], parameters: .init())
        let again = try JSONDecoder().decode(LogisticRegressionModel.self, from: try JSONEncoder().encode(model))
        #expect(again == model)
    }
}
