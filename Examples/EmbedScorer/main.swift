// EmbedScorer: a Swift service that scores in-process with MLServe — no HTTP server, no
// Python — sending a sticky 20 % canary of its users to a challenger model while the
// champion answers everyone else, with the challenger also shadowing the champion's traffic.
//
// Run: swift run EmbedScorer
// It writes two tiny XGBoost models to a temporary folder, so it needs no files.

import FoundationEssentials
import MLServe

// MARK: Cell 1 — two models. In a real service these come from files or from the registry
// (`variants: {champion: {registry_name: fraud, alias: champion}}` with `registry:` passed to
// the engine). Here: the same two stumps with different leaf values.
func stumps(_ leftLeaf: Double, _ rightLeaf: Double) -> String {
    """
    {"learner":{"attributes":{},"feature_names":["amount","age_days"],"feature_types":["float","float"],
    "gradient_booster":{"name":"gbtree","model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"2"},
    "tree_info":[0,0],"trees":[
    {"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[0,0,0],
     "split_conditions":[100.0,\(leftLeaf),\(rightLeaf)],"default_left":[1,0,0]},
    {"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[1,0,0],
     "split_conditions":[30.0,0.5,-0.2],"default_left":[0,0,0]}]}},
    "learner_model_param":{"base_score":"[2E-1]","num_class":"0","num_feature":"2","num_target":"1"},
    "objective":{"name":"binary:logistic"}},"version":[3,2,0]}
    """
}
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("embed-scorer-\(UInt32.random(in: 0...UInt32.max))")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let championPath = folder.appendingPathComponent("champion.json").path
let challengerPath = folder.appendingPathComponent("challenger.json").path
try Data(stumps(-0.4, 0.9).utf8).write(to: URL(fileURLWithPath: championPath))
try Data(stumps(-0.6, 1.2).utf8).write(to: URL(fileURLWithPath: challengerPath))

// MARK: Cell 2 — the serving configuration, the same YAML `mlctl serve --config` reads.
// A canary is sticky: a user's bucket is SHA-256(salt ":" id) mod 10,000 (Docs/Routing.md),
// so the same users stay in the canary across restarts and replicas.
let yaml = """
    name: fraud
    variants:
      champion: {path: \(championPath)}
      challenger: {path: \(challengerPath)}
    routing:
      policy: canary
      candidate: challenger
      percent: 20
      salt: embed-example
      shadow: [challenger]
    post_processing: {threshold: 0.5, labels: [legit, fraud]}
    """
let engine = try ScoringEngine(configuration: ServeConfiguration.parse(yaml: yaml))
try engine.start()  // loads and warms both models: ready
print("ready: \(engine.isReady); models: \(engine.models().map { "\($0.route)=\($0.version)" })")

// MARK: Cell 3 — score requests as a service would: one row per request, keyed by user.
var byRoute: [String: Int] = [:]
var flagged = 0
for user in 0..<10_000 {
    let amount = Float(user % 250)
    let ageDays: Float = user % 7 == 0 ? .nan : Float(user % 90)  // NaN = missing
    let result = try engine.score([amount, ageDays], id: "user-\(user)")
    byRoute[result.route, default: 0] += 1
    if result.label == "fraud" { flagged += 1 }
}
print("routes: \(byRoute.sorted { $0.key < $1.key }) — the canary took \(Double(byRoute["challenger", default: 0]) / 100) %")
print("flagged as fraud: \(flagged)")

// The same user always gets the same route:
let route = engine.route(forID: "user-42")
print("user-42 → \(route) (bucket \(StickyBucket.bucket(for: "user-42", salt: "embed-example")))")

// MARK: Cell 4 — a hot reload (after a retraining wrote a new file): requests keep flowing.
try Data(stumps(-0.5, 1.0).utf8).write(to: URL(fileURLWithPath: championPath))
try engine.reload(route: "champion")
print("after reload: \(engine.models().map { "\($0.route)=\($0.version)" })")

// MARK: Cell 5 — shut down: shadows finish, then the counts are final.
await engine.shutdown()
let shadow = engine.shadowStatistics
print("shadow vs champion answers: \(shadow.agree) agree, \(shadow.disagree) disagree, \(shadow.skipped) skipped")
