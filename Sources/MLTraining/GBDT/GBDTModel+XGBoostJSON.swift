import MLCore

extension GBDTModel {
    /// The model as an XGBoost JSON model file (format of XGBoost 3.x `save_model("….json")`):
    /// `binary:logistic`, `multi:softprob` or `reg:squarederror`, the base margins as
    /// `base_score`, every tree with its split conditions (`x < cond` goes left), default
    /// directions, leaf values, gains and hessian sums. XGBoost loads it and predicts what
    /// MLModels' XGBoost loader predicts from the same bytes.
    public func xgboostJSON() -> [UInt8] {
        var s = "{\"learner\":{\"attributes\":{"
        if let bestIteration { s += "\"best_iteration\":\"\(bestIteration)\"" }
        s += "},\"feature_names\":[" + featureNames.map(Self.quoted).joined(separator: ",") + "],"
        s += "\"feature_types\":[" + featureNames.map { _ in "\"float\"" }.joined(separator: ",") + "],"
        s += "\"gradient_booster\":{\"model\":{\"gbtree_model_param\":{\"num_parallel_tree\":\"1\",\"num_trees\":\"\(trees.count)\"},"
        s += "\"iteration_indptr\":[" + (0...iterationCount).map { String($0 * groupCount) }.joined(separator: ",") + "],"
        s += "\"tree_info\":[" + trees.map { String($0.group) }.joined(separator: ",") + "],\"trees\":["
        for (i, t) in trees.enumerated() {
            if i > 0 { s += "," }
            s += Self.treeJSON(t, id: i, features: featureNames.count)
        }
        s += "]},\"name\":\"gbtree\"},"
        let base = baseScores.map(Self.float).joined(separator: ",")
        s += "\"learner_model_param\":{\"base_score\":\"[\(base)]\",\"boost_from_average\":\"1\","
        s += "\"num_class\":\"\(objective == .multiclass ? classCount : 0)\",\"num_feature\":\"\(featureNames.count)\",\"num_target\":\"1\"},"
        switch objective {
        case .binary: s += "\"objective\":{\"name\":\"binary:logistic\",\"reg_loss_param\":{\"scale_pos_weight\":\"1\"}}"
        case .regression: s += "\"objective\":{\"name\":\"reg:squarederror\",\"reg_loss_param\":{\"scale_pos_weight\":\"1\"}}"
        case .multiclass:
            s += "\"objective\":{\"name\":\"multi:softprob\",\"softmax_multiclass_param\":{\"num_class\":\"\(classCount)\"}}"
        }
        s += "},\"version\":[3,2,0]}\n"
        return Array(s.utf8)
    }

    static func treeJSON(_ t: TrainedTree, id: Int, features: Int) -> String {
        var parents = [Int](repeating: 2_147_483_647, count: t.nodes.count)
        for (i, n) in t.nodes.enumerated() where !n.isLeaf {
            parents[n.left] = i
            parents[n.right] = i
        }
        func list<T>(_ f: (TrainedTree.Node) -> T, _ text: (T) -> String) -> String {
            "[" + t.nodes.map { text(f($0)) }.joined(separator: ",") + "]"
        }
        var s = "{\"base_weights\":" + list({ $0.value }, float)
        s += ",\"categories\":[],\"categories_nodes\":[],\"categories_segments\":[],\"categories_sizes\":[]"
        s += ",\"default_left\":" + list({ $0.defaultLeft ? 1 : 0 }, { String($0) })
        s += ",\"id\":\(id),\"left_children\":" + list({ $0.left }, { String($0) })
        s += ",\"loss_changes\":" + list({ Float($0.gain) }, float)
        s += ",\"parents\":[" + parents.map(String.init).joined(separator: ",") + "]"
        s += ",\"right_children\":" + list({ $0.right }, { String($0) })
        s += ",\"split_conditions\":" + list({ $0.isLeaf ? $0.value : $0.threshold }, float)
        s += ",\"split_indices\":" + list({ $0.isLeaf ? 0 : $0.feature }, { String($0) })
        s += ",\"split_type\":" + list({ _ in 0 }, { String($0) })
        s += ",\"sum_hessian\":" + list({ Float($0.hessian) }, float)
        s += ",\"tree_param\":{\"num_deleted\":\"0\",\"num_feature\":\"\(features)\",\"num_nodes\":\"\(t.nodes.count)\",\"size_leaf_vector\":\"1\"}}"
        return s
    }

    /// Shortest round-tripping float32 text (finite values; infinities clamp to the largest float).
    static func float(_ v: Float) -> String {
        if v.isNaN { return "0" }
        if v.isInfinite { return v > 0 ? "3.4028235E38" : "-3.4028235E38" }
        return v.description
    }

    static func quoted(_ s: String) -> String { _TextEscaping.jsonQuoted(s) }
}
