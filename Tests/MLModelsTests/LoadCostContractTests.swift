import Foundation
import MLCore
import MLTesting
import Testing

@testable import MLModels

/// The cost contract of loading (issue #12, `Docs/Models.md` "Cost contract"): one regression
/// test per class of hostile file, each generated here (``HostileModelFiles``), plus the
/// legitimate neighbours that must keep loading.
@Suite struct LoadCostContractTests {
    func loadError(_ bytes: [UInt8]) -> ModelLoadingError? {
        do {
            _ = try ModelLoader.load(bytes: bytes)
            return nil
        } catch {
            return error as? ModelLoadingError
        }
    }

    // MARK: 1. UBJSON typed containers of zero-width elements

    @Test func zeroWidthContainersShareOneBudgetOfElements() {
        let bytes = HostileModelFiles.ubjsonZeroWidthContainers()
        #expect(bytes.count == 270_007)
        let error = loadError(bytes)
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("zero-width elements") == true)
        // The second container is the first over budget: right after the first's header.
        #expect(error?.offset == 5 + 2 * 9)
    }

    @Test func oneZeroWidthContainerWithinTheFileSizeStillParses() throws {
        // One container claiming every remaining byte is legal: parsing succeeds and the
        // XGBoost loader then reports what the document lacks.
        let bytes = HostileModelFiles.ubjsonZeroWidthContainers(containers: 1)
        let doc = try _UBJSONParser.parse(bytes)
        guard case .array(let outer)? = doc.root["a"], case .array(let nulls)? = outer.first else {
            Issue.record("expected {\"a\": [[null …]]}")
            return
        }
        #expect(nulls.count == 2)
        #expect(loadError(bytes)?.code == .missingKey)
    }

    // MARK: 2. LightGBM categorical nodes naming one cat_threshold range

    @Test func lightGBMNodesCannotShareACategoricalRange() {
        let error = loadError(HostileModelFiles.lightGBMSharedBitset())
        #expect(error?.code == .inconsistent)
        #expect(error?.key == "threshold")
        #expect(error?.node == 1)
        #expect(error?.tree == 0)
        #expect(error?.message.contains("already used by node 0") == true)
    }

    @Test func lightGBMBitsetWordsAreStoredOncePerTree() throws {
        // Two categorical nodes with their own ranges (3 and 1 words): the forest holds the
        // tree's 4 words once, each node a range of them.
        let tree = """
            num_leaves=3
            num_cat=2
            split_feature=0 1
            threshold=0 1
            decision_type=1 1
            left_child=-1 -2
            right_child=1 -3
            leaf_value=1 2 3
            cat_boundaries=0 3 4
            cat_threshold=0 0 1 4
            shrinkage=1
            """
        let model = try TreeEnsembleModel(bytes: TinyModels.lightGBM(trees: [tree]))
        let words = model.forest.bitsetWords
        #expect(Array(UnsafeBufferPointer(start: words.pointer, count: words.count)) == [0, 0, 1, 4])
        // Code 64 is bit 0 of word 2 (node 0 left → 1); code 2 is bit 2 of node 1's word.
        let x = try Matrix<Float>(rows: 3, columns: 2, elements: [64, 0, 1, 2, 1, 3])
        #expect(try model.predict(x).elements == [1, 2, 3])
    }

    // MARK: 3. XGBoost categories: repeated nodes and overlapping segments

    @Test func xgboostNodeListedTwiceInCategoriesIsRefused() {
        let error = loadError(HostileModelFiles.xgboostRepeatedCategorySegments())
        #expect(error?.code == .inconsistent)
        #expect(error?.key == "categories_nodes")
        #expect(error?.node == 0)
        #expect(error?.message.contains("categories_nodes[1] lists node 0 a second time") == true)
    }

    @Test func xgboostOverlappingCategorySegmentsAreRefused() {
        var tree = TinyModels.XGBTree(
            left: [1, 3, -1, -1, -1], right: [2, 4, -1, -1, -1], feature: [0, 1, 0, 0, 0], cond: ["0", "0", "1", "2", "3"],
            defaultLeft: [0, 0, 0, 0, 0], splitType: [1, 1, 0, 0, 0])
        tree.categories = [1, 2, 3]
        tree.categoryNodes = [0, 1]
        tree.categorySegments = [0, 1]
        tree.categorySizes = [2, 2]
        let error = loadError(TinyModels.xgboost(trees: [tree]))
        #expect(error?.code == .inconsistent)
        #expect(error?.key == "categories_segments")
        #expect(error?.node == 1)
        #expect(error?.message.contains("categories_segments[1] = 1 starts before the previous segment ends at 2") == true)
        // The same segments without overlap load.
        tree.categorySegments = [0, 2]
        tree.categorySizes = [2, 1]
        #expect(loadError(TinyModels.xgboost(trees: [tree])) == nil)
    }

    // MARK: 4. Declared counts that size buffers

    @Test func lightGBMDeclaredFeatureCountMustBePaidFor() {
        let bytes = HostileModelFiles.lightGBMDeclaredFeatures()
        #expect(bytes.count < 300)
        let error = loadError(bytes)
        #expect(error?.code == .limitExceeded)
        #expect(error?.key == "max_feature_idx")
        let limit = _LoadCost.featureAllowance + bytes.count / _LoadCost.bytesPerExtraFeature
        #expect(error?.message.contains("declares 268435454 features") == true)
        #expect(error?.message.contains("at most \(limit)") == true)
    }

    @Test func xgboostDeclaredFeatureCountMustBePaidFor() {
        let error = loadError(HostileModelFiles.xgboostDeclaredFeatures())
        #expect(error?.code == .limitExceeded)
        #expect(error?.key == "learner.learner_model_param.num_feature")
        #expect(error?.message.contains("declares 100000000 features") == true)
    }

    @Test func featureCountsWithinTheAllowanceLoad() throws {
        let allowed = _LoadCost.featureAllowance
        let model = try ModelLoader.load(bytes: HostileModelFiles.lightGBMDeclaredFeatures(maxFeatureIndex: allowed - 1))
        #expect(model.schema.featureCount == allowed)
        #expect(loadError(HostileModelFiles.lightGBMDeclaredFeatures(maxFeatureIndex: allowed + 1000))?.code == .limitExceeded)
        // Bytes pay for features beyond the allowance: 4 per feature.
        #expect(_LoadCost.limit(allowance: allowed, fileSize: 4_000) == allowed + 1_000)
        #expect(_LoadCost.limit(allowance: allowed, fileSize: Int.max) > allowed)
    }

    @Test func nativeDeclaredFeatureCountMustBePaidFor() throws {
        let text = """
            {"format": "swift-mlops-model", "version": 1, "provenance": {"source_format": "lightgbm-text", \
            "source_sha256": "\(String(repeating: "0", count: 64))", "converted_by": "test"}, \
            "schema": {"feature_count": 200000000}}
            """
        let error = loadError(Array(text.utf8))
        #expect(error?.code == .limitExceeded)
        #expect(error?.key == "schema.feature_count")
    }

    // MARK: 5. ONNX tree ensembles expanded once per class

    /// A classifier with `leaves` classes: one chain tree whose leaf `j` weights class `j`
    /// alone, and one single-leaf tree weighting every class (so each class always has a
    /// score). Converting it to the flat engine means one copy of the chain per class.
    static func classPerLeafEnsemble(leaves: Int) throws -> [UInt8] {
        typealias G = GraphBuilder
        var treeIDs: [Int64] = [], nodeIDs: [Int64] = [], features: [Int64] = [], modes: [String] = []
        var values: [Float] = [], trueIDs: [Int64] = [], falseIDs: [Int64] = []
        var wTrees: [Int64] = [], wNodes: [Int64] = [], wClasses: [Int64] = [], weights: [Float] = []
        // Tree 0: branch 2i (x0 <= i) → leaf 2i+1, else branch 2i+2; the last branch's right is a leaf.
        for j in 0..<leaves {
            let branch = Int64(2 * j)
            if j + 1 < leaves {
                treeIDs += [0, 0]
                nodeIDs += [branch, branch + 1]
                features += [0, 0]
                modes += ["BRANCH_LEQ", "LEAF"]
                values += [Float(j), 0]
                trueIDs += [branch + 1, 0]
                falseIDs += [branch + 2, 0]
            } else {
                treeIDs += [0]
                nodeIDs += [branch]
                features += [0]
                modes += ["LEAF"]
                values += [0]
                trueIDs += [0]
                falseIDs += [0]
            }
            wTrees.append(0)
            wNodes.append(j + 1 < leaves ? branch + 1 : branch)
            wClasses.append(Int64(j))
            weights.append(1)
        }
        // Tree 1: one leaf, weight 0 for every class.
        treeIDs.append(1)
        nodeIDs.append(0)
        features.append(0)
        modes.append("LEAF")
        values.append(0)
        trueIDs.append(0)
        falseIDs.append(0)
        for j in 0..<leaves {
            wTrees.append(1)
            wNodes.append(0)
            wClasses.append(Int64(j))
            weights.append(0)
        }
        let node = G.node(
            "TreeEnsembleClassifier", ["x"], ["label", "probabilities"], domain: "ai.onnx.ml",
            [
                "nodes_treeids": .ints(treeIDs), "nodes_nodeids": .ints(nodeIDs), "nodes_featureids": .ints(features),
                "nodes_modes": .strings(modes), "nodes_values": .floats(values), "nodes_truenodeids": .ints(trueIDs),
                "nodes_falsenodeids": .ints(falseIDs), "class_treeids": .ints(wTrees), "class_nodeids": .ints(wNodes),
                "class_ids": .ints(wClasses), "class_weights": .floats(weights),
                "classlabels_int64s": .ints((0..<Int64(leaves)).map { $0 }), "post_transform": .string("NONE"),
            ])
        return try G.bytes(G.model(
            [node], inputs: [G.value("x", 1, [nil, 1])],
            outputs: [G.value("label", 7, [nil]), G.value("probabilities", 1, [nil, Int64(leaves)])]))
    }

    @Test func onnxConversionCountsClassCopiesBeforeBuilding() throws {
        // 8 classes: 8 copies of a 15-node chain, well inside the limit → flat engine.
        let small = try ONNXModel(bytes: Self.classPerLeafEnsemble(leaves: 8))
        #expect(small.modelDescription.details["tree_engine"] == "flat (1 ensemble(s))")
        // 2,000 classes: 2,000 copies of a 3,999-node chain (8 million nodes) would exceed
        // 4 × (nodes + weights) and the 2^21 allowance → the generic evaluator scores it.
        let large = try ONNXModel(bytes: Self.classPerLeafEnsemble(leaves: 2_000))
        #expect(_LoadCost.nodeLimit(listedEntries: 4_000 + 4_000) == _LoadCost.nodeAllowance)
        #expect(large.modelDescription.details["tree_engine"] == "generic")
        // Both score x0 = 2.5 into the leaf of class 3, exactly.
        for (model, classes) in [(small, 8), (large, 2_000)] {
            let out = try model.predict(try Matrix<Float>(rows: 1, columns: 1, elements: [2.5]))
            var expected = [Double](repeating: 0, count: classes)
            expected[3] = 1
            #expect(out.elements == expected)
        }
    }

    // MARK: mlctl inspect

    @Test(arguments: HostileModelFiles.all.map(\.name))
    func inspectRefusesHostileFilesWithExitTwo(_ name: String) throws {
        guard let mlctl = BuiltProducts.path("mlctl") else {
            Issue.record("mlctl is not built")
            return
        }
        let bytes = try #require(HostileModelFiles.all.first { $0.name == name }?.bytes)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(name)-\(getpid()).model").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try runProcess(mlctl, ["inspect", "--model", path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error:"), "\(result.stderr)")
    }
}
