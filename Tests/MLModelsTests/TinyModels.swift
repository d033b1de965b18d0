/// Builders of tiny hand-made model files for unit tests.
enum TinyModels {
    /// One XGBoost tree as JSON. Leaves are nodes with `left == -1`; their value sits in `cond`.
    struct XGBTree {
        var left: [Int]
        var right: [Int]
        var feature: [Int]
        var cond: [String]
        var defaultLeft: [Int]
        var splitType: [Int]? = nil
        var categories: [Int] = []
        var categoryNodes: [Int] = []
        var categorySegments: [Int] = []
        var categorySizes: [Int] = []

        func json(id: Int) -> String {
            func list<T>(_ a: [T]) -> String { "[" + a.map { "\($0)" }.joined(separator: ",") + "]" }
            let n = left.count
            return """
                {"id":\(id),"left_children":\(list(left)),"right_children":\(list(right)),\
                "split_indices":\(list(feature)),"split_conditions":[\(cond.joined(separator: ","))],\
                "default_left":\(list(defaultLeft)),"split_type":\(list(splitType ?? Array(repeating: 0, count: n))),\
                "categories":\(list(categories)),"categories_nodes":\(list(categoryNodes)),\
                "categories_segments":\(list(categorySegments)),"categories_sizes":\(list(categorySizes)),\
                "base_weights":[],"loss_changes":[],"parents":[],"sum_hessian":[],\
                "tree_param":{"num_deleted":"0","num_feature":"2","num_nodes":"\(n)","size_leaf_vector":"1"}}
                """
        }

        /// A stump on `feature`: `x < cond` → leaf `lo`, else leaf `hi`.
        static func stump(feature: Int = 0, cond: String, lo: String, hi: String, defaultLeft: Bool = false) -> XGBTree {
            XGBTree(
                left: [1, -1, -1], right: [2, -1, -1], feature: [feature, 0, 0], cond: [cond, lo, hi],
                defaultLeft: [defaultLeft ? 1 : 0, 0, 0])
        }
    }

    static func xgboost(
        trees: [XGBTree], objective: String = "reg:squarederror", features: Int = 2, baseScore: String = "\"[0E0]\"",
        numClass: Int = 0, treeInfo: [Int]? = nil, parallel: Int = 1, dartWeights: [String]? = nil,
        attributes: String = "{}", version: String = "[3,2,0]"
    ) -> [UInt8] {
        let info = treeInfo ?? Array(repeating: 0, count: trees.count)
        let model = """
            {"gbtree_model_param":{"num_parallel_tree":"\(parallel)","num_trees":"\(trees.count)"},\
            "tree_info":[\(info.map(String.init).joined(separator: ","))],\
            "trees":[\(trees.enumerated().map { $1.json(id: $0) }.joined(separator: ","))]}
            """
        let booster: String
        if let dartWeights {
            booster = """
                {"name":"dart","gbtree":{"name":"gbtree","model":\(model)},"weight_drop":[\(dartWeights.joined(separator: ","))]}
                """
        } else {
            booster = "{\"name\":\"gbtree\",\"model\":\(model)}"
        }
        let text = """
            {"learner":{"attributes":\(attributes),"feature_names":[],"feature_types":[],\
            "gradient_booster":\(booster),\
            "learner_model_param":{"base_score":\(baseScore),"boost_from_average":"1","num_class":"\(numClass)",\
            "num_feature":"\(features)","num_target":"1"},\
            "objective":{"name":"\(objective)"}},"version":\(version)}
            """
        return Array(text.utf8)
    }

    /// A LightGBM text model from tree blocks (each the lines after `Tree=i`).
    static func lightGBM(
        trees: [String], objective: String = "regression", maxFeature: Int = 1, numClass: Int = 1,
        perIteration: Int = 1, extraHeader: String = ""
    ) -> [UInt8] {
        var text = """
            tree
            version=v4
            num_class=\(numClass)
            num_tree_per_iteration=\(perIteration)
            label_index=0
            max_feature_idx=\(maxFeature)
            objective=\(objective)
            \(extraHeader)
            feature_names=\((0...maxFeature).map { "f\($0)" }.joined(separator: " "))

            """
        for (i, tree) in trees.enumerated() { text += "\nTree=\(i)\n" + tree + "\n" }
        text += "\nend of trees\n\nfeature_importances:\n\nparameters:\nend of parameters\n"
        return Array(text.utf8)
    }

    /// A LightGBM stump: `decision_type` as given; leaf 0 left, leaf 1 right. `numCat`, `isLinear` and
    /// `extraLines` (placed before `shrinkage`) give categorical splits and linear leaves their fields.
    static func lgbStump(
        feature: Int = 0, threshold: String, decisionType: Int, left: String = "-1", right: String = "1",
        numCat: Int = 0, isLinear: Bool = false, extraLines: [String] = []
    ) -> String {
        let stump = """
            num_leaves=2
            num_cat=\(numCat)
            split_feature=\(feature)
            split_gain=1
            threshold=\(threshold)
            decision_type=\(decisionType)
            left_child=-1
            right_child=-2
            leaf_value=\(left) \(right)
            leaf_weight=1 1
            leaf_count=1 1
            internal_value=0
            internal_weight=0
            internal_count=2
            is_linear=\(isLinear ? 1 : 0)
            """
        return ([stump] + extraLines + ["shrinkage=1"]).joined(separator: "\n")
    }
}
