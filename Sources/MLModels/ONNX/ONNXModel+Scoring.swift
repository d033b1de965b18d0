import MLCore

/// Scoring: the ``PredictiveModel`` entry points.
extension ONNXModel {
    /// Values per row: 1 (binary probability, anomaly score), K (multiclass) or T (regression).
    /// - Throws: ``ScoringError/Code/unsupportedOutput`` for raw margins and leaf indices,
    ///   ``ScoringError/Code/invalidIterationRange`` for an iteration range.
    public func outputWidth(for options: PredictionOptions) throws -> Int {
        try check(options)
        switch outputKind {
        case .binaryProbability, .anomalyScore: return 1
        default: return scoreWidth
        }
    }

    func check(_ options: PredictionOptions) throws {
        switch options.output {
        case .value: break
        case .rawMargin:
            throw ScoringError(.unsupportedOutput, "ONNX models have no raw margin: the graph's outputs are its values")
        case .leafIndex:
            throw ScoringError(.unsupportedOutput, "ONNX models do not report leaf indices")
        }
        if case .range = options.iterations {
            throw ScoringError(.invalidIterationRange, "ONNX models cannot select boosting iterations")
        }
    }

    /// Scores `rowCount` rows (row-major `Float`, NaN = missing) into `output`
    /// (`rowCount × outputWidth`): P(class 1) for binary classifiers, K probabilities for
    /// multiclass, the anomaly score, or the regression values.
    /// - Throws: ``ScoringError`` `.invalidShape` when `features` is too short (or when the graph
    ///   fails on these values, e.g. an index computed from the data is out of range),
    ///   `.outputBufferTooSmall`, `.unsupportedOutput` for raw margins or leaf indices.
    public func predict(
        _ features: UnsafeBufferPointer<Float>, rowCount: Int, into output: UnsafeMutableBufferPointer<Double>,
        options: PredictionOptions = .default
    ) throws {
        let width = try outputWidth(for: options)
        try checkBuffers(features.count, rowCount, output.count, width)
        guard rowCount > 0, let x = features.baseAddress, let base = output.baseAddress else { return }
        try evaluateScores(x, rows: rowCount, threads: options.threads, binary: outputKind == .binaryProbability, width: width, into: base)
    }

    /// A prepared scorer for one row at a time. A graph that is one tree ensemble (what
    /// onnxmltools writes for XGBoost and LightGBM) scores the row directly on the flat tree
    /// engine with stack scratch — the same code and speed as the native model, identical values
    /// to the graph run. Other graphs keep one reusable workspace per scorer (taken and returned
    /// with atomic exchanges, no lock): a lone caller allocates nothing per call once warm;
    /// concurrent callers that find it taken use a temporary one. A row the graph cannot
    /// evaluate (an index computed from the features out of range) yields NaN.
    /// - Throws: as ``outputWidth(for:)``.
    public func makeSingleRowScorer(options: PredictionOptions = .default) throws -> SingleRowScorer {
        let width = try outputWidth(for: options)
        let model = self
        let binary = outputKind == .binaryProbability
        if let trees = directTrees {
            return SingleRowScorer(featureCount: schema.featureCount, outputWidth: width) { x, out in
                trees.score(x, binary: binary, width: width, into: out)
            }
        }
        return SingleRowScorer(featureCount: schema.featureCount, outputWidth: width) { x, out in
            let workspace = model.workspaces.take() ?? _ONNXWorkspace(model.plan.makeContext())
            defer { model.workspaces.put(workspace) }
            do {
                try model.runChunk(x, rows: 1, &workspace.context.pointee)
                Self.copyScores(
                    workspace.context.pointee.values[model.scoreSlot], rows: 1, width: model.scoreWidth, binary: binary,
                    into: out)
            } catch {
                // A row the graph cannot evaluate (a data-dependent index out of range).
                for k in 0..<width { out[k] = .nan }
            }
        }
    }
}
