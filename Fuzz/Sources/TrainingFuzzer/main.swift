import FuzzSupport
import MLCore
import MLModels
import MLTraining

// MLTraining's outside inputs: a training config (YAML or JSON), a NUL byte, then a CSV of
// training data. The config is parsed strictly; the data goes through the label and feature
// checks and the config's kind: a GBDT training (capped at 3 trees of 8 leaves so a run stays
// short) with its XGBoost JSON and ONNX exports, a logistic regression (capped at 20
// iterations) with its ONNX export, or an isolation forest (capped at 5 trees) with its model
// file — each export through MLModels' loader. Only typed errors may come out.
runFuzzer { input in
    let parts = input.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let text = String(decoding: parts[0], as: UTF8.self)
    guard let config = try? TrainingConfig.parse(text, baseDirectory: "/nonexistent") else { return }
    guard parts.count > 1, let table = try? CSVReader(maximumThreads: 1).read(bytes: Array(parts[1])) else { return }
    guard let data = try? TrainingTable(table: table, label: config.data.label, features: config.data.features) else { return }
    switch config.kind {
    case .gbdt: break
    case .logisticRegression:
        var p = config.logisticRegression
        p.maxIterations = Swift.min(p.maxIterations, 20)
        p.threads = 1
        guard let model = try? LogisticRegressionTrainer.train(x: data.x, y: data.y, parameters: p, featureNames: data.features) else { return }
        _ = model.predict(data.x)
        if let bytes = try? model.onnx(), let loaded = try? ModelLoader.load(bytes: bytes) { _ = try? loaded.predict(data.x) }
        return
    case .isolationForest:
        var p = config.isolationForest
        p.numTrees = Swift.min(p.numTrees, 5)
        p.threads = 1
        guard let model = try? IsolationForestTrainer.train(x: data.x, parameters: p, featureNames: data.features) else { return }
        _ = model.predict(data.x)
        if let bytes = try? model.nativeJSON(), let loaded = try? ModelLoader.load(bytes: bytes) { _ = try? loaded.predict(data.x) }
        return
    }
    var p = config.parameters
    p.numTrees = Swift.min(p.numTrees, 3)
    p.numLeaves = Swift.min(p.numLeaves, 8)
    p.threads = 1
    guard let model = try? GBDTTrainer.train(x: data.x, y: data.y, parameters: p, featureNames: data.features) else { return }
    _ = model.predict(data.x)
    if let loaded = try? TreeEnsembleModel(bytes: model.xgboostJSON()) {
        _ = try? loaded.predict(data.x)
    }
    if let bytes = try? model.onnx(), let loaded = try? ModelLoader.load(bytes: bytes) { _ = try? loaded.predict(data.x) }
    _ = try? DataSplit.parts(rows: data.x.rows, fractions: [config.split.train, config.split.validation, config.split.test], seed: 1,
        stratifyBy: data.y)
}
