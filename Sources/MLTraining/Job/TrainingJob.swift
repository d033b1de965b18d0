import MLCore
import MLModels

/// One training run from a ``TrainingConfig``: read the data, split what the files do not
/// provide, train, score every part, and produce the model files and the manifest.
///
/// Metrics are computed by the caller's `evaluate` (MLTraining does not depend on the metrics
/// module): given a part's labels (empty when the data has no label column) and predictions
/// (binary: P(1) per row; multiclass: `classCount` probabilities per row, row-major;
/// regression: values; anomaly: scores) it returns named values.
public struct TrainingJob: Sendable {
    /// What a run produced.
    public struct Outcome: Sendable {
        /// The trained model.
        public let model: TrainedModel
        /// Our model format's bytes (`model.json`).
        public let modelJSON: [UInt8]
        /// The XGBoost JSON export's bytes (gradient-boosted trees).
        public let xgboostJSON: [UInt8]?
        /// The ONNX export's bytes (gradient-boosted trees, logistic regression).
        public let onnx: [UInt8]?
        /// The manifest.
        public let manifest: TrainingManifest
        /// Labels and predictions of every part, by name.
        public let predictions: [String: (labels: [Double], predictions: [Double])]
    }

    /// Names the model files.
    public static let modelFile = "model.json"
    /// The XGBoost export's file name.
    public static let xgboostFile = "model.xgboost.json"
    /// The ONNX export's file name.
    public static let onnxFile = "model.onnx"
    /// The manifest's file name.
    public static let manifestFile = "manifest.json"

    /// The configuration.
    public let config: TrainingConfig

    /// A job for `config`.
    public init(config: TrainingConfig) { self.config = config }

    /// Runs the job.
    /// - Throws: ``TrainingError`` for data or labels that cannot be trained on; what
    ///   `evaluate` throws.
    public func run(
        evaluate: ([Double], [Double], TrainedModel) throws -> [String: Double],
        progress: ((GBDTTrainer.Progress) -> Void)? = nil
    ) throws -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let d = config.data
        var inputs: [TrainingManifest.Input] = []
        func load(_ path: String, role: String) throws -> TrainingTable {
            let table = try TrainingTable(contentsOf: path, label: d.label, features: d.features)
            let sha = try FileDigest.sha256Hex(ofFileAt: path)
            inputs.append(TrainingManifest.Input(role: role, path: path, sha256: sha, rows: table.x.rows, columns: table.x.columns))
            return table
        }
        let full = try load(d.train, role: "train")
        let features = full.features
        func sameFeatures(_ t: TrainingTable, _ role: String) throws -> TrainingTable {
            guard d.features != nil || t.features == features else {
                throw TrainingError(
                    .invalidData, "the \(role) file's columns differ from the train file's", path: role == "validation" ? d.validation : d.test)
            }
            return t
        }
        let validationFile = try d.validation.map { try sameFeatures(try load($0, role: "validation"), "validation") }
        let testFile = try d.test.map { try sameFeatures(try load($0, role: "test"), "test") }

        // Parts the files do not give come from `train`, in proportion to their fractions.
        let s = config.split
        let wantValidation = validationFile == nil && s.validation > 0
        let wantTest = testFile == nil && s.test > 0
        var fractions = [s.train]
        if wantValidation { fractions.append(s.validation) }
        if wantTest { fractions.append(s.test) }
        let total = fractions.reduce(0, +)
        let classifier = config.isClassifier
        let parts = try DataSplit.parts(
            rows: full.x.rows, fractions: fractions.map { $0 / total }, seed: config.seed,
            stratifyBy: classifier && s.stratify ? full.y : nil, timeOrdered: s.timeOrdered)
        let train = parts.count == 1 ? full : try TrainingTable(rows: parts[0], of: full)
        let validation = try validationFile ?? (wantValidation ? TrainingTable(rows: parts[1], of: full) : nil)
        let test = try testFile ?? (wantTest ? TrainingTable(rows: parts[parts.count - 1], of: full) : nil)
        let loaded = clock.now

        let model: TrainedModel
        switch config.kind {
        case .gbdt:
            model = .gbdt(try GBDTTrainer.train(
                x: train.x, y: train.y, parameters: config.parameters, featureNames: features,
                validation: validation.flatMap { $0.x.rows > 0 ? ($0.x, $0.y) : nil }, progress: progress))
        case .logisticRegression:
            model = .logisticRegression(try LogisticRegressionTrainer.train(
                x: train.x, y: train.y, parameters: config.logisticRegression, featureNames: features))
        case .isolationForest:
            model = .isolationForest(try IsolationForestTrainer.train(x: train.x, parameters: config.isolationForest, featureNames: features))
        }
        let trained = clock.now

        var xgboost: [UInt8]?
        var onnx: [UInt8]?
        let native: [UInt8]
        do {
            switch model {
            case .gbdt(let m):
                let bytes = m.xgboostJSON()
                xgboost = bytes
                onnx = try m.onnx()
                native = try ModelConverter.convert(bytes: bytes, sourceFile: Self.xgboostFile).json
            case .logisticRegression(let m):
                let bytes = try m.onnx()
                onnx = bytes
                native = try ModelConverter.convert(bytes: bytes, sourceFile: Self.onnxFile).json
            case .isolationForest(let m):
                native = try m.nativeJSON()
            }
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError(.modelExport, "the trained model does not load back: \(error)")
        }
        var predictions: [String: (labels: [Double], predictions: [Double])] = [:]
        var metrics: [String: [String: Double]] = [:]
        var labelHashes: [String: String] = [:]
        var rows: [String: Int] = [:]
        for (name, part) in [("train", train), ("validation", validation), ("test", test)] {
            guard let part, part.x.rows > 0 else { continue }
            let p = model.predict(part.x)
            let labels = part.hasLabel ? part.y : []
            predictions[name] = (labels, p)
            metrics[name] = try evaluate(labels, p, model)
            if part.hasLabel { labelHashes[name] = FileDigest.sha256Hex(of: Array(part.y.map { "\($0)\n" }.joined().utf8)) }
            rows[name] = part.x.rows
        }
        let evaluated = clock.now
        func seconds(_ a: ContinuousClock.Instant, _ b: ContinuousClock.Instant) -> Double {
            let d = b - a
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let manifest = TrainingManifest(
            config: config.resolvedTree, configSHA256: config.sha256, inputs: inputs, features: features, label: d.label,
            labelSHA256: labelHashes, rows: rows, seed: config.seed, threads: config.threads, environment: .capture(),
            durationsSeconds: [
                "load": seconds(start, loaded), "train": seconds(loaded, trained), "evaluate": seconds(trained, evaluated),
                "total": seconds(start, evaluated),
            ],
            metrics: metrics,
            model: TrainingManifest.ModelFiles(model, native: native, xgboost: xgboost, onnx: onnx))
        return Outcome(model: model, modelJSON: native, xgboostJSON: xgboost, onnx: onnx, manifest: manifest, predictions: predictions)
    }

    /// Writes `model.json`, the exports (`model.xgboost.json`, `model.onnx`) the kind has, and
    /// `manifest.json` into `directory` (created when missing), each atomically.
    /// - Throws: ``TrainingError`` `.modelExport` naming the file.
    public static func write(_ outcome: Outcome, to directory: String) throws {
        do {
            try _FileSystem.makeDirectories(directory)
            try _FileSystem.writeAtomically(outcome.modelJSON, to: directory + "/" + modelFile)
            if let xgboost = outcome.xgboostJSON { try _FileSystem.writeAtomically(xgboost, to: directory + "/" + xgboostFile) }
            if let onnx = outcome.onnx { try _FileSystem.writeAtomically(onnx, to: directory + "/" + onnxFile) }
            try _FileSystem.writeAtomically(try outcome.manifest.json(), to: directory + "/" + manifestFile)
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError(.modelExport, "cannot write the model files: \(error)", path: directory)
        }
    }
}
