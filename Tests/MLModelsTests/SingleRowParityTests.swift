import MLCore
import MLTesting
import Testing

@testable import MLModels

/// The single-row scorer and the batch path give the same bits on every tree fixture, on
/// rows with NaN in split features, under iteration ranges, quantized, and on a hand-made
/// model whose leaves are worked out by hand (depth-0 trees, early leaves, a deep chain).
///
/// Both paths walk runs of eight trees in the padded complete-tree layout (`_HeapGroups`)
/// where it applies, so the layout is also checked against the compact node-by-node walk
/// (`_Forest.leaf(from:_:_:)`) leaf by leaf, and the hand-made model pins both to
/// hand-computed leaves, with groups where expected and a tree too deep for the layout.
@Suite struct SingleRowParityTests {
    static let treeCases: [NativeFormatTests.Case] = NativeFormatTests.cases.filter { !$0.modelPath.hasSuffix(".onnx") }

    /// The fixture's rows, then copies with NaN in one feature per row (cycling through the
    /// features, so every split feature is missing somewhere), with every third feature
    /// NaN, one all-NaN row and rows of ±0 and ±∞.
    static func probeRows(_ x: Matrix<Float>) throws -> Matrix<Float> {
        let f = x.columns
        var values = x.elements
        for r in 0..<x.rows {
            var row = Array(x.row(r))
            if f > 0 { row[r % f] = .nan }
            values += row
        }
        for r in 0..<min(x.rows, 64) {
            var row = Array(x.row(r))
            for j in stride(from: r % 3, to: f, by: 3) { row[j] = .nan }
            values += row
        }
        for special: Float in [.nan, 0, -0.0, .infinity, -.infinity] { values += Array(repeating: special, count: f) }
        return try Matrix(rows: values.count / max(f, 1), columns: f, elements: values)
    }

    /// Every row through the single-row scorer, concatenated.
    static func singleRows(_ model: some PredictiveModel, _ x: Matrix<Float>, _ options: PredictionOptions) throws
        -> [Double]
    {
        let scorer = try model.makeSingleRowScorer(options: options)
        var out: [Double] = []
        for r in 0..<x.rows { out += try scorer.predict(Array(x.row(r))) }
        return out
    }

    /// `got` equals `want` bit for bit; on failure names the first differing output.
    static func expectBitsEqual(_ got: [Double], _ want: [Double], _ label: String) {
        #expect(got.count == want.count, "\(label): \(got.count) outputs, expected \(want.count)")
        let first = zip(got, want).enumerated().first { $0.element.0.bitPattern != $0.element.1.bitPattern }
        #expect(
            first == nil,
            "\(label): output \(first?.offset ?? -1) is \(first?.element.0 ?? 0), expected \(first?.element.1 ?? 0)")
    }

    /// Single-row outputs equal batch outputs bit for bit (values, raw margins, leaf indices).
    static func expectSingleMatchesBatch(
        _ model: some PredictiveModel, _ x: Matrix<Float>, _ options: PredictionOptions, _ label: String
    ) throws {
        expectBitsEqual(try singleRows(model, x, options), try model.predict(x, options: options).elements, label)
    }

    @Test(arguments: treeCases)
    func singleRowMatchesBatchOnEveryTreeFixture(_ c: NativeFormatTests.Case) throws {
        let model = try TreeEnsembleModel(contentsOf: c.modelPath)
        let x = try Self.probeRows(try FixtureCSV(path: c.inputPath).floatMatrix())
        var outputs: [PredictionOutput] = [.value, .leafIndex]
        if model.hasLinkFunction { outputs.append(.rawMargin) }
        // Iteration ranges that start inside a group (the layout is skipped there) and that
        // end inside one (its trees take the compact path).
        let n = model.iterationCount
        var selections: [IterationSelection] = [.all]
        if n > 2 { selections += [.range(1..<n), .range(0..<(n - 1)), .range(1..<max(2, n / 2))] }
        for output in outputs {
            for selection in selections {
                let options = PredictionOptions(output: output, iterations: selection)
                try Self.expectSingleMatchesBatch(model, x, options, "\(c) \(output) \(selection)")
            }
        }
        // The quantized forest has its own groups, over bin codes.
        let quantized = try QuantizedTreeEnsembleModel(quantizing: model)
        for output in outputs {
            try Self.expectSingleMatchesBatch(quantized, x, .init(output: output), "\(c) quantized \(output)")
        }
    }

    /// Leaf ids of every tree, from the single-row scorer and the batch path, equal those of
    /// the compact walk over the same keys (float keys, and bin codes when quantized).
    @Test(arguments: treeCases)
    func leavesMatchTheCompactWalk(_ c: NativeFormatTests.Case) throws {
        let model = try TreeEnsembleModel(contentsOf: c.modelPath)
        let quantized = try QuantizedTreeEnsembleModel(quantizing: model)
        let x = try Self.probeRows(try FixtureCSV(path: c.inputPath).floatMatrix())
        let cases: [(String, any PredictiveModel, _Forest)] = [
            ("float", model, model.forest), ("quantized", quantized, quantized.binned.quantized),
        ]
        for (label, scored, forest) in cases {
            var reference: [Double] = []
            var keys = [UInt32](repeating: 0, count: max(forest.featureCount, 1))
            for r in 0..<x.rows {
                let row = Array(x.row(r))
                row.withUnsafeBufferPointer { xs in
                    keys.withUnsafeMutableBufferPointer { ks in
                        guard let xp = xs.baseAddress, let kp = ks.baseAddress else { return }
                        forest.encodeKeys(xp, rows: 1, into: kp)
                        for tree in forest.trees {
                            let slot = forest.leaf(from: tree.root, xp, UnsafePointer(kp))
                            reference.append(Double(forest.leafIDs.base[Int(slot)]))
                        }
                    }
                }
            }
            let options = PredictionOptions(output: .leafIndex)
            #expect(reference.count == x.rows * forest.trees.count)
            Self.expectBitsEqual(try scored.predict(x, options: options).elements, reference, "\(c) \(label) batch")
            Self.expectBitsEqual(try Self.singleRows(scored, x, options), reference, "\(c) \(label) single row")
        }
    }

    /// The layout is in use where it should be, so the parity above is not vacuous
    /// (`lgbm_regression` mixes groups with trees deeper than the layout allows).
    @Test func fixturesUseTheLayout() throws {
        for name in ["xgb_binary_logistic", "xgb_multiclass_softprob", "lgbm_multiclass", "lgbm_regression"] {
            let fixture = try #require(ModelFixture.all.first { $0.name == name })
            let model = try TreeEnsembleModel(contentsOf: fixture.modelPath)
            let groups = model.forest.heapGroups
            #expect(groups.groups.count > 0, "\(name)")
            #expect(groups.groups.count <= model.treeCount / _HeapGroups.lanes)
            let quantized = try QuantizedTreeEnsembleModel(quantizing: model)
            #expect(quantized.binned.quantized.heapGroups.groups.count == groups.groups.count, "\(name)")
        }
    }

    // MARK: Hand-made model

    /// Nine XGBoost trees over features f0, f1, f2 (left iff x < cond; NaN follows
    /// default_left); leaf values are dyadic so every sum is exact. Trees 0–7 form one group
    /// of padded depth 3; tree 8 is left over and takes the compact path. With
    /// `deepFirstTree`, T0 is ``deepTree`` instead, and trees 1–8 form the group.
    ///
    /// - T0: a single leaf 0.5 (depth 0).
    /// - T1: f0 < 1 (NaN left) → leaf 1 (1) | leaf 2 (2).
    /// - T2: f1 < 0 (NaN right) → leaf 1 (0.25, an early leaf) | node 2: f2 < 5 (NaN left) →
    ///   node 3: f0 < −1 (NaN right) → leaf 5 (8) | leaf 6 (16); else leaf 4 (4).
    /// - T3: f2 < 2 (NaN left) → node 1: f0 < 0 (NaN right) → leaf 3 (0.125) | leaf 4 (0.375);
    ///   else node 2: f1 < 3 (NaN left) → leaf 5 (1.5) | leaf 6 (3).
    /// - T4: f2 < 0 (NaN right) → leaf 1 (−1) | leaf 2 (−2).
    /// - T5: f0 < 2 (NaN left) → leaf 1 (−0.5) | node 2: f1 < −3 (NaN right) → leaf 3 (0.75) |
    ///   leaf 4 (−0.25).
    /// - T6: a single leaf 1.25.
    /// - T7: f1 < 1 (NaN left) → leaf 1 (0.0625) | leaf 2 (0.5).
    /// - T8: f0 < 0.5 (NaN right) → leaf 1 (0.03125) | leaf 2 (0.015625).
    static func handTrees(deepFirstTree: Bool) -> [TinyModels.XGBTree] {
        typealias T = TinyModels.XGBTree
        func leaf(_ v: String) -> T { T(left: [-1], right: [-1], feature: [0], cond: [v], defaultLeft: [0]) }
        func stump(_ f: Int, _ c: String, _ lo: String, _ hi: String, nanLeft: Bool) -> T {
            T(
                left: [1, -1, -1], right: [2, -1, -1], feature: [f, 0, 0], cond: [c, lo, hi],
                defaultLeft: [nanLeft ? 1 : 0, 0, 0])
        }
        let t2 = T(
            left: [1, -1, 3, 5, -1, -1, -1], right: [2, -1, 4, 6, -1, -1, -1], feature: [1, 0, 2, 0, 0, 0, 0],
            cond: ["0", "0.25", "5", "-1", "4", "8", "16"], defaultLeft: [0, 0, 1, 0, 0, 0, 0])
        let t3 = T(
            left: [1, 3, 5, -1, -1, -1, -1], right: [2, 4, 6, -1, -1, -1, -1], feature: [2, 0, 1, 0, 0, 0, 0],
            cond: ["2", "0", "3", "0.125", "0.375", "1.5", "3"], defaultLeft: [1, 0, 1, 0, 0, 0, 0])
        let t5 = T(
            left: [1, -1, 3, -1, -1], right: [2, -1, 4, -1, -1], feature: [0, 0, 1, 0, 0],
            cond: ["2", "-0.5", "-3", "0.75", "-0.25"], defaultLeft: [1, 0, 0, 0, 0])
        return [
            deepFirstTree ? deepTree : leaf("0.5"), stump(0, "1", "1", "2", nanLeft: true), t2, t3,
            stump(2, "0", "-1", "-2", nanLeft: false), t5, leaf("1.25"), stump(1, "1", "0.0625", "0.5", nanLeft: true),
            stump(0, "0.5", "0.03125", "0.015625", nanLeft: false),
        ]
    }

    /// A right-leaning chain of depth 11 (deeper than the layout allows): internal node 2i
    /// (i = 0…10) tests f0 < i − 5 and sends left to leaf 2i + 1 (value i + 0.5), right to
    /// node 2i + 2; node 22 is the last leaf (100). NaN goes left at node 0.
    static let deepTree = chain(depth: 11)

    /// A right-leaning chain of `depth` internal nodes shaped like ``deepTree``.
    static func chain(depth: Int) -> TinyModels.XGBTree {
        let n = 2 * depth + 1
        var left = [Int](repeating: -1, count: n), right = left
        let feature = [Int](repeating: 0, count: n)
        var defaultLeft = feature
        var cond = [String](repeating: "0", count: n)
        for i in 0..<depth {
            left[2 * i] = 2 * i + 1
            right[2 * i] = 2 * i + 2
            cond[2 * i] = "\(i - 5)"
            cond[2 * i + 1] = "\(Double(i) + 0.5)"
            defaultLeft[2 * i] = i == 0 ? 1 : 0
        }
        cond[n - 1] = "100"
        return TinyModels.XGBTree(left: left, right: right, feature: feature, cond: cond, defaultLeft: defaultLeft)
    }

    static let handRows: [[Float]] = [
        [0, 0, 0], [.nan, .nan, .nan], [1, 5, -3], [-2, -4, 10], [2, 3, 2], [-0.0, 1, .nan], [-2, 0, 7], [-5, 2, 1],
        [3, -4, 0],
    ]

    /// Leaf node ids per row (rows above) and tree T0…T8, worked out by hand from the trees.
    static let handLeaves: [[Int]] = [
        [0, 1, 6, 4, 2, 1, 0, 1, 1],
        [0, 1, 6, 4, 2, 1, 0, 1, 2],
        [0, 2, 6, 4, 1, 1, 0, 2, 2],
        [0, 1, 1, 5, 2, 1, 0, 1, 1],
        [0, 2, 6, 6, 2, 4, 0, 2, 2],
        [0, 1, 6, 4, 2, 1, 0, 2, 1],
        [0, 1, 4, 5, 2, 1, 0, 1, 1],
        [0, 1, 5, 3, 2, 1, 0, 2, 1],
        [0, 2, 1, 4, 2, 3, 0, 1, 2],
    ]

    /// The deep tree's leaf per row (first i with f0 < i − 5 gives leaf 2i + 1; NaN → 1).
    static let deepLeaves = [13, 1, 15, 9, 17, 13, 9, 3, 19]

    /// Leaf values by tree and node id.
    static let handValues: [[Int: Double]] = [
        [0: 0.5], [1: 1, 2: 2], [1: 0.25, 4: 4, 5: 8, 6: 16], [3: 0.125, 4: 0.375, 5: 1.5, 6: 3], [1: -1, 2: -2],
        [1: -0.5, 3: 0.75, 4: -0.25], [0: 1.25], [1: 0.0625, 2: 0.5], [1: 0.03125, 2: 0.015625],
    ]

    static func deepValue(_ leaf: Int) -> Double { leaf == 22 ? 100 : Double((leaf - 1) / 2) + 0.5 }

    /// Expected leaf ids and margins of trees `trees` for each hand row.
    static func expected(deep: Bool, trees: Range<Int>) -> (leaves: [[Double]], margins: [Double]) {
        var leaves: [[Double]] = []
        var margins: [Double] = []
        for (r, row) in handLeaves.enumerated() {
            var ids: [Double] = []
            var sum = 0.0
            for t in trees {
                let id = deep && t == 0 ? deepLeaves[r] : row[t]
                ids.append(Double(id))
                sum += deep && t == 0 ? deepValue(id) : handValues[t][id] ?? .nan
            }
            leaves.append(ids)
            margins.append(sum)
        }
        return (leaves, margins)
    }

    @Test(arguments: [false, true])
    func handMadeTreesGiveHandComputedLeaves(_ deep: Bool) throws {
        let model = try TreeEnsembleModel(
            bytes: TinyModels.xgboost(trees: Self.handTrees(deepFirstTree: deep), features: 3))
        #expect(model.treeCount == 9)
        let groups = model.forest.heapGroups
        if deep {
            // Tree 0 is too deep for the layout: no group from it; trees 1–8 (depth ≤ 3) form one.
            #expect(groups.groupAt.base[0] == -1)
            #expect(groups.groupAt.base[1] == 0)
            #expect(groups.groups.count == 1 && groups.groups.base[0].depth == 3)
        } else {
            #expect(groups.groupAt.base[0] == 0)
            #expect(groups.groups.count == 1 && groups.groups.base[0].depth == 3)
            #expect((1..<9).allSatisfy { groups.groupAt.base[$0] == -1 })
        }
        let x = try Matrix(Self.handRows)
        for trees in [0..<9, 1..<9, 0..<8, 2..<7] {
            let want = Self.expected(deep: deep, trees: trees)
            for output in [PredictionOutput.leafIndex, .value] {
                let options = PredictionOptions(output: output, iterations: .range(trees))
                let single = try Self.singleRows(model, x, options)
                let batch = try model.predict(x, options: options).elements
                let expected = output == .leafIndex ? want.leaves.flatMap { $0 } : want.margins
                #expect(single == expected, "deep \(deep) trees \(trees) \(output) single row")
                #expect(batch == expected, "deep \(deep) trees \(trees) \(output) batch")
            }
        }
    }

    /// Eight stumps and nothing else: a group of padded depth 1, and a model of only
    /// single-leaf trees: a group of depth 0.
    @Test func shallowTrees() throws {
        typealias T = TinyModels.XGBTree
        let stumps = (0..<8).map { k in
            T.stump(feature: k % 2, cond: "\(k)", lo: "\(k)", hi: "\(-k)", defaultLeft: k % 3 == 0)
        }
        let leaves = (0..<8).map { k in
            T(left: [-1], right: [-1], feature: [0], cond: ["\(Double(k) / 4)"], defaultLeft: [0])
        }
        for (trees, depth) in [(stumps, 1), (leaves, 0)] {
            let model = try TreeEnsembleModel(bytes: TinyModels.xgboost(trees: trees))
            #expect(model.forest.heapGroups.groups.count == 1)
            #expect(model.forest.heapGroups.groups.base[0].depth == depth)
            let rows: [[Float]] = [[0, 0], [3.5, -1], [.nan, 4], [7, .nan], [-0.0, 9], [.infinity, -.infinity]]
            let x = try Matrix(rows)
            for output in [PredictionOutput.value, .leafIndex] {
                try Self.expectSingleMatchesBatch(model, x, .init(output: output), "depth \(depth) \(output)")
            }
        }
    }

    /// Eight chains of depth 10: within the depth limit, but padding 21 nodes per tree to
    /// 1,024 rows would take more than 4× their compact bytes, so they stay compact.
    @Test func sparseTreesStayCompact() throws {
        let model = try TreeEnsembleModel(
            bytes: TinyModels.xgboost(trees: Array(repeating: Self.chain(depth: 10), count: 8)))
        #expect(model.forest.trees.allSatisfy { $0.depth == 10 && $0.isSimple })
        #expect(model.forest.heapGroups.isEmpty)
        let x = try Matrix(Self.handRows.map { Array($0.prefix(2)) })
        for output in [PredictionOutput.value, .leafIndex] {
            try Self.expectSingleMatchesBatch(model, x, .init(output: output), "chains \(output)")
        }
        let leaves = try Self.singleRows(model, x, .init(output: .leafIndex))
        #expect(leaves == Self.deepLeaves.flatMap { Array(repeating: Double(min($0, 20)), count: 8) })
    }
}
