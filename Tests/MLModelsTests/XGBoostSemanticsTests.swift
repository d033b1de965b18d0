import MLCore
import MLModels
import MLTesting
import Testing

/// Hand-made XGBoost models: strict float32 thresholds, default_left, categorical splits,
/// dart weights, parallel trees, base_score forms, iteration ranges, leaf indices.
@Suite struct XGBoostSemanticsTests {
    @Test func strictFloatThresholdAndDefaultLeft() throws {
        for dl in [false, true] {
            let bytes = TinyModels.xgboost(trees: [.stump(cond: "0.1", lo: "-1", hi: "1", defaultLeft: dl)])
            let model = try TreeEnsembleModel(bytes: bytes)
            let c = Float(0.1)
            let got = try score1(model, [[c, 0], [c.nextDown, 0], [c.nextUp, 0], [.nan, 0], [.infinity, 0], [-.infinity, 0]])
            // x < cond goes left (exactly equal goes right); NaN follows default_left; ±∞ are values.
            #expect(got == [1, -1, 1, dl ? -1 : 1, 1, -1])
        }
    }

    @Test func categoricalListedCategoriesGoRight() throws {
        var tree = TinyModels.XGBTree.stump(cond: "0", lo: "-1", hi: "1", defaultLeft: true)
        tree.splitType = [1, 0, 0]
        tree.categories = [7, 2, 5]
        tree.categoryNodes = [0]
        tree.categorySegments = [0]
        tree.categorySizes = [3]
        let model = try TreeEnsembleModel(bytes: TinyModels.xgboost(trees: [tree], objective: "reg:squarederror"))
        let codes: [Float] = [2, 5, 7, 3, 100, -1, .nan, 5.7, 2e7, 0]
        let got = try score1(model, codes.map { [$0, 0] })
        #expect(got == [1, 1, 1, -1, -1, -1, -1, 1, -1, -1])
        #expect(model.modelDescription.details["categorical_splits"] == "true")
    }

    @Test func dartWeightsScaleEachTreeInFloat() throws {
        let trees: [TinyModels.XGBTree] = [
            .stump(cond: "0", lo: "0.3", hi: "-0.7"), .stump(feature: 1, cond: "1", lo: "0.11", hi: "0.9"),
        ]
        let bytes = TinyModels.xgboost(trees: trees, dartWeights: ["0.5", "1.7"], version: "[2,1,0]")
        let model = try TreeEnsembleModel(bytes: bytes)
        #expect(model.modelDescription.booster == "dart")
        let got = try score1(model, [[-1, 0], [1, 2]])
        let w0 = Float(0.5), w1 = Float(1.7)
        let e0 = Float(0) + Float(0.3) * w0 + Float(0.11) * w1
        let e1 = Float(0) + Float(-0.7) * w0 + Float(0.9) * w1
        #expect(got == [Double(e0), Double(e1)])
    }

    @Test func parallelTreesAreSummedAndLeafIndicesAreNodeIDs() throws {
        let trees: [TinyModels.XGBTree] = [.stump(cond: "0", lo: "1", hi: "2"), .stump(cond: "5", lo: "10", hi: "20")]
        let model = try TreeEnsembleModel(bytes: TinyModels.xgboost(trees: trees, parallel: 2))
        #expect(model.iterationCount == 1)
        #expect(try score1(model, [[-1, 0], [1, 0], [6, 0]]) == [11, 12, 22])
        let leaves = try scoreRows(model, [[-1, 0], [6, 0]], .init(output: .leafIndex))
        #expect(leaves == [[1, 1], [2, 2]])
    }

    @Test(arguments: ["0.5", "\"5E-1\"", "\"[5E-1]\"", "[0.5]", "\"0.5\""])
    func baseScoreFormsGiveTheSameMargin(_ stored: String) throws {
        let bytes = TinyModels.xgboost(
            trees: [.stump(cond: "0", lo: "0", hi: "0")], objective: "binary:logistic", baseScore: stored)
        let model = try TreeEnsembleModel(bytes: bytes)
        #expect(try score1(model, [[0, 0]], .init(output: .rawMargin)) == [0])
        #expect(try score1(model, [[0, 0]]) == [0.5])
    }

    @Test func baseScoreLinks() throws {
        let logistic = try TreeEnsembleModel(bytes: TinyModels.xgboost(
            trees: [.stump(cond: "0", lo: "0", hi: "0")], objective: "binary:logistic", baseScore: "\"[2.5E-1]\""))
        let b = Float(0.25)
        #expect(try score1(logistic, [[0, 0]], .init(output: .rawMargin)) == [Double(-_Math.log(1 / b - 1))])
        let poisson = try TreeEnsembleModel(bytes: TinyModels.xgboost(
            trees: [.stump(cond: "0", lo: "0", hi: "0")], objective: "count:poisson", baseScore: "\"[3E0]\""))
        #expect(try score1(poisson, [[0, 0]], .init(output: .rawMargin)) == [Double(_Math.log(Float(3)))])
        #expect(try score1(poisson, [[0, 0]]) == [Double(_Math.exp(_Math.log(Float(3))))])
        let multi = try TreeEnsembleModel(bytes: TinyModels.xgboost(
            trees: [.stump(cond: "0", lo: "0", hi: "0"), .stump(cond: "0", lo: "0", hi: "0")],
            objective: "multi:softprob", baseScore: "\"[1E0,-1E0]\"", numClass: 2, treeInfo: [0, 1]))
        #expect(try scoreRows(multi, [[0, 0]], .init(output: .rawMargin)) == [[1, -1]])
        #expect(multi.outputKind == .multiclassProbabilities(classCount: 2))
    }

    @Test func iterationRangesAndBestIteration() throws {
        let trees: [TinyModels.XGBTree] = [
            .stump(cond: "0", lo: "1", hi: "1"), .stump(cond: "0", lo: "10", hi: "10"), .stump(cond: "0", lo: "100", hi: "100"),
        ]
        let model = try TreeEnsembleModel(bytes: TinyModels.xgboost(trees: trees, attributes: "{\"best_iteration\":\"1\"}"))
        #expect(model.bestIteration == 1)
        #expect(try score1(model, [[0, 0]]) == [111])
        #expect(try score1(model, [[0, 0]], .init(iterations: .best)) == [11])
        #expect(try score1(model, [[0, 0]], .init(iterations: .range(1..<3))) == [110])
        #expect(throws: ScoringError.self) { try score1(model, [[0, 0]], .init(iterations: .range(0..<4))) }
    }

    @Test func objectivesAndOutputKinds() throws {
        func make(_ objective: String, numClass: Int = 0) throws -> TreeEnsembleModel {
            let trees = numClass > 1
                ? (0..<numClass).map { k in TinyModels.XGBTree.stump(cond: "0", lo: "\(k)", hi: "-\(k)") }
                : [TinyModels.XGBTree.stump(cond: "0", lo: "2", hi: "-2")]
            return try TreeEnsembleModel(bytes: TinyModels.xgboost(
                trees: trees, objective: objective, baseScore: "\"[5E-1]\"", numClass: numClass,
                treeInfo: numClass > 1 ? Array(0..<numClass) : nil))
        }
        let softmax = try make("multi:softmax", numClass: 3)
        #expect(softmax.outputKind == .classIndex(classCount: 3))
        #expect(try score1(softmax, [[-1, 0], [1, 0]]) == [2, 0])
        let hinge = try make("binary:hinge")
        #expect(try score1(hinge, [[-1, 0], [1, 0]]) == [1, 0])
        let logitraw = try make("binary:logitraw")
        #expect(logitraw.outputKind == .rawScore(width: 1))
        #expect(!logitraw.hasLinkFunction)
        #expect(try logitraw.outputColumnNames() == ["margin"])
        #expect(throws: ScoringError.self) { try logitraw.outputColumnNames(for: .init(output: .rawMargin)) }
        let squared = try make("reg:squarederror")
        #expect(try squared.outputColumnNames() == ["value"])
    }

    @Test func unsupportedObjectiveIsNamed() {
        let error = loadingError {
            _ = try TreeEnsembleModel(bytes: TinyModels.xgboost(trees: [.stump(cond: "0", lo: "0", hi: "0")], objective: "survival:cox"))
        }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("survival:cox") == true)
    }

    @Test func singleLeafTreesBooleanDefaultLeftAndUnreachableNodes() throws {
        // Tree 0: a lone leaf. Tree 1: default_left as booleans (XGBoost 1.0) and two deleted,
        // unreachable nodes (3, 4) whose contents would be invalid if they were reachable.
        let json = """
            {"learner":{"attributes":{},"feature_names":[],"feature_types":[],
            "gradient_booster":{"name":"gbtree","model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"2"},
            "tree_info":[0,0],"trees":[
            {"left_children":[-1],"right_children":[-1],"split_indices":[0],"split_conditions":[0.25],"default_left":[0]},
            {"left_children":[1,-1,-1,99,-1],"right_children":[2,-1,-1,98,-1],"split_indices":[1,0,0,77,0],
             "split_conditions":[0.5,1.0,2.0,0.0,0.0],"default_left":[true,false,false,false,false]}]}},
            "learner_model_param":{"base_score":"5E-1","num_class":"0","num_feature":"2"},
            "objective":{"name":"reg:squarederror"}},"version":[1,0,0]}
            """
        let model = try TreeEnsembleModel(bytes: Array(json.utf8))
        #expect(try score1(model, [[0, 0], [0, 1], [0, .nan]]) == [1.75, 2.75, 1.75])
        #expect(try scoreRows(model, [[0, 1]], .init(output: .leafIndex)) == [[0, 2]])
        #expect(model.modelDescription.maxDepth == 1)
    }
}
