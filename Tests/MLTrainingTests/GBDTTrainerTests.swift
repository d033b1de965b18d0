import MLCore
import MLModels
@testable import MLTraining
import Testing

/// A synthetic binary problem like the acceptance check's: 12 features, 3 % missing, a label
/// from a nonlinear score.
func syntheticBinary(rows: Int, seed: UInt64, missing: Double = 0.03) throws -> (Matrix<Float>, [Double]) {
    var random = SeededRandom(seed: seed)
    let p = 12
    var x = [Float](repeating: 0, count: rows * p)
    var y = [Double](repeating: 0, count: rows)
    for r in 0..<rows {
        var v = [Double](repeating: 0, count: p)
        for j in 0..<p {
            v[j] = random.nextNormal()
            x[r * p + j] = random.nextDouble() < missing ? .nan : Float(v[j])
        }
        func val(_ j: Int) -> Double { x[r * p + j].isNaN ? 0 : v[j] }
        let z = 1.2 * val(0) - val(1) * val(2) + _tanh(2 * val(3)) + 0.5 * (val(4) > 0.3 ? 1 : 0)
        y[r] = random.nextDouble() < 1 / (1 + _exp(-z)) ? 1 : 0
    }
    return (try Matrix(rows: rows, columns: p, elements: x), y)
}

func _exp(_ x: Double) -> Double { _Math.exp(x) }
func _tanh(_ x: Double) -> Double { _Math.tanh(x) }

/// ROC-AUC by the rank-sum formula with midranks (for test assertions only).
func auc(_ scores: [Double], _ labels: [Double]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var ranks = [Double](repeating: 0, count: scores.count)
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
        for k in i...j { ranks[order[k]] = Double(i + j) / 2 + 1 }
        i = j + 1
    }
    let pos = labels.filter { $0 == 1 }.count
    let neg = labels.count - pos
    var sum = 0.0
    for (r, l) in zip(ranks, labels) where l == 1 { sum += r }
    return (sum - Double(pos * (pos + 1)) / 2) / Double(pos * neg)
}

@Suite struct GBDTTrainerTests {
    @Test func deterministicAtOneAndTwoThreads() throws {
        let (x, y) = try syntheticBinary(rows: 3000, seed: 5)
        var p = GBDTParameters()
        p.numTrees = 20
        p.subsample = 0.8
        p.colsample = 0.7
        let one = try GBDTTrainer.train(x: x, y: y, parameters: p).xgboostJSON()
        let again = try GBDTTrainer.train(x: x, y: y, parameters: p).xgboostJSON()
        p.threads = 2
        let two = try GBDTTrainer.train(x: x, y: y, parameters: p).xgboostJSON()
        #expect(one == again)
        #expect(one == two)
        p.seed = 2
        #expect(try GBDTTrainer.train(x: x, y: y, parameters: p).xgboostJSON() != one)
    }

    /// The XGBoost JSON loads in MLModels and scores exactly as the trained model (raw margins, bit for bit).
    @Test(arguments: [GBDTParameters.Objective.binary, .multiclass, .regression])
    func exportLoadsAndScoresIdentically(_ objective: GBDTParameters.Objective) throws {
        var (x, y) = try syntheticBinary(rows: 2000, seed: 9)
        if objective == .multiclass { y = y.enumerated().map { i, v in v + Double(i % 2) } }  // classes 0, 1, 2
        if objective == .regression { y = y.enumerated().map { i, v in v * 3 + Double(i % 7) * 0.25 } }
        var p = GBDTParameters()
        p.objective = objective
        p.numTrees = 15
        p.growth = objective == .regression ? .depthwise : .leafwise
        p.maxDepth = objective == .regression ? 4 : -1
        let model = try GBDTTrainer.train(x: x, y: y, parameters: p)
        let loaded = try TreeEnsembleModel(bytes: model.xgboostJSON())
        let raw = try loaded.predict(x, options: PredictionOptions(output: .rawMargin))
        let mine = model.margins(x)
        #expect(raw.elements.count == mine.count)
        var same = 0
        for (a, b) in zip(raw.elements, mine) where Float(a) == b { same += 1 }
        #expect(same == mine.count)
        #expect(loaded.treeCount == model.trees.count)
        // And through our own format.
        let native = try ModelConverter.convert(bytes: model.xgboostJSON(), sourceFile: "model.xgboost.json")
        let nativeRaw = try native.model.predict(x, options: PredictionOptions(output: .rawMargin))
        #expect(nativeRaw.elements == raw.elements)
    }

    @Test func learnsTheSignalAndTheMissingDirection() throws {
        let (x, y) = try syntheticBinary(rows: 6000, seed: 11)
        let (xt, yt) = try syntheticBinary(rows: 3000, seed: 12)
        var p = GBDTParameters()
        p.numTrees = 100
        let model = try GBDTTrainer.train(x: x, y: y, parameters: p, validation: (xt, yt))
        let a = auc(model.predict(xt), yt)
        #expect(a > 0.78, "test AUC \(a)")
        #expect(model.validationLoss.count == 100)
        #expect(model.validationLoss[99] < model.validationLoss[0])
        // Feature 0 carries the strongest linear signal: most gain.
        let gain = model.gainImportance
        #expect(gain.firstIndex(of: gain.max() ?? 0) == 0)
        #expect(model.splitImportance.reduce(0, +) == model.trees.reduce(0) { $0 + $1.nodes.filter { !$0.isLeaf }.count })
    }

    /// One split on a tiny set: the leaf values are −G/(H + λ)·η from the base margin, by hand.
    @Test func oneSplitByHand() throws {
        // x = 0,1,2,3 with labels 0,0,1,1; base rate 0.5 → margin 0, p = 0.5: g = p − y, h = 0.25.
        let x = try Matrix<Float>(rows: 4, columns: 1, elements: [0, 1, 2, 3])
        var p = GBDTParameters()
        p.numTrees = 1
        p.numLeaves = 2
        p.minChildSamples = 1
        p.learningRate = 0.5
        p.l2 = 1
        let model = try GBDTTrainer.train(x: x, y: [0, 0, 1, 1], parameters: p)
        let tree = try #require(model.trees.first)
        #expect(tree.nodes.count == 3)
        #expect(tree.nodes[0].threshold == 2)  // x < 2 goes left
        // Left: G = 0.5 + 0.5 = 1, H = 0.5 → −1/1.5·0.5; right: G = −1 → +1/1.5·0.5.
        #expect(tree.nodes[1].value == Float(-1.0 / 1.5 * 0.5))
        #expect(tree.nodes[2].value == Float(1.0 / 1.5 * 0.5))
        // Gain: 1/1.5 + 1/1.5 − 0/2.
        #expect(abs(tree.nodes[0].gain - 2 / 1.5) < 1e-12)
        #expect(model.baseScores == [0.5])
    }

    /// Rows whose feature is missing go where the gradient says: here all positives are missing.
    @Test func missingValuesLearnADefaultDirection() throws {
        let x = try Matrix<Float>(rows: 8, columns: 1, elements: [0, 1, 2, 3, .nan, .nan, .nan, .nan])
        let y: [Double] = [0, 0, 0, 1, 1, 1, 1, 1]
        var p = GBDTParameters()
        p.numTrees = 1
        p.numLeaves = 2
        p.minChildSamples = 1
        let model = try GBDTTrainer.train(x: x, y: y, parameters: p)
        let root = try #require(model.trees.first?.nodes.first)
        #expect(!root.isLeaf)
        let m = model.margins(x)
        #expect(m[4] > m[0] && m[4] == m[7])
        #expect(m[3] == m[4] || m[3] > m[0])
    }

    @Test func refusesLabelsAndParametersItCannotTrainOn() throws {
        let x = try Matrix<Float>(rows: 4, columns: 1, elements: [0, 1, 2, 3])
        let p = GBDTParameters()
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [1, 1, 1, 1], parameters: p) }
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [0, 1, 2, 1], parameters: p) }
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [0, 1, .nan, 1], parameters: p) }
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [0, 1, 1], parameters: p) }
        var multi = p
        multi.objective = .multiclass
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [0, 2, 2, 0], parameters: multi) }
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [0, 1.5, 1, 0], parameters: multi) }
        // A label may not declare more classes than the cap (memory is classes × rows).
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [0, 1, 5000, 2], parameters: multi) }
        var bad = p
        bad.learningRate = 0
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [0, 1, 0, 1], parameters: bad) }
        bad = p
        bad.subsample = 1.5
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [0, 1, 0, 1], parameters: bad) }
        bad = p
        bad.classWeights = [1, 2, 3]
        #expect(throws: TrainingError.self) { try GBDTTrainer.train(x: x, y: [0, 1, 0, 1], parameters: bad) }
    }

    @Test func earlyStoppingKeepsTheBestIteration() throws {
        let (x, y) = try syntheticBinary(rows: 1500, seed: 21)
        let (xv, yv) = try syntheticBinary(rows: 500, seed: 22)
        var p = GBDTParameters()
        p.numTrees = 300
        p.learningRate = 0.3
        p.earlyStoppingRounds = 10
        let model = try GBDTTrainer.train(x: x, y: y, parameters: p, validation: (xv, yv))
        let best = try #require(model.bestIteration)
        #expect(model.trees.count == best + 1)
        #expect(model.validationLoss.count < 300)
        #expect(model.validationLoss[best] == model.validationLoss.min())
        #expect(model.validationLoss.count - 1 - best == 10)
    }
}

@Suite struct FeatureBinningTests {
    /// With room for only three histograms, dropped ones are rebuilt: the same tree as with room for all.
    @Test func histogramBudgetDoesNotChangeTheTree() throws {
        let (x, y) = try syntheticBinary(rows: 3000, seed: 31)
        let bins = _FeatureBins(x, maxBins: 255)
        var p = GBDTParameters()
        p.numLeaves = 40
        p.minChildSamples = 5
        let gh: [Float] = y.flatMap { v -> [Float] in [Float(0.5 - v), 0.25] }
        let rows = (0..<3000).map { Int32($0) }
        var roomy = _TreeGrower(data: bins, parameters: p)
        var tight = _TreeGrower(data: bins, parameters: p, histogramBudgetBytes: 1)
        #expect(tight.maxSlots == 3)
        let a = roomy.grow(rows: rows, features: Array(0..<12), gh: gh).nodes
        let b = tight.grow(rows: rows, features: Array(0..<12), gh: gh).nodes
        #expect(a.count > 30)
        #expect(a == b)
    }

    @Test func radixSortOrdersLikeSort() {
        var random = SplitMix64(seed: 4)
        var values: [Float] = [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, -1]
        for _ in 0..<5000 { values.append(Float(bitPattern: UInt32(truncatingIfNeeded: random.next())) ) }
        values = values.filter { !$0.isNaN }
        var mine = values
        _FeatureBins.radixSort(&mine)
        let sorted = values.sorted()
        #expect(mine.count == sorted.count)
        #expect(zip(mine, sorted).allSatisfy { $0 == $1 })
        for i in 1..<mine.count { #expect(mine[i - 1] <= mine[i]) }
    }

    @Test func binsFollowTheCuts() throws {
        // Few distinct values: a cut at every distinct value but the smallest; x < cut[b] ⇔ bin ≤ b.
        let x = try Matrix<Float>(rows: 6, columns: 1, elements: [3, 1, 2, .nan, 1, 7])
        let bins = _FeatureBins(x, maxBins: 255)
        #expect(bins.cuts[0] == [2, 3, 7])
        #expect(bins.bins == [2, 0, 1, 4, 0, 3])  // missing: the bin after the four value bins
        // Many values: at most maxBins value bins.
        let many = try Matrix<Float>(rows: 1000, columns: 1, elements: (0..<1000).map { Float($0) })
        let b = _FeatureBins(many, maxBins: 16)
        #expect(b.cuts[0].count <= 15)
        #expect(b.bins.max() ?? 0 <= 15)
        // Histograms are sized by the bins the data has: 2 rows × 1,000 columns need 3 entries a column
        // (two value bins and the missing bin), not 256.
        let wide = try Matrix<Float>(rows: 2, columns: 1000, elements: (0..<2000).map { Float($0 / 1000) })  // row 0 zeros, row 1 ones
        #expect(_FeatureBins(wide, maxBins: 255).entryCount == 3000)
    }
}
