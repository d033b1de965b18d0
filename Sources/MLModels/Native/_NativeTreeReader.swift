/// Reads the `model` section of a native tree ensemble back into raw trees and builds the
/// forest through the same ``_ForestBuilder`` validation as the XGBoost and LightGBM loaders
/// (child indices, cycles, depth, feature indices, finite leaves and coefficients), plus the
/// checks of this section's own facts (group counts, iteration starts, output kind).
enum _NativeTreeReader {
    static func read(
        _ model: _JSONValue, _ r: _NativeReader, header: _NativeHeader, keepRawTrees: Bool
    ) throws -> _LoadedTrees {
        let p = "model"
        let featureCount = header.schema.featureCount
        let precision = try r.string(model, "precision", p)
        guard precision == "float32" || precision == "float64" else {
            throw r.fail(.invalidValue, "model.precision", "must be \"float32\" or \"float64\", not '\(precision)'")
        }
        let isFloat = precision == "float32"
        let scale = try model["sigmoid_scale"].map { try r.double($0, "model.sigmoid_scale") }
        let normalizer = try model["path_length_normalizer"].map { try r.double($0, "model.path_length_normalizer") }
        let link = try _Link.native(name: try r.string(model, "link", p), scale: scale, normalizer: normalizer, key: "model.link")
        let groups = try r.int(model, "group_count", p, range: 1...(1 << 16))
        func value(_ v: _JSONValue, _ path: () -> String) throws -> Double {
            isFloat ? Double(try r.float(v, path())) : try r.double(v, path())
        }
        let marginValues = try r.array(model, "base_margin", p)
        let baseMargin = try marginValues.enumerated().map { k, v in try value(v) { "model.base_margin[\(k)]" } }
        guard baseMargin.count == groups else {
            throw ModelLoadingError(.inconsistent, "base_margin has \(baseMargin.count) values for \(groups) groups", key: "model.base_margin")
        }
        guard baseMargin.allSatisfy(\.isFinite) else {
            throw ModelLoadingError(.invalidValue, "base_margin holds a non-finite value", key: "model.base_margin")
        }
        let averageOutput = try r.bool(model, "average_output", p)

        // Trees.
        let treeValues = try r.array(model, "trees", p)
        var builder = try _ForestBuilder(featureCount: featureCount)
        var rawTrees: [_RawTree] = []
        for (index, treeValue) in treeValues.enumerated() {
            do {
                let raw = try readTree(treeValue, index: index, r, groups: groups, isFloat: isFloat)
                try builder.append(raw, index: index)
                if keepRawTrees { rawTrees.append(raw) }
            } catch var error as ModelLoadingError {
                if error.tree == nil { error.tree = index }
                throw error
            }
        }
        let treeCount = treeValues.count
        let starts = try r.intArray(model, "iteration_starts", p, range: 0...Int(Int32.max))
        guard starts.first == 0, starts.last == treeCount, zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw ModelLoadingError(
                .inconsistent, "iteration_starts must be a non-decreasing list from 0 to the tree count \(treeCount)", key: "model.iteration_starts")
        }
        let bestIteration = try r.optionalInt(model, "best_iteration", p, range: 0...(starts.count - 2 < 0 ? 0 : starts.count - 2))
        if bestIteration != nil && starts.count < 2 {
            throw ModelLoadingError(.inconsistent, "best_iteration set on a model without iterations", key: "model.best_iteration")
        }

        // Output kind against the link.
        let width = link.width(groups: groups)
        let kind = header.outputKind
        let fits: Bool
        switch kind {
        case .binaryProbability, .anomalyScore: fits = width == 1
        case .multiclassProbabilities(let k): fits = k == width
        case .classIndex: fits = width == 1
        case .regressionValue: fits = true
        case .rawScore(let w): fits = w == width
        }
        guard fits else {
            throw ModelLoadingError(
                .inconsistent, "output kind \(kind.name) does not fit link \(link.nativeName) over \(groups) group(s)", key: "output")
        }
        guard header.hasLinkFunction == (link != .identity) else {
            throw ModelLoadingError(
                .inconsistent, "has_link_function is \(header.hasLinkFunction) but the link is \(link.nativeName)", key: "output.has_link_function")
        }

        let built = builder.finish()
        let forest = _Forest(
            built: built, accumulation: isFloat ? .float32 : .float64, groupCount: groups, featureCount: featureCount,
            baseMargin: baseMargin, iterationStarts: starts, averageOutput: averageOutput, link: link)

        // Description: the source's, recounted, with the provenance added.
        var details: [String: String] = [:]
        if case .object(let members) = try r.object(model, "details", p) {
            for m in members {
                guard case .string(let s) = m.value else {
                    throw r.fail(.invalidValue, "model.details.\(m.key)", "is a \(m.value.typeName), expected a string")
                }
                details[m.key] = s
            }
        }
        header.addProvenance(to: &details)
        let classCount = try r.optionalInt(model, "class_count", p, range: 1...(1 << 16))
        let description = ModelDescription(
            format: .swiftMLOpsJSON, framework: try r.string(model, "framework", p),
            frameworkVersion: try r.optionalString(model, "framework_version", p), objective: try r.string(model, "objective", p),
            outputKind: kind.name, featureCount: featureCount, featureNames: header.schema.featureNames, classCount: classCount,
            outputGroups: groups, booster: try r.optionalString(model, "booster", p), treeCount: treeCount,
            iterationCount: forest.iterationCount, maxDepth: forest.maxDepth, nodeCount: built.nodes.count,
            leafCount: built.leafCount, details: details)
        var loaded = _LoadedTrees(
            forest: forest, schema: header.schema, outputKind: kind, hasLinkFunction: header.hasLinkFunction,
            description: description, bestIteration: bestIteration, rawTrees: rawTrees)
        if let q = model["quantization"], !q.isNull {
            try checkQuantization(q, r, forest: forest)
            loaded.quantized = true
        }
        return loaded
    }

    /// Checks a `quantization` section: its bin edges must be exactly the model's thresholds.
    private static func checkQuantization(_ q: _JSONValue, _ r: _NativeReader, forest: _Forest) throws {
        let p = "model.quantization"
        guard case .object = q else { throw r.fail(.invalidValue, p, "is a \(q.typeName), expected an object") }
        let scheme = try r.string(q, "scheme", p)
        guard scheme == "threshold_bins" else {
            throw ModelLoadingError(.unsupported, "quantization scheme '\(scheme)' is not supported (threshold_bins is)", key: p + ".scheme")
        }
        let lists = try r.array(q, "bin_edges", p)
        guard lists.count == forest.featureCount else {
            throw ModelLoadingError(
                .inconsistent, "bin_edges has \(lists.count) lists for \(forest.featureCount) features", key: p + ".bin_edges")
        }
        let binned = try _BinnedForest(forest)
        for (j, list) in lists.enumerated() {
            let path = "\(p).bin_edges[\(j)]"
            guard case .array(let items) = list else { throw r.fail(.invalidValue, path, "is a \(list.typeName), expected an array") }
            let stored = try items.enumerated().map { try r.float($1, "\(path)[\($0)]").bitPattern }
            guard stored == binned.edgeValues(feature: j).map(\.bitPattern) else {
                throw ModelLoadingError(
                    .inconsistent, "bin edges of feature \(j) are not the model's split thresholds", key: path)
            }
        }
    }

    private static func readTree(
        _ tree: _JSONValue, index: Int, _ r: _NativeReader, groups: Int, isFloat: Bool
    ) throws -> _RawTree {
        let p = "model.trees[\(index)]"
        guard case .object = tree else {
            throw ModelLoadingError(.invalidValue, "'\(p)' is a \(tree.typeName), expected an object", tree: index, key: p)
        }
        let group = try r.int(tree, "group", p, range: 0...(groups - 1))
        let nodeValues = try r.array(tree, "nodes", p)
        let firstLeaf = try r.optionalInt(tree, "first_leaf_node", p, range: 0...nodeValues.count)
        var nodes: [_RawTree.Node] = []
        nodes.reserveCapacity(nodeValues.count)
        var bitsetWords: [UInt32] = []
        for (k, v) in nodeValues.enumerated() {
            do {
                nodes.append(try readNode(v, path: "\(p).nodes[\(k)]", r, isFloat: isFloat, bitsetWords: &bitsetWords))
            } catch var error as ModelLoadingError {
                error.tree = index
                if error.node == nil { error.node = k }
                throw error
            }
        }
        return _RawTree(nodes: nodes, group: group, firstLeafNode: firstLeaf, bitsetWords: bitsetWords)
    }

    private static func readNode(
        _ v: _JSONValue, path: @autoclosure () -> String, _ r: _NativeReader, isFloat: Bool,
        bitsetWords: inout [UInt32]
    ) throws -> _RawTree.Node {
        guard case .object = v else { throw r.fail(.invalidValue, path(), "is a \(v.typeName), expected a node object") }
        let indexRange = 0...Int(Int32.max)
        if let leaf = v["leaf"] {
            let id = try r.int(v, "id", path(), range: Int(Int32.min)...Int(Int32.max))
            var linear: _RawLinearLeaf?
            if let l = v["linear"], !l.isNull {
                guard case .object = l else { throw r.fail(.invalidValue, path() + ".linear", "is a \(l.typeName), expected an object") }
                let features = try r.intArray(l, "features", path() + ".linear", range: indexRange).map { Int32($0) }
                linear = _RawLinearLeaf(
                    constant: try r.double(try r.member(l, "constant", path() + ".linear"), path() + ".linear.constant"),
                    features: features, coefficients: try r.doubleArray(l, "coefficients", path() + ".linear"))
            }
            // A float32 forest's leaves are read as Float (never rounded through Double).
            let value = isFloat ? Double(try r.float(leaf, path() + ".leaf")) : try r.double(leaf, path() + ".leaf")
            return .leaf(value: value, id: Int32(id), linear: linear)
        }
        let split = try r.string(v, "split", path())
        let feature = try r.int(v, "feature", path(), range: 0...(_Node.maximumFeatureCount - 1))
        let left = try r.int(v, "left", path(), range: indexRange)
        let right = try r.int(v, "right", path(), range: indexRange)
        func missingLeft() throws -> Bool {
            let side = try r.string(v, "missing", path())
            guard side == "left" || side == "right" else {
                throw r.fail(.invalidValue, path() + ".missing", "must be \"left\" or \"right\", not '\(side)'")
            }
            return side == "left"
        }
        switch split {
        case "numeric":
            let t = try r.float(try r.member(v, "threshold", path()), path() + ".threshold")
            return .numeric(feature: feature, threshold: t, nanLeft: try missingLeft(), left: left, right: right)
        case "zero_is_missing":
            let t = try r.float(try r.member(v, "threshold", path()), path() + ".threshold")
            return .zeroIsMissing(feature: feature, threshold: t, defaultLeft: try missingLeft(), left: left, right: right)
        case "categories_go_right":
            let cats = try r.intArray(v, "categories", path(), range: 0...((1 << 24) - 1))
            guard zip(cats, cats.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw r.fail(.invalidValue, path() + ".categories", "must be strictly increasing")
            }
            return .listedCategoriesGoRight(
                feature: feature, categories: cats.map { Int32($0) }, defaultLeft: try missingLeft(), left: left, right: right)
        case "bitset_goes_left":
            let words = try r.intArray(v, "bitset", path(), range: 0...Int(UInt32.max))
            guard words.count <= 1 << 26 else { throw r.fail(.limitExceeded, path() + ".bitset", "has more than 2^26 words") }
            let start = bitsetWords.count
            bitsetWords.append(contentsOf: words.lazy.map { UInt32($0) })
            return .bitsetGoesLeft(feature: feature, words: start..<bitsetWords.count, left: left, right: right)
        default:
            throw ModelLoadingError(.unsupported, "unknown split '\(split)'", key: path() + ".split")
        }
    }
}
