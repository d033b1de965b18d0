/// Reads LightGBM `Booster.save_model` text into a validated ``_Forest``.
///
/// Per node: `decision_type` bit 0 categorical, bit 1 default-left, bits 2–3 missing type
/// (0 None: NaN compares as 0; 1 Zero: |x| ≤ 1e-35 and NaN take the default side; 2 NaN:
/// NaN takes the default side). Children < 0 are leaves `~child`. Categorical nodes hold an
/// index into `cat_boundaries`, whose range of `cat_threshold` words is the bitset of codes
/// that go left. Tree `i` adds to class `i % num_tree_per_iteration`.
enum _LightGBMLoader {
    /// Largest `num_leaves` accepted per tree.
    static let maximumLeaves = 1 << 24

    static func load(_ bytes: [UInt8], keepRawTrees: Bool = false) throws -> _LoadedTrees {
        let text = try _LightGBMText(bytes)
        let header = text.header
        func headerInt(_ key: String, default value: Int? = nil, range: ClosedRange<Int>) throws -> Int {
            guard let span = header[key] else {
                if let value { return value }
                throw ModelLoadingError(.missingKey, "the header has no '\(key)'", key: key)
            }
            let values = try text.integers(span, key: key)
            guard values.count == 1, let v = Int(exactly: values[0]), range.contains(v) else {
                throw ModelLoadingError(.invalidValue, "'\(key)' must be one integer in \(range)", key: key, line: span.line)
            }
            return v
        }
        let maxFeature = try headerInt("max_feature_idx", range: -1...(_Node.maximumFeatureCount - 1))
        let featureCount = maxFeature + 1
        try _LoadCost.checkFeatureCount(featureCount, fileSize: bytes.count, key: "max_feature_idx")
        let numClass = try headerInt("num_class", default: 1, range: 1...(1 << 16))
        let perIteration = try headerInt("num_tree_per_iteration", default: numClass, range: 1...(1 << 16))
        let objectiveSpan = header["objective"]
        let objective = try _LightGBMObjective(line: objectiveSpan.map(text.string), lineNumber: objectiveSpan?.line)
        let averageOutput = text.flags.contains("average_output")
        if let k = objective.classCount, objective.kind == .multiclass {
            guard k == numClass, k == perIteration else {
                throw ModelLoadingError(
                    .inconsistent,
                    "objective has num_class:\(k) but the header has num_class=\(numClass), num_tree_per_iteration=\(perIteration)", key: "num_class", line: objectiveSpan?.line)
            }
        } else if objective.kind != .raw {
            guard perIteration == 1, numClass == 1 else {
                throw ModelLoadingError(
                    .inconsistent, "objective '\(objective.name)' with num_class=\(numClass), num_tree_per_iteration=\(perIteration)", key: "num_tree_per_iteration")
            }
        }
        let treeCount = text.trees.count
        guard treeCount % perIteration == 0 else {
            throw ModelLoadingError(
                .inconsistent, "\(treeCount) trees are not a whole number of iterations of \(perIteration) trees", key: "num_tree_per_iteration")
        }
        var builder = try _ForestBuilder(featureCount: featureCount)
        var categorical = false
        var linear = false
        var rawTrees: [_RawTree] = []
        for (index, tree) in text.trees.enumerated() {
            do {
                let raw = try readTree(tree, text: text, group: index % perIteration, featureCount: featureCount,
                                       categorical: &categorical, linear: &linear)
                try builder.append(raw, index: index)
                if keepRawTrees { rawTrees.append(raw) }
            } catch var error as ModelLoadingError {
                if error.tree == nil { error.tree = index }
                if error.line == nil { error.line = text.treeLines[index] }
                throw error
            }
        }
        let built = builder.finish()
        let forest = _Forest(
            built: built, accumulation: .float64, groupCount: perIteration, featureCount: featureCount,
            baseMargin: Array(repeating: 0, count: perIteration),
            iterationStarts: Array(stride(from: 0, through: treeCount, by: perIteration)),
            averageOutput: averageOutput, link: objective.link)
        var names: [String]?
        if let span = header["feature_names"] {
            let words = text.words(span)
            if words.count == featureCount { names = words }
        }
        let outputKind: OutputKind
        switch objective.kind {
        case .binary: outputKind = .binaryProbability
        case .multiclass: outputKind = .multiclassProbabilities(classCount: perIteration)
        case .regression: outputKind = .regressionValue
        case .raw: outputKind = .rawScore(width: perIteration)
        }
        let schema = InputSchema(featureCount: featureCount, featureNames: names)
        var details: [String: String] = [
            "num_tree_per_iteration": "\(perIteration)",
            "average_output": averageOutput ? "true" : "false",
            "categorical_splits": categorical ? "true" : "false",
            "linear_trees": linear ? "true" : "false",
        ]
        if case .lgbSigmoid(let k) = objective.link { details["sigmoid"] = "\(k)" }
        let description = ModelDescription(
            format: .lightGBMText, framework: "lightgbm", frameworkVersion: header["version"].map(text.string),
            objective: objective.line.isEmpty ? "none" : objective.line, outputKind: outputKind.name,
            featureCount: featureCount, featureNames: schema.featureNames,
            classCount: objective.kind == .multiclass ? perIteration : (objective.kind == .binary ? 2 : nil),
            outputGroups: perIteration, booster: averageOutput ? "rf" : "gbdt", treeCount: treeCount,
            iterationCount: forest.iterationCount, maxDepth: forest.maxDepth, nodeCount: built.nodes.count,
            leafCount: built.leafCount, details: details)
        return _LoadedTrees(
            forest: forest, schema: schema, outputKind: outputKind, hasLinkFunction: objective.hasLinkFunction,
            description: description, bestIteration: nil, rawTrees: rawTrees)
    }

    static func readTree(
        _ tree: [String: _LightGBMText.Span], text: _LightGBMText, group: Int, featureCount: Int,
        categorical: inout Bool, linear: inout Bool
    ) throws -> _RawTree {
        func span(_ key: String) throws -> _LightGBMText.Span {
            guard let s = tree[key] else { throw ModelLoadingError(.missingKey, "tree has no '\(key)'", key: key) }
            return s
        }
        func ints(_ key: String, count: Int) throws -> [Int64] {
            let s = try span(key)
            let v = try text.integers(s, key: key)
            guard v.count == count else {
                throw ModelLoadingError(.inconsistent, "'\(key)' has \(v.count) values, expected \(count)", key: key, line: s.line)
            }
            return v
        }
        func doubles(_ key: String, count: Int?) throws -> [Double] {
            let s = try span(key)
            let v = try text.doubles(s, key: key)
            if let count, v.count != count {
                throw ModelLoadingError(.inconsistent, "'\(key)' has \(v.count) values, expected \(count)", key: key, line: s.line)
            }
            return v
        }
        let leavesSpan = try span("num_leaves")
        guard let leaves = try text.integers(leavesSpan, key: "num_leaves").first, leaves >= 1, leaves <= Int64(maximumLeaves) else {
            throw ModelLoadingError(.invalidValue, "num_leaves must be in 1...\(maximumLeaves)", key: "num_leaves", line: leavesSpan.line)
        }
        let l = Int(leaves)
        let internalCount = l - 1
        let leafValues = try doubles("leaf_value", count: l)
        // Linear leaves.
        var linearLeaves: [_RawLinearLeaf?] = Array(repeating: nil, count: l)
        if let s = tree["is_linear"], let flag = try text.integers(s, key: "is_linear").first, flag != 0 {
            linear = true
            let constants = try doubles("leaf_const", count: l)
            let counts = try ints("num_features", count: l)
            let featureSpan = try span("leaf_features")
            let coefficientSpan = try span("leaf_coeff")
            let features = try text.integers(featureSpan, key: "leaf_features")
            let coefficients = try text.doubles(coefficientSpan, key: "leaf_coeff")
            var total = 0
            for c in counts {
                guard c >= 0, c <= Int64(features.count) else {
                    throw ModelLoadingError(.invalidValue, "num_features holds \(c)", key: "num_features")
                }
                total += Int(c)
            }
            guard total == features.count, total == coefficients.count else {
                throw ModelLoadingError(
                    .inconsistent,
                    "num_features sums to \(total), leaf_features has \(features.count) and leaf_coeff \(coefficients.count) values", key: "leaf_features", line: featureSpan.line)
            }
            var offset = 0
            for j in 0..<l {
                let c = Int(counts[j])
                var fs: [Int32] = []
                for f in features[offset..<(offset + c)] {
                    guard let v = Int32(exactly: f) else {
                        throw ModelLoadingError(.invalidValue, "leaf feature \(f) is out of range", key: "leaf_features")
                    }
                    fs.append(v)
                }
                linearLeaves[j] = _RawLinearLeaf(
                    constant: constants[j], features: fs, coefficients: Array(coefficients[offset..<(offset + c)]))
                offset += c
            }
        }
        var nodes: [_RawTree.Node] = []
        nodes.reserveCapacity(internalCount + l)
        var bitsetWords: [UInt32] = []
        if internalCount > 0 {
            let features = try ints("split_feature", count: internalCount)
            let thresholds = try doubles("threshold", count: internalCount)
            let decisions = try ints("decision_type", count: internalCount)
            let lefts = try ints("left_child", count: internalCount)
            let rights = try ints("right_child", count: internalCount)
            var boundaries: [Int64] = []
            let catCount = try tree["num_cat"].map { s -> Int64 in try text.integers(s, key: "num_cat").first ?? 0 } ?? 0
            guard catCount >= 0, catCount <= Int64(internalCount) else {
                throw ModelLoadingError(.invalidValue, "num_cat \(catCount) is out of range", key: "num_cat")
            }
            if catCount > 0 {
                boundaries = try ints("cat_boundaries", count: Int(catCount) + 1)
                let words = try text.integers(try span("cat_threshold"), key: "cat_threshold")
                guard boundaries.first == 0, boundaries.last == Int64(words.count),
                    zip(boundaries, boundaries.dropFirst()).allSatisfy({ $0 <= $1 })
                else {
                    throw ModelLoadingError(
                        .inconsistent, "cat_boundaries do not split the \(words.count) cat_threshold words", key: "cat_boundaries")
                }
                // Converted once per tree; categorical nodes refer to ranges of it, so many nodes
                // naming one range cost nothing extra.
                bitsetWords.reserveCapacity(words.count)
                for (j, w) in words.enumerated() {
                    guard let v = UInt32(exactly: w) else {
                        throw ModelLoadingError(
                            .invalidValue, "cat_threshold[\(j)] = \(w) is not a uint32 bitset word", key: "cat_threshold")
                    }
                    bitsetWords.append(v)
                }
            }
            var catUser = [Int](repeating: -1, count: Int(catCount))
            func child(_ c: Int64, _ k: Int) throws -> Int {
                if c >= 0 {
                    guard c < Int64(internalCount) else {
                        throw ModelLoadingError(.inconsistent, "node \(k): child \(c) is out of range 0..<\(internalCount)", node: k)
                    }
                    return Int(c)
                }
                let leaf = ~c
                guard leaf < Int64(l) else {
                    throw ModelLoadingError(.inconsistent, "node \(k): leaf \(leaf) is out of range 0..<\(l)", node: k)
                }
                return internalCount + Int(leaf)
            }
            for k in 0..<internalCount {
                let left = try child(lefts[k], k)
                let right = try child(rights[k], k)
                guard let feature = Int(exactly: features[k]) else {
                    throw ModelLoadingError(.invalidValue, "node \(k): split feature out of range", node: k, key: "split_feature")
                }
                let d = decisions[k]
                guard d >= 0, d <= 255 else {
                    throw ModelLoadingError(.invalidValue, "node \(k): decision_type \(d) is not a byte", node: k, key: "decision_type")
                }
                let isCategorical = d & 1 != 0
                let defaultLeft = d & 2 != 0
                let missingType = (d >> 2) & 3
                let t = thresholds[k]
                guard !t.isNaN else {
                    throw ModelLoadingError(.invalidValue, "node \(k): threshold is NaN", node: k, key: "threshold")
                }
                if isCategorical {
                    categorical = true
                    guard let index = Int(exactly: t), index >= 0, index < Int(catCount) else {
                        throw ModelLoadingError(
                            .inconsistent, "node \(k): categorical threshold \(t) is not an index below num_cat = \(catCount)", node: k, key: "threshold")
                    }
                    // LightGBM gives every categorical split its own range; one range named by
                    // many nodes is refused (and would be shared, never copied, if it were not).
                    guard catUser[index] < 0 else {
                        throw ModelLoadingError(
                            .inconsistent,
                            "node \(k): categorical threshold \(index) names the cat_threshold range already used by node \(catUser[index])", node: k, key: "threshold")
                    }
                    catUser[index] = k
                    let range = Int(boundaries[index])..<Int(boundaries[index + 1])
                    nodes.append(.bitsetGoesLeft(feature: feature, words: range, left: left, right: right))
                    continue
                }
                let threshold = _Thresholds.lightGBM(t)
                switch missingType {
                case 0:
                    nodes.append(.numeric(feature: feature, threshold: threshold, nanLeft: 0.0 <= t, left: left, right: right))
                case 1:
                    nodes.append(.zeroIsMissing(feature: feature, threshold: threshold, defaultLeft: defaultLeft, left: left, right: right))
                case 2:
                    nodes.append(.numeric(feature: feature, threshold: threshold, nanLeft: defaultLeft, left: left, right: right))
                default:
                    throw ModelLoadingError(.invalidValue, "node \(k): missing type 3 in decision_type \(d) is undefined", node: k, key: "decision_type")
                }
            }
        }
        for j in 0..<l {
            nodes.append(.leaf(value: leafValues[j], id: Int32(j), linear: linearLeaves[j]))
        }
        return _RawTree(nodes: nodes, group: group, firstLeafNode: internalCount, bitsetWords: bitsetWords)
    }
}
