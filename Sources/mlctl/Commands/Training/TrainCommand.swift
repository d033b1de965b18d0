import ArgumentParser
import MLCore
import MLRegistry
import MLTraining
import MLValidation

/// `mlctl train --config train.yaml [--output DIR] [--registry DB] [--experiment E] [--json]`.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model from a YAML config: writes model.json, its exports and manifest.json.",
        discussion: """
            Kinds: gbdt (also writes model.xgboost.json and model.onnx), logistic_regression (also model.onnx), \
            isolation_forest. Deterministic: the same data, config and seed give a byte-identical model.json at any thread count. \
            Metrics per part go into the manifest; the config's gates apply to the test metrics (else \
            validation). --registry records the run (params, metrics, datasets by SHA-256). A progress bar \
            is drawn on stderr when it is a terminal. Exit 0 trained (and gates passed), 1 a gate failed, 2 bad \
            config or data (the key or column is named).
            """
    )

    @Option(help: "The training config (YAML or JSON).")
    var config: String

    @Option(help: "Output directory (default: the config's directory + /model).")
    var output: String?

    @Option(help: "Record the run in this registry database.")
    var registry: String?

    @Option(help: "The registry experiment (default: training).")
    var experiment = "training"

    @OptionGroup var jsonOutput: JSONOutput

    func run() throws {
        let parsed = try TrainingConfig.read(contentsOf: config)
        let directory = output ?? _FileSystem.directory(of: config) + "/model"
        let bar = TrainingProgressBar(enabled: _Platform.isTerminal(2))
        let outcome = try TrainingJob(config: parsed).run(evaluate: TrainingMetrics.evaluate, progress: bar.update)
        bar.finish()
        try TrainingJob.write(outcome, to: directory)
        let gates = try TrainingMetrics.gate(parsed.gates, metrics: outcome.manifest.metrics)
        if let registry {
            let store = try ModelRegistry(path: registry)
            var metrics: [MetricPoint] = []
            for (part, values) in outcome.manifest.metrics.sorted(by: { $0.key < $1.key }) {
                for (key, value) in values.sorted(by: { $0.key < $1.key }) where value.isFinite {
                    metrics.append(MetricPoint(key: "\(part).\(key)", value: value))
                }
            }
            _ = try store.logRun(RunRequest(
                experiment: experiment, name: "train \(outcome.manifest.model.sha256.prefix(12))",
                params: outcome.manifest.config.flattenedStrings, metrics: metrics,
                tags: ["model_sha256": outcome.manifest.model.sha256, "config_sha256": outcome.manifest.configSHA256],
                datasets: outcome.manifest.inputs.map {
                    TrainingDataset(name: _FileSystem.fileName(of: $0.path), sha256: $0.sha256, path: $0.path, rows: $0.rows, role: $0.role)
                }))
        }
        let summary = TrainSummary(
            output: directory, kind: outcome.model.kind, model_sha256: outcome.manifest.model.sha256, trees: outcome.manifest.model.trees,
            best_iteration: outcome.manifest.model.bestIteration, metrics: outcome.manifest.metrics, gates: gates)
        try jsonOutput.emit(summary) {
            switch outcome.model {
            case .gbdt(let m): print("trained \(m.trees.count) trees → \(directory)/\(TrainingJob.modelFile)")
            case .logisticRegression(let m):
                print("trained a logistic regression (\(m.solver), \(m.iterations) iterations\(m.converged ? "" : ", NOT converged")) → \(directory)/\(TrainingJob.modelFile)")
            case .isolationForest(let m):
                print("trained an isolation forest (\(m.trees.count) trees, \(m.maxSamples) rows each) → \(directory)/\(TrainingJob.modelFile)")
            }
            print("model sha256 \(outcome.manifest.model.sha256)")
            for (part, values) in outcome.manifest.metrics.sorted(by: { $0.key < $1.key }) {
                let shown = ["roc_auc", "log_loss", "accuracy", "macro_f1", "rmse", "r2", "mean_score"].compactMap { k in
                    values[k].map { "\(k) \(($0 * 10000).rounded() / 10000)" }
                }
                print("\(part): " + shown.joined(separator: ", "))
            }
            if let gates { print(gates.passed ? "gates passed" : "gates FAILED: " + gates.failures.joined(separator: "; ")) }
        }
        if let gates, !gates.passed { throw CheckFailed(summary: gates.failures.joined(separator: "; ")) }
    }
}

/// What `mlctl train --json` prints.
struct TrainSummary: Encodable {
    let output: String
    let kind: String
    let model_sha256: String
    let trees: Int?
    let best_iteration: Int?
    let metrics: [String: [String: Double]]
    let gates: GateReport?
}

extension _JSONTree {
    /// Leaf values by dotted key, as strings (registry run params).
    var flattenedStrings: [String: String] {
        var out: [String: String] = [:]
        func walk(_ node: _JSONTree, _ prefix: String) {
            switch node {
            case .object(let m): for (k, v) in m { walk(v, prefix.isEmpty ? k : prefix + "." + k) }
            case .array: out[prefix] = node.canonicalText
            case .string(let s): out[prefix] = s
            case .number, .bool, .null: out[prefix] = node.canonicalText
            }
        }
        walk(self, "")
        return out
    }
}
