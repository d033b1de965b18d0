import MLCore
import MLModels
import MLTesting
import Testing

/// Hand-made LightGBM models: double thresholds with `<=`, the three missing types,
/// multi-word categorical bitsets, linear leaves, average_output.
@Suite struct LightGBMSemanticsTests {
    func stumpModel(threshold: String, decisionType: Int) throws -> TreeEnsembleModel {
        try TreeEnsembleModel(bytes: TinyModels.lightGBM(trees: [TinyModels.lgbStump(threshold: threshold, decisionType: decisionType)]))
    }

    @Test func doubleThresholdsCompareLessOrEqual() throws {
        let model = try stumpModel(threshold: "0.5", decisionType: 8)
        #expect(try score1(model, [[0.5, 0], [Float(0.5).nextUp, 0]]) == [-1, 1])
        // 0.1 (double) lies below Float(0.1): that float goes right, the float below goes left.
        let tenth = try stumpModel(threshold: "0.10000000000000001", decisionType: 8)
        #expect(try score1(tenth, [[Float(0.1), 0], [Float(0.1).nextDown, 0]]) == [1, -1])
    }

    @Test func missingTypeNoneTreatsNaNAsZero() throws {
        // decision_type 0: numeric, default right, missing None — NaN compares as 0.
        #expect(try score1(try stumpModel(threshold: "-1", decisionType: 0), [[.nan, 0], [0, 0]]) == [1, 1])
        #expect(try score1(try stumpModel(threshold: "1", decisionType: 2), [[.nan, 0], [0, 0]]) == [-1, -1])
    }

    @Test func missingTypeZeroSendsZerosAndNaNToTheDefaultSide() throws {
        // decision_type 6 = default left + missing Zero; threshold -5.
        let left = try stumpModel(threshold: "-5", decisionType: 6)
        let rows: [[Float]] = [[0, 0], [1e-36, 0], [-1e-36, 0], [.nan, 0], [-1e-30, 0], [-6, 0], [3, 0]]
        #expect(try score1(left, rows) == [-1, -1, -1, -1, 1, -1, 1])
        // decision_type 4 = default right + missing Zero.
        let right = try stumpModel(threshold: "-5", decisionType: 4)
        #expect(try score1(right, rows) == [1, 1, 1, 1, 1, -1, 1])
    }

    @Test func missingTypeNaNSendsOnlyNaNToTheDefaultSide() throws {
        let left = try stumpModel(threshold: "-5", decisionType: 10)
        #expect(try score1(left, [[.nan, 0], [0, 0], [-6, 0]]) == [-1, 1, -1])
        let right = try stumpModel(threshold: "-5", decisionType: 8)
        #expect(try score1(right, [[.nan, 0], [0, 0], [-6, 0]]) == [1, 1, -1])
    }

    @Test func categoricalBitsetSpanningWords() throws {
        // Codes 1, 3 (word 0 = 0b1010) and 40 (word 1, bit 8) go left.
        let tree = TinyModels.lgbStump(
            feature: 1, threshold: "0", decisionType: 1, numCat: 1,
            extraLines: ["cat_boundaries=0 2", "cat_threshold=10 256"])
        let model = try TreeEnsembleModel(bytes: TinyModels.lightGBM(trees: [tree]))
        let codes: [Float] = [1, 3, 40, 2, 0, 41, 64, 1000, -1, .nan, 1.9, -0.5, 3e9, 39.99]
        let got = try score1(model, codes.map { [0, $0] })
        #expect(got == [-1, -1, -1, 1, 1, 1, 1, 1, 1, 1, -1, 1, 1, 1])
    }

    @Test func linearLeavesFallBackToTheConstantLeafOnNaN() throws {
        let tree = TinyModels.lgbStump(
            threshold: "0", decisionType: 2, isLinear: true,
            extraLines: ["leaf_const=0.5 2", "num_features=2 1", "leaf_features=0 1  1 ", "leaf_coeff=3 -2  0.25 "])
        let model = try TreeEnsembleModel(bytes: TinyModels.lightGBM(trees: [tree]))
        let got = try score1(model, [[-1, 2], [-1, .nan], [3, 4], [3, .nan], [.nan, 1]])
        // Left: 0.5 + 3·x0 − 2·x1; right: 2 + 0.25·x1; NaN → leaf_value. NaN x0 → None type → 0 ≤ 0 → left.
        let left: Double = 0.5 + 3 * -1 - 2 * 2
        let right: Double = 2 + 0.25 * 4
        #expect(got == [left, -1, right, 1, -1])
        #expect(model.modelDescription.details["linear_trees"] == "true")
    }

    @Test func averageOutputDividesTheSumBeforeTheLink() throws {
        let trees = [TinyModels.lgbStump(threshold: "0", decisionType: 2, left: "1", right: "3"),
                     TinyModels.lgbStump(threshold: "0", decisionType: 2, left: "2", right: "5")]
        let model = try TreeEnsembleModel(bytes: TinyModels.lightGBM(
            trees: trees, objective: "binary sigmoid:1", extraHeader: "average_output"))
        #expect(try score1(model, [[-1, 0], [1, 0]], .init(output: .rawMargin)) == [1.5, 4])
        #expect(try score1(model, [[-1, 0]]) == [1 / (1 + _Math.exp(-1.5))])
        #expect(model.modelDescription.booster == "rf")
    }

    @Test func multiclassTreesCycleThroughClasses() throws {
        let trees = (0..<6).map { i in TinyModels.lgbStump(threshold: "0", decisionType: 2, left: "\(i)", right: "0") }
        let model = try TreeEnsembleModel(bytes: TinyModels.lightGBM(
            trees: trees, objective: "multiclass num_class:3", numClass: 3, perIteration: 3))
        #expect(try scoreRows(model, [[-1, 0]], .init(output: .rawMargin)) == [[3, 5, 7]])
        let p = try scoreRows(model, [[-1, 0]])[0]
        let e = [_Math.exp(3.0 - 7), _Math.exp(5.0 - 7), _Math.exp(7.0 - 7)]
        let s = e.reduce(0, +)
        #expect(p == e.map { $0 / s })
        #expect(try model.outputColumnNames(for: .init(output: .rawMargin)) == ["margin0", "margin1", "margin2"])
    }

    @Test func singleLeafTree() throws {
        let tree = "num_leaves=1\nnum_cat=0\nsplit_feature=\nsplit_gain=\nthreshold=\ndecision_type=\nleft_child=\nright_child=\nleaf_value=0.25\nleaf_weight=\nleaf_count=\ninternal_value=\ninternal_weight=\ninternal_count=\nis_linear=0\nshrinkage=1"
        let model = try TreeEnsembleModel(bytes: TinyModels.lightGBM(trees: [tree]))
        #expect(try score1(model, [[1, 2], [.nan, .nan]]) == [0.25, 0.25])
        #expect(try scoreRows(model, [[1, 2]], .init(output: .leafIndex)) == [[0]])
    }
}
