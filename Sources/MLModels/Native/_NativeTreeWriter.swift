/// Writes the `model` section of a tree ensemble: its scoring facts, then every tree in the
/// numbering of the original file, one node per line.
///
/// Values are written in the forest's precision: a `float32` forest (XGBoost) writes leaves
/// and base margins as `Float` text, a `float64` forest (LightGBM) as `Double` text. Split
/// thresholds are always `Float`: the node goes left iff `x <= threshold` (the loaders'
/// exact pre-rounded form of XGBoost's `x < cond` and LightGBM's double `x <= thr`).
enum _NativeTreeWriter {
    static func write(_ loaded: _LoadedTrees, quantization: _BinnedForest? = nil, into w: inout _NativeJSONWriter) {
        let forest = loaded.forest
        let d = loaded.description
        let isFloat = forest.accumulation == .float32
        func value(_ v: Double) -> String {
            isFloat ? _NativeJSONWriter.number(Float(v)) : _NativeJSONWriter.number(v)
        }
        func optional(_ s: String?) -> String { s.map(_NativeJSONWriter.quoted) ?? "null" }
        w.raw("{\n")
        w.raw("    \"type\": \"tree_ensemble\",\n")
        w.raw("    \"framework\": \(_NativeJSONWriter.quoted(d.framework)),\n")
        w.raw("    \"framework_version\": \(optional(d.frameworkVersion)),\n")
        w.raw("    \"objective\": \(_NativeJSONWriter.quoted(d.objective)),\n")
        w.raw("    \"booster\": \(optional(d.booster)),\n")
        w.raw("    \"class_count\": \(d.classCount.map(String.init) ?? "null"),\n")
        w.raw("    \"details\": {")
        let keys = d.details.keys.filter { !_NativeHeader.provenanceDetailKeys.contains($0) }.sorted()
        w.raw(keys.map { _NativeJSONWriter.quoted($0) + ": " + _NativeJSONWriter.quoted(d.details[$0] ?? "") }.joined(separator: ", "))
        w.raw("},\n")
        w.raw("    \"precision\": \(isFloat ? "\"float32\"" : "\"float64\""),\n")
        w.raw("    \"link\": \(_NativeJSONWriter.quoted(forest.link.nativeName)),\n")
        if case .lgbSigmoid(let k) = forest.link { w.raw("    \"sigmoid_scale\": \(_NativeJSONWriter.number(k)),\n") }
        if case .isolationScore(let c) = forest.link { w.raw("    \"path_length_normalizer\": \(_NativeJSONWriter.number(c)),\n") }
        w.raw("    \"group_count\": \(forest.groupCount),\n")
        w.raw("    \"base_margin\": \(_NativeJSONWriter.list(forest.baseMargin, value)),\n")
        w.raw("    \"average_output\": \(forest.averageOutput),\n")
        w.raw("    \"iteration_starts\": \(_NativeJSONWriter.list(forest.iterationStarts) { String($0) }),\n")
        w.raw("    \"best_iteration\": \(loaded.bestIteration.map(String.init) ?? "null"),\n")
        if let quantization {
            w.raw("    \"quantization\": {\"scheme\": \"threshold_bins\", \"bin_edges\": [")
            for j in 0..<forest.featureCount {
                w.raw(j == 0 ? "\n" : ",\n")
                w.raw("      " + _NativeJSONWriter.list(quantization.edgeValues(feature: j), _NativeJSONWriter.number))
            }
            w.raw(forest.featureCount == 0 ? "]},\n" : "\n    ]},\n")
        }
        w.raw("    \"trees\": [")
        for (t, tree) in loaded.rawTrees.enumerated() {
            w.raw(t == 0 ? "\n" : ",\n")
            w.raw("      {\"group\": \(tree.group)")
            if let first = tree.firstLeafNode { w.raw(", \"first_leaf_node\": \(first)") }
            w.raw(", \"nodes\": [\n")
            for (k, node) in tree.nodes.enumerated() {
                w.raw("        " + line(node, in: tree, value: value))
                w.raw(k + 1 < tree.nodes.count ? ",\n" : "\n")
            }
            w.raw("      ]}")
        }
        w.raw(loaded.rawTrees.isEmpty ? "]\n" : "\n    ]\n")
        w.raw("  }")
    }

    /// One node as a one-line JSON object.
    static func line(_ node: _RawTree.Node, in tree: _RawTree, value: (Double) -> String) -> String {
        func side(_ left: Bool) -> String { left ? "\"left\"" : "\"right\"" }
        func ints<C: Collection>(_ a: C) -> String where C.Element: BinaryInteger { _NativeJSONWriter.list(a) { String($0) } }
        switch node {
        case .leaf(let v, let id, let linear):
            var s = "{\"leaf\": \(value(v)), \"id\": \(id)"
            if let linear {
                s += ", \"linear\": {\"constant\": \(_NativeJSONWriter.number(linear.constant))"
                s += ", \"features\": \(ints(linear.features))"
                s += ", \"coefficients\": \(_NativeJSONWriter.list(linear.coefficients, _NativeJSONWriter.number))}"
            }
            return s + "}"
        case .numeric(let f, let t, let nanLeft, let l, let r):
            return "{\"split\": \"numeric\", \"feature\": \(f), \"threshold\": \(_NativeJSONWriter.number(t)), "
                + "\"missing\": \(side(nanLeft)), \"left\": \(l), \"right\": \(r)}"
        case .zeroIsMissing(let f, let t, let dl, let l, let r):
            return "{\"split\": \"zero_is_missing\", \"feature\": \(f), \"threshold\": \(_NativeJSONWriter.number(t)), "
                + "\"missing\": \(side(dl)), \"left\": \(l), \"right\": \(r)}"
        case .listedCategoriesGoRight(let f, let cats, let dl, let l, let r):
            return "{\"split\": \"categories_go_right\", \"feature\": \(f), \"categories\": \(ints(cats)), "
                + "\"missing\": \(side(dl)), \"left\": \(l), \"right\": \(r)}"
        case .bitsetGoesLeft(let f, let words, let l, let r):
            return "{\"split\": \"bitset_goes_left\", \"feature\": \(f), \"bitset\": \(ints(tree.bitset(words))), "
                + "\"left\": \(l), \"right\": \(r)}"
        }
    }
}
