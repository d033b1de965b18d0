import MLCore
import MLModels
import MLTesting
import Testing

/// Malformed models are refused with a ModelLoadingError that names tree, node and key.
@Suite struct ValidationTests {
    func xgbError(_ tree: TinyModels.XGBTree, features: Int = 2, objective: String = "reg:squarederror") -> ModelLoadingError? {
        loadingError { _ = try TreeEnsembleModel(bytes: TinyModels.xgboost(trees: [.stump(cond: "0", lo: "0", hi: "0"), tree], objective: objective, features: features)) }
    }

    @Test func childOutOfRange() {
        let e = xgbError(TinyModels.XGBTree(left: [5, -1, -1], right: [2, -1, -1], feature: [0, 0, 0], cond: ["0", "1", "2"], defaultLeft: [0, 0, 0]))
        #expect(e?.code == .inconsistent)
        #expect(e?.tree == 1)
        #expect(e?.node == 0)
    }

    @Test func cycleIsRefused() {
        let e = xgbError(TinyModels.XGBTree(left: [1, 0, -1], right: [2, 2, -1], feature: [0, 0, 0], cond: ["0", "1", "2"], defaultLeft: [0, 0, 0]))
        #expect(e?.code == .inconsistent)
        #expect(e?.message.contains("reached twice") == true)
        #expect(e?.tree == 1)
        #expect(e?.node == 1)
    }

    @Test func featureIndexOutOfRange() {
        let e = xgbError(.stump(feature: 7, cond: "0", lo: "0", hi: "0"))
        #expect(e?.code == .inconsistent)
        #expect(e?.message.contains("feature index 7") == true)
    }

    @Test func depthLimit() {
        // A chain 300 deep: node k splits into leaf (left) and node k+1 (right).
        var left: [Int] = [], right: [Int] = [], cond: [String] = []
        let depth = 300
        for k in 0..<depth {
            left.append(depth + 1 + k)
            right.append(k + 1)
            cond.append("0")
        }
        left.append(-1); right.append(-1); cond.append("1")
        for _ in 0..<depth { left.append(-1); right.append(-1); cond.append("0") }
        let n = left.count
        let e = xgbError(TinyModels.XGBTree(left: left, right: right, feature: Array(repeating: 0, count: n), cond: cond, defaultLeft: Array(repeating: 0, count: n)))
        #expect(e?.code == .limitExceeded)
    }

    @Test func arrayLengthsMustAgree() {
        let e = xgbError(TinyModels.XGBTree(left: [1, -1, -1], right: [2, -1], feature: [0, 0, 0], cond: ["0", "1", "2"], defaultLeft: [0, 0, 0]))
        #expect(e?.code == .inconsistent)
        #expect(e?.key == "right_children")
    }

    @Test func classCountsMustMatchTreeInfo() {
        let e = loadingError {
            _ = try TreeEnsembleModel(bytes: TinyModels.xgboost(
                trees: Array(repeating: .stump(cond: "0", lo: "0", hi: "0"), count: 3), objective: "multi:softprob",
                baseScore: "\"[0E0]\"", numClass: 3, treeInfo: [0, 1, 5]))
        }
        #expect(e?.code == .inconsistent)
        #expect(e?.tree == 2)
        let uneven = loadingError {
            _ = try TreeEnsembleModel(bytes: TinyModels.xgboost(
                trees: [.stump(cond: "0", lo: "0", hi: "0")], objective: "multi:softprob", numClass: 3, treeInfo: [0]))
        }
        #expect(uneven?.code == .inconsistent)
    }

    @Test func lightGBMNaNLeafAndBadChild() {
        let nanLeaf = loadingError {
            _ = try TreeEnsembleModel(bytes: TinyModels.lightGBM(trees: [TinyModels.lgbStump(threshold: "0", decisionType: 2, left: "nan")]))
        }
        #expect(nanLeaf?.code == .invalidValue)
        #expect(nanLeaf?.tree == 0)
        let badChild = loadingError {
            let tree = TinyModels.lgbStump(threshold: "0", decisionType: 2).replacingOccurrences(of: "right_child=-2", with: "right_child=-9")
            _ = try TreeEnsembleModel(bytes: TinyModels.lightGBM(trees: [tree]))
        }
        #expect(badChild?.code == .inconsistent)
        #expect(badChild?.node == 0)
        let unknown = loadingError {
            _ = try TreeEnsembleModel(bytes: TinyModels.lightGBM(trees: [TinyModels.lgbStump(threshold: "0", decisionType: 2)], objective: "lambdaxyz"))
        }
        #expect(unknown?.code == .unsupported)
        #expect(unknown?.message.contains("lambdaxyz") == true)
    }

    @Test func truncatedLightGBMText() throws {
        let bytes = TinyModels.lightGBM(trees: [TinyModels.lgbStump(threshold: "0", decisionType: 2)])
        let e = loadingError { _ = try TreeEnsembleModel(bytes: Array(bytes.prefix(bytes.count / 2))) }
        #expect(e?.code == .malformed)
    }

    @Test func jsonNestingLimit() {
        let deep = Array(String(repeating: "[", count: 200).utf8)
        let e = loadingError { _ = try TreeEnsembleModel(bytes: [UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: "a"), UInt8(ascii: "\""), UInt8(ascii: ":")] + deep) }
        #expect(e?.code == .limitExceeded)
    }

    @Test func formatDetection() throws {
        #expect(try ModelLoader.detectFormat(of: Array("{\"learner\":{}}".utf8)) == .xgboostJSON)
        #expect(try ModelLoader.detectFormat(of: [UInt8(ascii: "{"), UInt8(ascii: "L")]) == .xgboostUBJSON)
        #expect(try ModelLoader.detectFormat(of: Array("tree\nversion=v4\n".utf8)) == .lightGBMText)
        #expect(throws: ModelLoadingError.self) { try ModelLoader.detectFormat(of: Array("hello".utf8)) }
        #expect(throws: ModelLoadingError.self) { try ModelLoader.load(bytes: []) }
        let missing = loadingError { _ = try ModelLoader.load(contentsOf: "/nonexistent/model.json") }
        #expect(missing?.code == .io)
        #expect(missing?.path == "/nonexistent/model.json")
    }

    @Test func featureCountMismatchAndSmallBuffers() throws {
        let model = try TreeEnsembleModel(bytes: TinyModels.xgboost(trees: [.stump(cond: "0", lo: "0", hi: "1")]))
        let x = try Matrix<Float>(rows: 2, columns: 3, repeating: 0)
        #expect(throws: ScoringError.self) { try model.predict(x) }
        var out = [Double](repeating: 0, count: 1)
        let y = try Matrix<Float>(rows: 2, columns: 2, repeating: 0)
        #expect(throws: ScoringError.self) {
            try out.withUnsafeMutableBufferPointer { try model.predict(y, into: $0) }
        }
        let scorer = try model.makeSingleRowScorer(options: .default)
        #expect(throws: ScoringError.self) { try scorer.predict([1, 2, 3]) }
    }
}

/// UBJSON containers cannot announce more elements than the bytes that follow.
@Suite struct UBJSONLimitTests {
    @Test func oversizedCountsAreRefused() {
        // {"a": [$Z#L <2^40>]}: a billion-billion nulls announced in a few bytes.
        var bytes: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "i"), 1, UInt8(ascii: "a"), UInt8(ascii: "["),
                              UInt8(ascii: "$"), UInt8(ascii: "Z"), UInt8(ascii: "#"), UInt8(ascii: "L")]
        bytes += [0, 0, 1, 0, 0, 0, 0, 0, UInt8(ascii: "}")]
        let e = loadingError { _ = try TreeEnsembleModel(bytes: bytes, format: .xgboostUBJSON) }
        #expect(e?.code == .malformed)
        var floats: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "i"), 1, UInt8(ascii: "a"), UInt8(ascii: "["),
                               UInt8(ascii: "$"), UInt8(ascii: "d"), UInt8(ascii: "#"), UInt8(ascii: "l"), 0x7F, 0xFF, 0xFF, 0xFF]
        floats += [0, 0, 0, 0]
        let f = loadingError { _ = try TreeEnsembleModel(bytes: floats, format: .xgboostUBJSON) }
        #expect(f?.code == .malformed)
    }
}
