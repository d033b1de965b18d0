import FoundationEssentials
import MLCore

/// What `mlctl train` writes beside every model (`manifest.json`): enough to re-run the
/// training (`mlctl reproduce`) and to tell why a re-run differs.
///
/// JSON keys: `format` (`swift-mlops-training-manifest`), `version` (1), `config` (the resolved
/// configuration), `config_sha256`, `inputs` (each `role`, `path`, `sha256`, `rows`,
/// `columns`), `features`, `label`, `label_sha256` (per part), `rows` (per part), `seed`,
/// `threads`, `environment`, `durations_seconds`, `metrics` (per part), `model` (`kind`, `file`,
/// `sha256`, `xgboost_file`, `xgboost_sha256`, `onnx_file`, `onnx_sha256`, `trees`,
/// `iterations`, `best_iteration`; exports and counts the kind does not have are null).
public struct TrainingManifest: Sendable, Equatable, Codable {
    /// One input file.
    public struct Input: Sendable, Equatable, Codable {
        /// `train`, `validation` or `test`.
        public var role: String
        /// The resolved path.
        public var path: String
        /// SHA-256 of the file's bytes.
        public var sha256: String
        /// Data rows and columns read.
        public var rows: Int
        /// Columns.
        public var columns: Int
    }

    /// The model files written.
    public struct ModelFiles: Sendable, Equatable, Codable {
        /// `gbdt`, `logistic_regression` or `isolation_forest` (nil in manifests written before
        /// the other kinds existed: `gbdt`).
        public var kind: String?
        /// Our format's file name (`model.json`).
        public var file: String
        /// Its SHA-256: what `reproduce` compares.
        public var sha256: String
        /// The XGBoost JSON export's file name (gradient-boosted trees).
        public var xgboostFile: String?
        /// Its SHA-256.
        public var xgboostSHA256: String?
        /// The ONNX export's file name (gradient-boosted trees, logistic regression).
        public var onnxFile: String?
        /// Its SHA-256.
        public var onnxSHA256: String?
        /// Trees (boosted trees, isolation forest).
        public var trees: Int?
        /// Boosting iterations kept, or solver iterations (logistic regression).
        public var iterations: Int?
        /// The iteration early stopping kept.
        public var bestIteration: Int?

        enum CodingKeys: String, CodingKey {
            case kind, file, sha256, trees, iterations
            case xgboostFile = "xgboost_file"
            case xgboostSHA256 = "xgboost_sha256"
            case onnxFile = "onnx_file"
            case onnxSHA256 = "onnx_sha256"
            case bestIteration = "best_iteration"
        }

        /// The files and counts of `model`.
        init(_ model: TrainedModel, native: [UInt8], xgboost: [UInt8]?, onnx: [UInt8]?) {
            kind = model.kind
            file = TrainingJob.modelFile
            sha256 = FileDigest.sha256Hex(of: native)
            xgboostFile = xgboost.map { _ in TrainingJob.xgboostFile }
            xgboostSHA256 = xgboost.map { FileDigest.sha256Hex(of: $0) }
            onnxFile = onnx.map { _ in TrainingJob.onnxFile }
            onnxSHA256 = onnx.map { FileDigest.sha256Hex(of: $0) }
            switch model {
            case .gbdt(let m):
                (trees, iterations, bestIteration) = (m.trees.count, m.iterationCount, m.bestIteration)
            case .logisticRegression(let m):
                (trees, iterations, bestIteration) = (nil, m.iterations, nil)
            case .isolationForest(let m):
                (trees, iterations, bestIteration) = (m.trees.count, nil, nil)
            }
        }
    }

    /// `swift-mlops-training-manifest`.
    public var format = "swift-mlops-training-manifest"
    /// 1.
    public var version = 1
    /// The resolved configuration.
    package var config: _JSONTree
    /// SHA-256 of its canonical text.
    public var configSHA256: String
    /// The input files.
    public var inputs: [Input]
    /// Feature names.
    public var features: [String]
    /// The label column (nil for an isolation forest trained without one).
    public var label: String?
    /// SHA-256 of each part's label values (their shortest decimal text, one per line).
    public var labelSHA256: [String: String]
    /// Rows per part.
    public var rows: [String: Int]
    /// The seed.
    public var seed: UInt64
    /// Threads.
    public var threads: Int
    /// Where it ran.
    public var environment: EnvironmentSnapshot
    /// `load`, `train`, `evaluate`, `total`.
    public var durationsSeconds: [String: Double]
    /// Metrics per part (`train`, `validation`, `test`).
    public var metrics: [String: [String: Double]]
    /// The model files.
    public var model: ModelFiles

    enum CodingKeys: String, CodingKey {
        case format, version, config, inputs, features, label, rows, seed, threads, environment, metrics, model
        case configSHA256 = "config_sha256"
        case labelSHA256 = "label_sha256"
        case durationsSeconds = "durations_seconds"
    }

    /// The configuration the manifest embeds.
    /// - Throws: ``TrainingError`` `.invalidConfiguration` when it is not a valid config.
    public func trainingConfig() throws -> TrainingConfig { try TrainingConfig(resolved: config) }

    /// Reads a manifest file.
    /// - Throws: ``TrainingError`` `.invalidConfiguration` naming the file.
    public static func read(contentsOf path: String) throws -> TrainingManifest {
        do {
            let bytes = try _FileSystem.readBytes(atPath: path, maximumSize: 64 << 20)
            return try JSONDecoder().decode(TrainingManifest.self, from: Data(bytes))
        } catch {
            throw TrainingError(.invalidConfiguration, "not a training manifest: \(String(describing: error).prefix(300))", path: path)
        }
    }

    /// The manifest as pretty-printed JSON with sorted keys.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
