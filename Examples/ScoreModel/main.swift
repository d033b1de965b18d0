// ScoreModel: load a tree ensemble trained in Python and score it in-process, no Python.
//
// Run: swift run ScoreModel [path/to/model.{json,ubj,txt}]
// Without an argument it scores a tiny XGBoost model written inline below.

import MLCore
import MLModels

// MARK: Cell 1 — load a model. The format (XGBoost JSON/UBJSON, LightGBM text) is detected
// from the content; a malformed file throws ModelLoadingError naming tree, node and key.
let arguments = CommandLine.arguments.dropFirst()
let model: any PredictiveModel
if let path = arguments.first {
    model = try ModelLoader.load(contentsOf: path)
} else {
    // Two stumps on feature 0 and 1 of a binary:logistic model, as XGBoost 3 saves them.
    let json = """
        {"learner":{"attributes":{},"feature_names":["amount","age_days"],"feature_types":["float","float"],
        "gradient_booster":{"name":"gbtree","model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"2"},
        "tree_info":[0,0],"trees":[
        {"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[0,0,0],
         "split_conditions":[100.0,-0.4,0.9],"default_left":[1,0,0]},
        {"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[1,0,0],
         "split_conditions":[30.0,0.5,-0.2],"default_left":[0,0,0]}]}},
        "learner_model_param":{"base_score":"[2E-1]","num_class":"0","num_feature":"2","num_target":"1"},
        "objective":{"name":"binary:logistic"}},"version":[3,2,0]}
        """
    model = try ModelLoader.load(bytes: Array(json.utf8))
}

// MARK: Cell 2 — what the model expects and returns.
let info = model.modelDescription
print("\(info.framework) \(info.objective): \(model.schema.featureCount) features", model.schema.featureNames ?? [])
print("output:", try model.outputColumnNames())

// MARK: Cell 3 — batch scoring of a row-major Float matrix; NaN is a missing value.
let n = model.schema.featureCount
var rows: [[Float]] = [Array(repeating: 0, count: n), Array(repeating: 250, count: n), Array(repeating: .nan, count: n)]
let features = try Matrix<Float>(rows)
let predictions = try model.predict(features)
let margins = try model.predict(features, options: .init(output: .rawMargin))
for r in 0..<features.rows {
    print("row \(r): prediction \(Array(predictions.row(r))), margin \(Array(margins.row(r)))")
}

// MARK: Cell 4 — the prepared single-row scorer: no allocation per call, shareable across tasks.
let scorer = try model.makeSingleRowScorer(options: .default)
rows[0][0] = 150
print("single row:", try scorer.predict(rows[0]))

// MARK: Cell 5 — the same predictions on 2 threads are bit-identical.
let parallel = try model.predict(features, options: .init(threads: 2))
print("2 threads identical:", parallel == predictions)
