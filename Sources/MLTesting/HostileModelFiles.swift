/// Model files built to break the cost contract of loading (issue #12): small files that
/// declare or reference far more than they carry. Each is refused by the loaders with a
/// typed error; tests (loader, `mlctl inspect`, serve reload) generate them here instead of
/// keeping large fixtures.
public enum HostileModelFiles {
    /// UBJSON `{"a": [ [$Z#l<n> … ]}`: `containers` typed containers of nulls, each claiming
    /// as many elements as bytes remain after its header. Nulls take no bytes, so before the
    /// element budget the parser materialized about `containers² × 4.5` values.
    public static func ubjsonZeroWidthContainers(containers: Int = 30_000) -> [UInt8] {
        let header = 9  // [ $ Z # l + 4-byte count
        let total = 5 + containers * header + 2  // {U\u{1}a[ … ]}
        var out: [UInt8] = Array("{U".utf8) + [1] + Array("a[".utf8)
        out.reserveCapacity(total)
        for _ in 0..<containers {
            out += Array("[$Z#l".utf8)
            let remaining = UInt32(clamping: total - (out.count + 4))
            out += [UInt8(remaining >> 24), UInt8(truncatingIfNeeded: remaining >> 16),
                    UInt8(truncatingIfNeeded: remaining >> 8), UInt8(truncatingIfNeeded: remaining)]
        }
        out += Array("]}".utf8)
        return out
    }

    /// LightGBM text with one tree of `nodes` categorical nodes (a chain), all naming the
    /// same `cat_threshold` range of `words` bitset words. Copying the range per node would
    /// build `nodes × words` words.
    public static func lightGBMSharedBitset(nodes: Int = 20_000, words: Int = 1_100_000) -> [UInt8] {
        var text = lightGBMHeader(maxFeatureIndex: 0)
        text += "Tree=0\nnum_leaves=\(nodes + 1)\nnum_cat=1\n"
        text += "split_feature=" + repeated("0", nodes) + "\n"
        text += "threshold=" + repeated("0", nodes) + "\n"
        text += "decision_type=" + repeated("1", nodes) + "\n"
        text += "left_child=" + (0..<nodes).map { String(~$0) }.joined(separator: " ") + "\n"
        text += "right_child=" + (0..<nodes).map { $0 + 1 < nodes ? String($0 + 1) : String(~nodes) }.joined(separator: " ") + "\n"
        text += "leaf_value=" + repeated("0", nodes + 1) + "\n"
        text += "cat_boundaries=0 \(words)\n"
        text += "cat_threshold=" + repeated("1", words) + "\n"
        text += "shrinkage=1\n\nend of trees\n"
        return Array(text.utf8)
    }

    /// XGBoost JSON whose one categorical node is listed `repeats` times in
    /// `categories_nodes`, each segment covering the whole `categories` array of
    /// `categories` entries: `repeats × categories` work before the fix.
    public static func xgboostRepeatedCategorySegments(repeats: Int = 5_000, categories: Int = 1_000_000) -> [UInt8] {
        let tree = """
            {"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[0,0,0],\
            "split_conditions":[0,1,2],"default_left":[0,0,0],"split_type":[1,0,0],\
            "categories":[\((0..<categories).map { String($0 % 1000) }.joined(separator: ","))],\
            "categories_nodes":[\(repeated("0", repeats, ","))],\
            "categories_segments":[\(repeated("0", repeats, ","))],\
            "categories_sizes":[\(repeated(String(categories), repeats, ","))]}
            """
        return xgboostJSON(features: 1, trees: [tree])
    }

    /// A ~300-byte LightGBM stump declaring `max_feature_idx` (default 2^28 − 3): a model
    /// input row would be gigabytes.
    public static func lightGBMDeclaredFeatures(maxFeatureIndex: Int = 268_435_453) -> [UInt8] {
        var text = lightGBMHeader(maxFeatureIndex: maxFeatureIndex)
        text += "Tree=0\nnum_leaves=2\nsplit_feature=0\nthreshold=0.5\ndecision_type=2\n"
        text += "left_child=-1\nright_child=-2\nleaf_value=0 1\nshrinkage=1\n\nend of trees\n"
        return Array(text.utf8)
    }

    /// A small XGBoost JSON stump declaring `num_feature` features.
    public static func xgboostDeclaredFeatures(_ features: Int = 100_000_000) -> [UInt8] {
        let tree = """
            {"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[0,0,0],\
            "split_conditions":[0.5,0,1],"default_left":[0,0,0]}
            """
        return xgboostJSON(features: features, trees: [tree])
    }

    /// Every hostile file above with a short name, at its default size.
    public static var all: [(name: String, bytes: [UInt8])] {
        [
            ("ubjson-zero-width", ubjsonZeroWidthContainers()),
            ("lightgbm-shared-bitset", lightGBMSharedBitset()),
            ("xgboost-repeated-categories", xgboostRepeatedCategorySegments()),
            ("lightgbm-declared-features", lightGBMDeclaredFeatures()),
            ("xgboost-declared-features", xgboostDeclaredFeatures()),
        ]
    }

    private static func repeated(_ item: String, _ count: Int, _ separator: String = " ") -> String {
        Array(repeating: item, count: count).joined(separator: separator)
    }

    private static func lightGBMHeader(maxFeatureIndex: Int) -> String {
        "tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nmax_feature_idx=\(maxFeatureIndex)\nobjective=regression\n\n"
    }

    private static func xgboostJSON(features: Int, trees: [String]) -> [UInt8] {
        let text = """
            {"learner":{"gradient_booster":{"name":"gbtree","model":{"gbtree_model_param":{"num_trees":"\(trees.count)"},\
            "tree_info":[\(repeated("0", trees.count, ","))],"trees":[\(trees.joined(separator: ","))]}},\
            "learner_model_param":{"base_score":"0.5","num_class":"0","num_feature":"\(features)"},\
            "objective":{"name":"reg:squarederror"}},"version":[3,2,0]}
            """
        return Array(text.utf8)
    }
}
